using Vigil.Analysis.Race;
using Vigil.Syntax;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Race;

/// <summary>
/// A function's race summary is the same whichever function is summarized
/// first: in parallel runs, any of them can be.
/// </summary>
public class SummaryDeterminismTests
{
    [Fact]
    public void MutuallyRecursiveSummariesDoNotDependOnWhichIsComputedFirst()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./race/recursion"]);
        var pkg = Assert.Single(program.Packages);
        FunctionRef Decl(string name) => new(pkg.Files.SelectMany(f => f.Syntax.Decls).OfType<FuncDecl>().Single(d => d.Name!.Name == name), pkg);
        var a = Decl("walkA");
        var b = Decl("walkB");

        var first = new Summaries(program);
        var aFirst = Render(first.EventsOf(a));
        var bAfter = Render(first.EventsOf(b));
        var second = new Summaries(program);
        var bFirst = Render(second.EventsOf(b));
        var aAfter = Render(second.EventsOf(a));

        Assert.Equal(aFirst, aAfter);
        Assert.Equal(bFirst, bAfter);
        Assert.Contains(bFirst, e => e.Contains("visited"));
        Assert.Contains(aFirst, e => e.Contains("visited")); // through walkB
    }

    [Fact]
    public void RaceThroughMutualRecursionIsFound() =>
        WantHarness.Check(Repo.Testdata, ["./race/recursion"], RaceAnalyzer.Analyzer);

    private static List<string> Render(FunctionEvents fe) =>
        fe.Events.Select(e => $"{e.Kind} {e.Loc?.ToString() ?? "-"} at {e.Origin.Location} via {string.Join(">", e.Chain.Select(c => c.Location.ToString()))}").ToList();
}
