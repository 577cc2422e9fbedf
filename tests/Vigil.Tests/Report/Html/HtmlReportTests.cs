using System.Text.RegularExpressions;
using Vigil.Findings;
using Vigil.Output;
using Vigil.Output.Html;
using Vigil.Syntax;
using Xunit;

namespace Vigil.Tests.Report.Html;

/// <summary>The HTML report's generator on findings made here, over Go files written here.</summary>
public class HtmlReportTests : IDisposable
{
    private readonly TempModule module = new(git: false);

    public void Dispose() => Directory.Delete(module.Dir, true);

    private static readonly Rule Nil = new("vigil-nil", "nil panics", "nil panics\n\nbody");
    private static readonly Rule Race = new("vigil-race", "data races", "data races\n\nbody");

    private string Render(IReadOnlyList<Finding> findings, IReadOnlyList<Rule>? rules = null)
    {
        var context = new ReportContext { Paths = new RepoPaths(module.Dir), Sources = new SourceFiles(null), Rules = rules ?? [Nil, Race], ToolVersion = "test" };
        var w = new StringWriter { NewLine = "\n" };
        new HtmlFormat().Write(w, findings, context);
        return w.ToString();
    }

    private Location At(string file, int line, int column) => new(Path.Combine(module.Dir, file), line, column, -1);

    private const string Source = """
        package p

        type T struct{ Name string }

        func find() *T { return nil }

        func Use() string {
        	t := find()
        	s := "</pre><script>alert('x')</script> & \"q\""
        	return t.Name + s
        }
        """;

    private Finding NilFinding(string pkg = "example.com/r/p", string message = "nil panic: t may be nil here (field Name accessed)") => new()
    {
        Check = "vigil-nil",
        Package = pkg,
        Location = At("p/p.go", 10, 9),
        Message = message,
        Related =
        [
            new(At("p/p.go", 5, 25), "literal nil"),
            new(At("p/p.go", 8, 7), "returned by the call find()"),
            new(At("p/p.go", 10, 9), "field Name accessed"),
        ],
    };

    [Fact]
    public void EverythingFromTheCodeAndTheFindingIsEscaped()
    {
        module.Write("p/p.go", Source);
        var f = NilFinding(message: "nil panic: <b>t</b> & \"it\" may be nil") with { Check = "vigil-<x>" };
        var html = Render([f with { Related = [.. f.Related, new(At("p/p.go", 9, 7), "the string <script>")] }]);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("</pre><script>", html);
        Assert.Contains("&lt;/pre&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; \\&quot;q\\&quot;", html);
        Assert.Contains("nil panic: &lt;b&gt;t&lt;/b&gt; &amp; &quot;it&quot; may be nil", html);
        Assert.Contains("data-check=\"vigil-&lt;x&gt;\"", html);
        Assert.Contains("the string &lt;script&gt;", html);
        // The page's own script is the only one.
        Assert.Single(Regex.Matches(html, "<script>"));
    }

    [Fact]
    public void FindingsAreGroupedByPackageThenCheckInRuleOrder()
    {
        module.Write("p/p.go", Source);
        var race = new Finding { Check = "vigil-race", Package = "example.com/r/a", Location = At("p/p.go", 8, 2), Message = "data race: t written" };
        var html = Render([NilFinding("example.com/r/b"), race, NilFinding("example.com/r/a"), race with { Package = "example.com/r/b" }]);
        int a = html.IndexOf("<section class=\"package\" data-package=\"example.com/r/a\">", StringComparison.Ordinal);
        int b = html.IndexOf("<section class=\"package\" data-package=\"example.com/r/b\">", StringComparison.Ordinal);
        Assert.True(a > 0 && b > a, "package a's section comes before b's");
        int aNil = html.IndexOf("data-check=\"vigil-nil\"", a, StringComparison.Ordinal);
        int aRace = html.IndexOf("data-check=\"vigil-race\"", a, StringComparison.Ordinal);
        Assert.True(aNil < aRace && aRace < b, "within a package, nil before race (the rules' order)");
        Assert.Equal(4, Regex.Matches(html, "<article class=\"finding").Count);
        Assert.Contains("4 findings in 2 packages", html);
        // The filters offer exactly what the findings have.
        Assert.Contains("<option value=\"example.com/r/a\">", html);
        Assert.Contains("<option value=\"vigil-race\">", html);
    }

