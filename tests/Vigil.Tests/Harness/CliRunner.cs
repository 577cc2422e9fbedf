using System.Diagnostics;

namespace Vigil.Tests.Harness;

/// <summary>Runs the real `vigil` command (vigil.dll) as a process, for end-to-end tests.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static Result Run(string workingDirectory, IEnumerable<string> args, IDictionary<string, string?>? env = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vigil.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        if (env != null)
            foreach (var (k, v) in env)
                if (v is null) psi.Environment.Remove(k); else psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return new Result(p.ExitCode, output, err.Result);
    }

    /// <summary>A fresh Go module in a temporary directory, with the given files (path → content).</summary>
    public static string TempModule(IDictionary<string, string> files, string module = "example.com/tmp")
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "go.mod"), $"module {module}\n\ngo 1.22\n");
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        return dir;
    }
}
