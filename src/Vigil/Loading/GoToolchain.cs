using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Vigil.Loading;

/// <summary>The user's Go toolchain: where `go` is and which version it is.</summary>
public sealed partial class GoToolchain
{
    public const int MinMinor = 22;

    private GoToolchain(string path, string version) { GoPath = path; Version = version; }

    public string GoPath { get; }
    /// <summary>As `go env GOVERSION` prints it, e.g. "go1.23.5".</summary>
    public string Version { get; }

    /// <summary>
    /// Finds `go`: $VIGIL_GO, else `go` on PATH, else (when that is missing or older than 1.22) the
    /// newest of Debian's versioned toolchains, /usr/lib/go-1.NN/bin/go: Debian's golang-go on PATH can
    /// be older than a golang-1.NN installed from backports, which goes only there. Throws
    /// <see cref="LoadException"/> if none is usable.
    /// </summary>
    public static GoToolchain Find()
    {
        string? go = Environment.GetEnvironmentVariable("VIGIL_GO");
        if (!string.IsNullOrEmpty(go))
        {
            if (!System.IO.File.Exists(go))
                throw new LoadException($"VIGIL_GO is set to {go}, but {(Directory.Exists(go) ? "that is a directory" : "no such file exists")}: set VIGIL_GO to the go binary (e.g. /usr/local/go/bin/go), or unset it to use the go on PATH");
            return Check(go);
        }
        go = FindOnPath("go");
        LoadException? tooOld = null;
        if (go is not null)
        {
            try { return Check(go); }
            catch (LoadException e) { tooOld = e; }
        }
        foreach (var candidate in DebianToolchains())
        {
            try { return Check(candidate); }
            catch (LoadException) { }
        }
        throw tooOld ?? new LoadException("go was not found on PATH: Vigil needs Go 1.22 or newer to load packages; install Go (or set VIGIL_GO to the go binary) and retry");
    }

    /// <summary>
    /// The go command that runs Vigil as its vet tool: it puts its GOROOT and GOVERSION in the tool's
    /// environment, which spares a `go env` per package. Null when they are missing or too old.
    /// </summary>
    public static GoToolchain? OfGoCommand()
    {
        var root = Environment.GetEnvironmentVariable("GOROOT");
        var version = Environment.GetEnvironmentVariable("GOVERSION");
        if (string.IsNullOrEmpty(root) || string.IsNullOrEmpty(version)) return null;
        var go = System.IO.Path.Combine(root, "bin", OperatingSystem.IsWindows() ? "go.exe" : "go");
        var m = VersionRegex().Match(version);
        if (!System.IO.File.Exists(go) || !m.Success) return null;
        int major = int.Parse(m.Groups[1].Value), minor = int.Parse(m.Groups[2].Value);
        return major > 1 || minor >= MinMinor ? new GoToolchain(go, version) : null;
    }

    /// <summary>The go binary's version, or an error when it is older than 1.22 or cannot tell.</summary>
    private static GoToolchain Check(string go)
    {
        string version = RunGo(go, "env", "GOVERSION").Trim();
        var m = VersionRegex().Match(version);
        if (!m.Success)
            throw new LoadException($"could not tell the version of {go} (go env GOVERSION printed \"{version}\"); Vigil needs Go 1.22 or newer");
        int major = int.Parse(m.Groups[1].Value), minor = int.Parse(m.Groups[2].Value);
        if (major < 1 || (major == 1 && minor < MinMinor))
            throw new LoadException($"{go} is {version}, but Vigil needs Go 1.22 or newer: install a newer Go (or set VIGIL_GO to one) and retry");
        return new GoToolchain(go, version);
    }

    /// <summary>
    /// Debian's versioned Go toolchains, newest first: DIR/go-1.NN/bin/go with 1.NN at least 1.22,
    /// DIR being /usr/lib (VIGIL_GO_LIBDIR overrides it; the tests point it elsewhere).
    /// </summary>
    private static IEnumerable<string> DebianToolchains()
    {
        string dir = Environment.GetEnvironmentVariable("VIGIL_GO_LIBDIR") is { Length: > 0 } d ? d : "/usr/lib";
        if (!Directory.Exists(dir)) return [];
        return Directory.EnumerateDirectories(dir, "go-1.*")
            .Select(p => (Path: System.IO.Path.Combine(p, "bin", "go"), Minor: int.TryParse(System.IO.Path.GetFileName(p)["go-1.".Length..], out int n) ? n : -1))
            .Where(c => c.Minor >= MinMinor && System.IO.File.Exists(c.Path))
            .OrderByDescending(c => c.Minor)
            .Select(c => c.Path)
            .ToList();
    }

    internal static string RunGo(string go, params string[] args)
    {
        var psi = new ProcessStartInfo(go) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["GOTOOLCHAIN"] = "local";
        Process? started;
        try { started = Process.Start(psi); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LoadException($"could not run {go}: {e.Message}{(Environment.GetEnvironmentVariable("VIGIL_GO") == go ? " (it is VIGIL_GO: set it to the go binary, or unset it to use the go on PATH)" : "")}");
        }
        using var p = started ?? throw new LoadException($"could not start {go}");
        var err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new LoadException($"{go} {string.Join(' ', args)} failed: {err.Result.Trim()}");
        return output;
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var p = System.IO.Path.Combine(dir, name);
            if (System.IO.File.Exists(p)) return p;
        }
        return null;
    }

    [GeneratedRegex(@"^go(\d+)\.(\d+)")]
    private static partial Regex VersionRegex();
}
