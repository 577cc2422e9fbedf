using System.Diagnostics;
using Vigil.Loading;

namespace Vigil.Analysis.Escape;

/// <summary>
/// Asks the Go compiler for its own decisions: compiles the given packages
/// with <c>-gcflags=-json=0,file://DIR -S -dwarf=false</c> (escape log into a fresh
/// directory, machine code on stderr). The directory must be new for every
/// run: the JSON log is a side effect of compiling and is not replayed from
/// the build cache, and a new path also makes the flags (the cache key) new.
/// The compile is driven by <c>go list -e -export</c> rather than go build:
/// it compiles exactly the same way but never links (a command costs no
/// link), and with <c>-test</c> it also compiles the packages' test variants
/// ("p [p.test]", "p_test [p.test]"), which go build cannot.
/// </summary>
public static class CompilerRun
{
    // Finding the toolchain runs `go env GOVERSION`; once per process is enough.
    private static readonly Lazy<GoToolchain> Toolchain = new(GoToolchain.Find);

    /// <summary>Compiles <paramref name="importPaths"/> (all of one module) from <paramref name="moduleDir"/>.</summary>
    /// <param name="tests">Also compile the packages' _test.go files (their test variants and external test packages).</param>
    /// <param name="cancel">Kills the compile (used when a compile started early turns out not to be needed).</param>
    public static CompilerOutput Compile(string moduleDir, IReadOnlyList<string> importPaths, bool tests = false, string? tags = null, CancellationToken cancel = default)
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
            psi.ArgumentList.Add("list");
            psi.ArgumentList.Add("-e");
            psi.ArgumentList.Add("-export");
            if (tests) psi.ArgumentList.Add("-test");
            // -dwarf=false: debug information is never read here, and not generating it saves a tenth of the compile; the code is the same.
            psi.ArgumentList.Add("-gcflags=-json=0,file://" + jsonDir + " -S -dwarf=false");
            // With -e a package that does not compile is listed with its error instead of failing the run.
            psi.ArgumentList.Add("-f={{if .Error}}{{.Error}}{{end}}");
            // The same build tags as the load, so the compiler sees the same files.
            if (!string.IsNullOrEmpty(tags)) { psi.ArgumentList.Add("-tags"); psi.ArgumentList.Add(tags); }
            psi.ArgumentList.Add("--");
            foreach (var p in importPaths) psi.ArgumentList.Add(p);
            psi.Environment["GOTOOLCHAIN"] = "local";
            using var proc = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {go.GoPath}");
            using var kill = cancel.Register(() => { try { proc.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } });
            var stdout = proc.StandardOutput.ReadToEndAsync(CancellationToken.None);
            // -S output is large: parse it as it streams rather than holding it all.
            var errorLines = new List<string>();
            var functions = AsmReader.Read(proc.StandardError.BaseStream, line =>
            {
                if (errorLines.Count < 50 && !IsAssemblyHeader(line)) errorLines.Add(line);
            });
            proc.WaitForExit();
            cancel.ThrowIfCancellationRequested();
            output.Functions.AddRange(functions);
            output.Escapes.AddRange(CompilerJsonReader.ReadDirectory(jsonDir));
            string listed = stdout.Result.Trim();
            if (proc.ExitCode != 0)
                output.Errors.Add($"go list -export {string.Join(' ', importPaths)} failed: {string.Join("\n", errorLines.Take(20))}");
            else if (listed.Length > 0)
                output.Errors.Add(string.Join("\n", listed.Split('\n').Take(20)));
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

    /// <summary>Whether a line of the output is part of the assembly listing (a package or symbol header) rather than a message.</summary>
    private static bool IsAssemblyHeader(string line) =>
        line.StartsWith("# ", StringComparison.Ordinal)
        || line.Contains(" STEXT", StringComparison.Ordinal) || line.Contains(" SRODATA", StringComparison.Ordinal)
        || line.Contains(" SNOPTR", StringComparison.Ordinal) || line.Contains(" SDWARF", StringComparison.Ordinal)
        || line.Contains(" SBSS", StringComparison.Ordinal) || line.Contains(" SDATA", StringComparison.Ordinal)
        || line.Contains(" SLIBFUZZER", StringComparison.Ordinal);
}
