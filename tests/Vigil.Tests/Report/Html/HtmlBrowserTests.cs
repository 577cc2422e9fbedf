using Vigil.Analysis;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Report.Html;

/// <summary>
/// The HTML report of real runs, opened in headless Chromium: the example module
/// (a nil flow, a handler race and a broken escape promise) and the race and
/// escape testdata (races with locks held, escape chains through callees). Each
/// kind renders its diagram with the expected text, the filters work, and the
/// page logs no console error and requests nothing outside the file.
/// </summary>
public class HtmlBrowserTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("vigil-html-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private string Report(string module, string name, params string[] patterns)
    {
        var file = Path.Combine(dir, name);
        var r = CliRunner.Run(module, Registry.Checks, ["check", "--format", "html=" + file, .. patterns]);
        Assert.True(r.Exit == 1, r.ToString());
        return file;
    }

    [BrowserFact]
    public void TheExampleModuleShowsANilFlowARaceAndAnEscape()
    {
        var report = Report(Path.Combine(Repo.Root, "examples", "orders"), "orders.html", "./...");
        var (exit, output) = Browser.CheckReport(report, "--filters",
            "--expect", "article[data-check=\"vigil-nil\"] svg::(*Store).Find",
            "--expect", "article[data-check=\"vigil-nil\"] svg::field ID accessed",
            "--expect", "article[data-check=\"vigil-nil\"] ol.steps::literal nil",
            "--expect", "article[data-check=\"vigil-nil\"] pre.excerpt mark::nil",
            "--expect", "article[data-check=\"vigil-race\"] svg::other goroutine",
            "--expect", "article[data-check=\"vigil-race\"] svg::the handler registered here",
            "--expect", "article[data-check=\"vigil-race\"] svg::no lock held",
            "--expect", "article[data-check=\"vigil-escape\"] svg::orders.Total",
            "--expect", "article[data-check=\"vigil-escape\"] svg::string concatenation");
        Assert.True(exit == 0, output);
    }

    [BrowserFact]
    public void RacesShowTheLocksHeldAndEscapesTheirCallChain()
    {
        var report = Report(Repo.Testdata, "testdata.html", "./race/guarded", "./escape/callee");
        var (exit, output) = Browser.CheckReport(report, "--filters",
            "--expect", "article[data-check=\"vigil-race\"] svg::holding c.mu",
            "--expect", "article[data-check=\"vigil-race\"] svg::holding r.RWMutex",
            "--expect", "article[data-check=\"vigil-race\"] svg::this goroutine",
            "--expect", "article[data-check=\"vigil-escape\"] svg::callee.first (callee.go:14)",
            "--expect", "article[data-check=\"vigil-escape\"] svg::callee.second (callee.go:17)",
            "--expect", "article[data-check=\"vigil-escape\"] svg::callee.Chain");
        Assert.True(exit == 0, output);
    }

    [BrowserFact]
    public void AConsoleErrorOrARequestOutsideTheFileFailsTheCheck()
    {
        // The checker itself: a page whose script throws, or that loads an image from elsewhere, must not pass.
        var page = Path.Combine(dir, "broken.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><body><p>x</p><img src=\"http://127.0.0.1:9/x.png\"><script>undefinedFunction();</script></body></html>");
        var (exit, output) = Browser.CheckReport(page, "--expect", "p::not there");
        Assert.True(exit == 1, output);
        Assert.Contains("uncaught exception: ReferenceError: undefinedFunction is not defined", output);
        Assert.Contains("request leaving the file: http://127.0.0.1:9/x.png", output);
        Assert.Contains("FAIL: expected \"not there\" in p", output);
    }
}
