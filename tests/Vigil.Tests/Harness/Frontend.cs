using System.Diagnostics;
using Vigil.Loading;

namespace Vigil.Tests.Harness;

/// <summary>Runs the cached Go front-end binary directly, for tests that compare it with the C# side.</summary>
public static class Frontend
{
    private static readonly Lazy<string> binary = new(() => FrontendCache.Ensure(GoToolchain.Find()));

    public static string Run(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(binary.Value)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["VIGIL_GO"] = GoToolchain.Find().GoPath;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"front-end {string.Join(' ', args)} failed: {err.Result}");
        return output;
    }
}
