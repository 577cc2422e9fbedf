using System.Diagnostics;
using Xunit;

namespace Vigil.Tests.Report.Html;

/// <summary>
/// A test that opens a report in headless Chromium through tests/browser/check-report.mjs:
/// it needs node and a chromium ($VIGIL_CHROMIUM, or chromium on PATH: Debian's package,
/// which scripts/test.sh installs when it runs as root with apt). Without them the test is
/// skipped with the reason, not failed.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Browser.SkipReason;
}

internal static class Browser
{
    public static string? SkipReason { get; } = Find("node") is null ? "needs node (Debian: apt-get install nodejs) to drive Chromium"
        : Chromium() is null ? "needs chromium (Debian: apt-get install chromium; or set VIGIL_CHROMIUM)"
        : null;

    private static string? Chromium() =>
        Environment.GetEnvironmentVariable("VIGIL_CHROMIUM") is { Length: > 0 } c && File.Exists(c) ? c
        : Find("chromium") ?? Find("chromium-browser") ?? Find("google-chrome");

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    /// <summary>Runs check-report.mjs with the arguments; its exit status and output.</summary>
    public static (int Exit, string Output) CheckReport(params string[] args)
    {
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(Harness.Repo.Root, "tests", "browser", "check-report.mjs"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        // The script has its own 90 s watchdog; this only keeps a wedged node from hanging the suite.
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(true); return (-1, output + "\n(node did not finish)"); }
        return (p.ExitCode, output + err.Result);
    }
}