    [Fact]
    public void ThePageLoadsNothingFromOutside()
    {
        module.Write("p/p.go", Source);
        var html = Render([NilFinding()]);
        Assert.DoesNotMatch(new Regex(@"\ssrc\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"<link\b|@import|url\((?!#)", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"<(iframe|img|object|embed|video|audio)\b", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"\bfetch\(|XMLHttpRequest|import\(", RegexOptions.IgnoreCase), html);
        Assert.Contains($"<meta http-equiv=\"Content-Security-Policy\" content=\"{PageFrame.Policy}\">", html);
        // Every link is an anchor in the page or a check's documentation, followed only by hand.
        foreach (Match m in Regex.Matches(html, "href=\"([^\"]*)\""))
            Assert.True(m.Groups[1].Value.StartsWith('#') || Regex.IsMatch(m.Groups[1].Value, "^(https?|file)://"), m.Value);
    }

    [Fact]
    public void SameFindingsGiveTheSameBytes()
    {
        module.Write("p/p.go", Source);
        Assert.Equal(Render([NilFinding(), NilFinding("example.com/r/q")]), Render([NilFinding(), NilFinding("example.com/r/q")]));
    }

    [Fact]
    public void EveryStepGetsItsNumberedExcerptWithThePositionMarked()
    {
        module.Write("p/p.go", Source);
        var html = Render([NilFinding()]);
        Assert.Contains("<span class=\"num\">1</span> literal nil", html);
        Assert.Contains("<span class=\"num\">2</span> returned by the call find()", html);
        // The last step is the reported place: it is marked so, with no separate excerpt for the report.
        Assert.Contains("<span class=\"num num-reported\">3</span> field Name accessed", html);
        Assert.DoesNotContain("<div class=\"reported\">", html);
        Assert.Equal(3, Regex.Matches(html, "<pre class=\"excerpt\">").Count);
        Assert.Contains("func find() *T { return <mark>nil</mark> }", html);
        // Line numbers are padded to the widest shown; tabs stay tabs (the style sets their width).
        Assert.Contains("<span class=\"ln\"> 8</span><span class=\"code\">\tt := <mark>find</mark>()</span>", html);
    }

    [Fact]
    public void AMissingFileOrLineIsSaidNotThrown()
    {
        module.Write("p/p.go", Source);
        var f = NilFinding() with
        {
            Related = [new(At("p/gone.go", 3, 1), "a step in a deleted file"), new(At("p/p.go", 400, 1), "a step past the end")],
        };
        var html = Render([f]);
        Assert.Contains("source not available: p/gone.go could not be read", html);
        Assert.Contains("line 400 is past the end of p/p.go (11 lines)", html);
    }

    [Fact]
    public void ANilFlowIsAPathThroughTheFunctionsItCrosses()
    {
        // Functions are known from loaded files; here, with no program loaded, each file stands for its function.
        module.Write("p/p.go", Source).Write("p/q.go", "package p\n\nfunc Other() {}\n");
        var f = NilFinding() with { Related = [new(At("p/q.go", 3, 6), "nil made here"), new(At("p/p.go", 8, 7), "returned by the call"), new(At("p/p.go", 10, 9), "field Name accessed")] };
        var svg = Regex.Match(Render([f]), "<svg class=\"diagram\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Contains("aria-label=\"flow through 2 functions in 3 steps\"", svg);
        Assert.Contains(">q.go</text>", svg);
        Assert.Contains(">p.go</text>", svg);
        Assert.Equal(2, Regex.Matches(svg, "<path class=\"flow\"").Count); // an arrow per step after the first
        Assert.Contains("class=\"label label-end\"", svg);
    }

    [Fact]
    public void ARaceIsTwoLanesWithTheLocksHeldAtEachAccess()
    {
        module.Write("p/p.go", Source);
        var race = new Finding
        {
            Check = "vigil-race",
            Package = "example.com/r/p",
            Location = At("p/p.go", 10, 9),
            Message = "data race: t.Name read without holding c.mu",
            Flow = "this goroutine",
            Locks = [],
            Related =
            [
                new(At("p/p.go", 8, 2), "the other access: t written holding c.mu") { Flow = "other goroutine", Locks = ["c.mu", "c.rw (read)"] },
                new(At("p/p.go", 7, 1), "the goroutine started here") { Flow = "other goroutine" },
                new(At("p/p.go", 9, 2), "the goroutine started here") { Flow = "this goroutine" },
            ],
        };
        var html = Render([race]);
        var svg = Regex.Match(html, "<svg class=\"diagram\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.Contains("aria-label=\"2 goroutines: this goroutine and other goroutine\"", svg);
        Assert.Contains(">holding c.mu, c.rw (read)</text>", svg);
        Assert.Contains(">no lock held</text>", svg);
        Assert.Contains(">this access (reported)</text>", svg);
        Assert.Contains("class=\"race\"", svg);
        // Each lane starts where its goroutine starts and ends at its access.
        var lanes = LanesDiagram.LanesOf(Step.Trace(race), Step.Reported(race));
        Assert.Equal(["this goroutine", "other goroutine"], lanes.Select(l => l.Name));
        Assert.Equal([3], lanes[0].Path.Select(s => s.Number));
        Assert.Equal(0, lanes[0].Access.Number);
        Assert.Equal([2], lanes[1].Path.Select(s => s.Number));
        Assert.Equal(1, lanes[1].Access.Number);
        // The step list says the locks too.
        Assert.Contains("<span class=\"held\">holding c.mu, c.rw (read)</span>", html);
    }

    [Fact]
    public void EscapesOfOneFunctionFormOneCallTree()
    {
        module.Write("p/p.go", Source);
        Finding Escape(int line, string what, params string[] calls) => new()
        {
            Check = "vigil-escape",
            Package = "example.com/r/p",
            Function = "example.com/r/p.Hot",
            Location = At("p/p.go", line, 2),
            Message = what,
            Related = calls.Select((c, i) => new RelatedLocation(At("p/p.go", 5, 1 + i), "→ " + c)).ToList(),
        };
        var html = Render([Escape(8, "heap: x escapes", "p.grow (p.go:5)", "p.alloc (p.go:9)"), Escape(9, "builtin: string concatenation", "p.grow (p.go:5)"), Escape(10, "heap: y escapes")],
            [new Rule("vigil-escape", "escape promises", "escape promises")]);
        var svgs = Regex.Matches(html, "<svg class=\"diagram\".*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        Assert.Equal(3, svgs.Count);
        // One tree: Hot → grow → {alloc → x, concatenation}, and y directly: the shared call is one node.
        Assert.All(svgs, svg => Assert.Contains("aria-label=\"call tree of p.Hot: 3 escapes\"", svg));
        Assert.Single(Regex.Matches(svgs[0], ">p.grow \\(p.go:5\\)</text>"));
        // Each finding highlights its own chain: the first its three nodes below the root, the third only its leaf.
        Assert.Equal(4, Regex.Matches(svgs[0], "class=\"label label-on\"").Count);
        Assert.Equal(2, Regex.Matches(svgs[2], "class=\"label label-on\"").Count);
    }

    [Fact]
    public void RealRaceFindingsCarryTheLocksHeldAtEachAccess()
    {
        // The race check records the locks on its findings (Finding.Locks, RelatedLocation.Locks): the lanes draw them.
        var file = Path.Combine(module.Dir, "race.html");
        var r = CliRunner.Run(Harness.Repo.Testdata, Vigil.Analysis.Registry.Checks, "check", "--checks", "race", "--cache=false", "--format", "html=" + file, "./race/guarded");
        Assert.True(r.Exit == 1, r.ToString());
        var html = System.IO.File.ReadAllText(file);
        // Counter.Get reads c.n unguarded; Counter.Inc writes it holding c.mu.
        var get = Regex.Match(html, "<article[^>]*>\n<header>[^\n]*guarded.go:32:9.*?</article>", RegexOptions.Singleline).Value;
        Assert.Contains(">holding c.mu</text>", get);
        Assert.Contains(">no lock held</text>", get);
        Assert.Contains("<span class=\"held\">holding c.mu</span>", get);
    }

    [Fact]
    public void NoFindingsIsAPageThatSaysSo()
    {
        var html = Render([]);
        Assert.Contains("<p class=\"empty\">No findings.</p>", html);
        Assert.DoesNotContain("<form", html);
        Assert.EndsWith("</html>\n", html);
    }
}
