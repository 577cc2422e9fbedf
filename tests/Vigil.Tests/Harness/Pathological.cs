using System.Diagnostics;
using Vigil.Loading;

namespace Vigil.Tests.Harness;

/// <summary>
/// Modules of pathological but valid Go, written at test time by bench/patho/gen.go (the
/// bench's own generator, run small here). Each has the package "normal", whose one nil
/// finding must come out whatever happens to the other packages.
/// </summary>
public static class Pathological
{
    /// <summary>The finding of the package "normal" (bench/patho/gen.go).</summary>
    public const string NormalFinding = "normal/normal.go:7:11: nil panic: t may be nil here (field x accessed) (vigil-nil)";

    public static string Generate(double scale, params string[] kinds)
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-patho-" + Guid.NewGuid().ToString("N")[..12]);
        var go = GoToolchain.Find().GoPath;
        var psi = new ProcessStartInfo(go)
        {
            WorkingDirectory = Path.Combine(Repo.Root, "bench", "patho"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "run", "gen.go", "-out", dir, "-scale", scale.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        if (kinds.Length > 0) { psi.ArgumentList.Add("-only"); psi.ArgumentList.Add(string.Join(",", kinds)); }
        psi.Environment["GOTOOLCHAIN"] = "local";
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"bench/patho/gen.go failed: {err.Result}");
        return dir;
    }
}
