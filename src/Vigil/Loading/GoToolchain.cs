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

    /// <summary>Finds `go`: $VIGIL_GO, else `go` on PATH. Throws <see cref="LoadException"/> if missing or older than 1.22.</summary>
    public static GoToolchain Find()
    {
        string? go = Environment.GetEnvironmentVariable("VIGIL_GO");
        if (!string.IsNullOrEmpty(go))
        {
            if (!System.IO.File.Exists(go))
                throw new LoadException($"VIGIL_GO is set to {go}, but {(Directory.Exists(go) ? "that is a directory" : "no such file exists")}: set VIGIL_GO to the go binary (e.g. /usr/local/go/bin/go), or unset it to use the go on PATH");
        }
        else
        {
            go = FindOnPath("go");
            if (go is null)
                throw new LoadException("go was not found on PATH: Vigil needs Go 1.22 or newer to load packages; install Go (or set VIGIL_GO to the go binary) and retry");
        }
        string version = RunGo(go, "env", "GOVERSION").Trim();
        var m = VersionRegex().Match(version);
        if (!m.Success)
            throw new LoadException($"could not tell the version of {go} (go env GOVERSION printed \"{version}\"); Vigil needs Go 1.22 or newer");
        int major = int.Parse(m.Groups[1].Value), minor = int.Parse(m.Groups[2].Value);
        if (major < 1 || (major == 1 && minor < MinMinor))
            throw new LoadException($"{go} is {version}, but Vigil needs Go 1.22 or newer: install a newer Go and retry");
        return new GoToolchain(go, version);
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
