using System.Diagnostics;
using Vigil.Loading;

namespace Vigil.Analysis.Escape;

/// <summary>
/// Asks the Go compiler for its own decisions: compiles the given packages
/// with <c>-gcflags=-json=0,file://DIR -S</c> (escape log into a fresh
/// directory, machine code on stderr). The directory must be new for every
/// run: the JSON log is a side effect of compiling and is not replayed from
/// the build cache, and a new path also makes the flags (the cache key) new.
/// </summary>
public static class CompilerRun
{
    // Finding the toolchain runs `go env GOVERSION`; once per process is enough.
    private static readonly Lazy<GoToolchain> Toolchain = new(GoToolchain.Find);

    /// <summary>Compiles <paramref name="importPaths"/> (all of one module) from <paramref name="moduleDir"/>.</summary>
    /// <param name="singleMain">The only package is a command: go build would write its binary into the module directory unless told otherwise.</param>
    public static CompilerOutput Compile(string moduleDir, IReadOnlyList<string> importPaths, bool singleMain = false, string? tags = null)
    {
        var output = new CompilerOutput();
        if (importPaths.Count == 0) return output;
        var go = Toolchain.Value;
        string jsonDir = Directory.CreateTempSubdirectory("vigil-escape-").FullName;
        try
        {
            var psi = new ProcessStartInfo(go.GoPath)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = moduleDir,
            };
            psi.ArgumentList.Add("build");
            psi.ArgumentList.Add("-gcflags=-json=0,file://" + jsonDir + " -S");
            // The same build tags as the load, so the compiler sees the same files.
            if (!string.IsNullOrEmpty(tags)) { psi.ArgumentList.Add("-tags"); psi.ArgumentList.Add(tags); }
            if (singleMain) { psi.ArgumentList.Add("-o"); psi.ArgumentList.Add(OperatingSystem.IsWindows() ? "NUL" : "/dev/null"); }
            foreach (var p in importPaths) psi.ArgumentList.Add(p);
            psi.Environment["GOTOOLCHAIN"] = "local";
            using var proc = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {go.GoPath}");
            var stdout = proc.StandardOutput.ReadToEndAsync();
            // -S output is large: parse it as it streams rather than holding it all.
            var errorLines = new List<string>();
            var functions = AsmReader.Read(new TeeErrors(proc.StandardError, errorLines));
            proc.WaitForExit();
            _ = stdout.Result;
            output.Functions.AddRange(functions);
            output.Escapes.AddRange(CompilerJsonReader.ReadDirectory(jsonDir));
            if (proc.ExitCode != 0)
                output.Errors.Add($"go build {string.Join(' ', importPaths)} failed: {string.Join("\n", errorLines.Take(20))}");
        }
        finally
        {
            try { Directory.Delete(jsonDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        return output;
    }

    /// <summary>The directory holding go.mod above <paramref name="dir"/> (or dir itself when there is none).</summary>
    public static string ModuleRoot(string dir)
    {
        for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "go.mod"))) return d.FullName;
        return dir;
    }

    /// <summary>Passes the compiler's stderr through, keeping the lines that are not assembly (the error messages).</summary>
    private sealed class TeeErrors(TextReader inner, List<string> errors) : TextReader
    {
        public override string? ReadLine()
        {
            var line = inner.ReadLine();
            if (line is { Length: > 0 } && line[0] != '\t' && !line.StartsWith("# ", StringComparison.Ordinal) && !line.Contains(" STEXT", StringComparison.Ordinal)
                && !line.Contains(" SRODATA", StringComparison.Ordinal) && !line.Contains(" SNOPTR", StringComparison.Ordinal)
                && !line.Contains(" SDWARF", StringComparison.Ordinal) && !line.Contains(" SBSS", StringComparison.Ordinal)
                && !line.Contains(" SDATA", StringComparison.Ordinal) && !line.Contains(" SLIBFUZZER", StringComparison.Ordinal)
                && errors.Count < 50)
                errors.Add(line);
            return line;
        }
    }
}
