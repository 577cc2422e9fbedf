using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Loading;

/// <summary>
/// Builds the Go front-end from the source embedded in this assembly, with
/// the user's `go`, into a cache directory keyed by the source hash and the Go
/// version. A cached binary that does not answer with the expected schema
/// (corrupt, truncated, from another build) is rebuilt.
/// </summary>
public static class FrontendCache
{
    public static string CacheRoot() => CacheRootAndSource().Root;

    /// <summary>The cache directory, and the setting it comes from (for messages).</summary>
    private static (string Root, string Source) CacheRootAndSource()
    {
        var env = Environment.GetEnvironmentVariable("VIGIL_CACHE");
        if (!string.IsNullOrEmpty(env) && env != "off") return (env, "VIGIL_CACHE"); // "off" turns the result cache off, not the front-end's
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg)) return (System.IO.Path.Combine(xdg, "vigil"), "XDG_CACHE_HOME");
        return (System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "vigil"), "the home directory");
    }

    internal static IReadOnlyList<(string Name, byte[] Content)> Sources()
    {
        var asm = typeof(FrontendCache).Assembly;
        var list = new List<(string, byte[])>();
        foreach (var name in asm.GetManifestResourceNames().Where(n => n.StartsWith("frontend/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var s = asm.GetManifestResourceStream(name)!;
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            list.Add((name["frontend/".Length..], ms.ToArray()));
        }
        return list;
    }

    /// <summary>The hash of the embedded front-end source (names and contents).</summary>
    public static string SourceHash()
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, content) in Sources())
        {
            h.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            h.AppendData(content);
        }
        return Convert.ToHexString(h.GetHashAndReset())[..16].ToLowerInvariant();
    }

    /// <summary>Returns the path of a working front-end binary, building it when needed.</summary>
    public static string Ensure(GoToolchain go)
    {
        var (root, source) = CacheRootAndSource();
        try
        {
            return Ensure(go, root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that is a file, read-only, or on a file system that takes no files (/proc).
            var detail = e.Message.TrimEnd('.');
            var why = System.IO.File.Exists(root) ? "it is a file, not a directory"
                : !Directory.Exists(root) ? $"the directory cannot be created there ({detail})"
                : $"it cannot be written ({detail})";
            var fix = source == "VIGIL_CACHE" ? "set VIGIL_CACHE to a writable directory, or unset it"
                : $"make {root} a writable directory, or set VIGIL_CACHE to one";
            throw new LoadException($"cannot use {root} (from {source}) as Vigil's cache, where it builds its Go front-end: {why}; {fix}");
        }
    }

    /// <summary><see cref="Ensure(GoToolchain)"/> with the cache in <paramref name="cacheRoot"/>.</summary>
    internal static string Ensure(GoToolchain go, string cacheRoot)
    {
        var dir = System.IO.Path.Combine(cacheRoot, $"frontend-{SourceHash()}-{go.Version}");
        var bin = System.IO.Path.Combine(dir, "vigil-frontend");
        // One check-and-build at a time in this process (loads run in parallel, e.g. in tests);
        // other processes build under names of their own and replace the binary atomically.
        lock (Gate)
        {
            if (System.IO.File.Exists(bin) && Answers(bin)) return bin;
            // A one-time step of a minute on a slow machine: say so, or the first run looks hung.
            Console.Error.WriteLine($"vigil: building the Go front-end with {go.Version} into {cacheRoot} (once per Go version)...");
            Build(go, dir, bin);
            if (!Answers(bin))
                throw new LoadException($"the Vigil front-end built in {dir} does not run; remove that directory and retry");
            return bin;
        }
    }

    private static readonly object Gate = new();

    private static bool Answers(string bin)
    {
        try
        {
            var psi = new ProcessStartInfo(bin, "schema") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi);
            if (p is null) return false;
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 && output == Syntax.SyntaxSchema.Text;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException)
        {
            return false;
        }
    }

    private static void Build(GoToolchain go, string dir, string bin)
    {
        Directory.CreateDirectory(dir);
        string unique = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
        var src = System.IO.Path.Combine(dir, $"src-{unique}");
        if (Directory.Exists(src)) Directory.Delete(src, true);
        Directory.CreateDirectory(src);
        try
        {
            foreach (var (name, content) in Sources())
                System.IO.File.WriteAllBytes(System.IO.Path.Combine(src, name), content);
            var tmp = bin + $".tmp{unique}";
            var psi = new ProcessStartInfo(go.GoPath) { WorkingDirectory = src, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "build", "-trimpath", "-o", tmp, "." }) psi.ArgumentList.Add(a);
            // The front-end has no dependencies: build it offline, whatever the user's settings.
            psi.Environment["GOTOOLCHAIN"] = "local";
            psi.Environment["GOFLAGS"] = "-mod=mod";
            psi.Environment["GOWORK"] = "off";
            psi.Environment["GOPROXY"] = "off";
            psi.Environment["CGO_ENABLED"] = "0";
            psi.Environment.Remove("GOOS");
            psi.Environment.Remove("GOARCH");
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new LoadException($"building the Vigil front-end with {go.GoPath} ({go.Version}) failed:\n{err.Result.Trim()}");
            System.IO.File.Move(tmp, bin, overwrite: true);
        }
        finally
        {
            try { Directory.Delete(src, true); } catch (IOException) { }
            try { System.IO.File.Delete(bin + $".tmp{unique}"); } catch (IOException) { }
        }
    }
}
