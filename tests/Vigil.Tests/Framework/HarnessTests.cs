using Vigil.Analysis;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Framework;

public class HarnessTests
{
    [Fact]
    public void MatchingWantsPass()
    {
        var result = WantHarness.Check(Repo.Testdata, ["./harness/ok"], Report.TestChecks.Bad);
        Assert.Equal(3, result.Findings.Count);
    }

    [Fact]
    public void MissingAndUnexpectedFindingsAreBothReported()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./harness/wrong"]);
        var result = Driver.Run(program, [Report.TestChecks.Bad]);
        var problems = WantHarness.Compare(program, result.Findings);
        Assert.Contains(problems, p => p.StartsWith("unexpected finding:") && p.Contains("wrong.go:7:7: call to bad"));
        Assert.Contains(problems, p => p.StartsWith("missing finding:") && p.Contains("wrong.go:8"));
        Assert.Contains(problems, p => p.Contains("// want `call\\ to\\ bad`"));
    }

    [Fact]
    public void WantsMatchTraceLinesToo()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./harness/ok"]);
        var f = Driver.Run(program, [Report.TestChecks.Bad]).Findings[0];
        Assert.Matches(@"call to bad\n\t.*ok\.go:4:6: bad is declared here", f.FullText);
    }
}

public class DriverTests
{
    [Fact]
    public void AnAnalyzerThatThrowsBecomesAToolErrorAndOthersStillReport()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./harness/ok"]);
        var result = Driver.Run(program, [TestAnalyzers.Throws, Report.TestChecks.Bad]);
        Assert.Equal(3, result.Findings.Count);
        var e = Assert.Single(result.Errors);
        Assert.Equal("throws", e.Analyzer);
        Assert.Contains("boom", e.Message);
    }

    [Fact]
    public void RequirementsRunFirstAndCyclesAreRejected()
    {
        var a = new Analyzer { Name = "a", Doc = "a", Run = _ => 1 };
        var b = new Analyzer { Name = "b", Doc = "b", Requires = [a], Run = p => p.ResultOf<int>(a) + 1 };
        Assert.Equal(["a", "b"], Driver.TopologicalOrder([b]).Select(x => x.Name));
        var c1 = new Analyzer { Name = "c1", Doc = "", Run = _ => null, Requires = [] };
        var c2 = new Analyzer { Name = "c2", Doc = "", Run = _ => null, Requires = [c1] };
        // Requires is init-only: build a cycle through a list we mutate.
        var reqs = new List<Analyzer>();
        var c3 = new Analyzer { Name = "c3", Doc = "", Run = _ => null, Requires = reqs };
        var c4 = new Analyzer { Name = "c4", Doc = "", Run = _ => null, Requires = [c3] };
        reqs.Add(c4);
        Assert.Equal(2, Driver.TopologicalOrder([c2]).Count);
        Assert.Throws<InvalidOperationException>(() => Driver.TopologicalOrder([c4]));
    }

    [Fact]
    public void FindingsAreSortedAndTheSameAcrossJobCounts()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./harness/..."]);
        var one = Driver.Run(program, [Report.TestChecks.Bad], jobs: 1).Findings;
        var many = Driver.Run(program, [Report.TestChecks.Bad], jobs: 4).Findings;
        Assert.Equal(one.Select(f => $"{f.Location} {f.FullText}"), many.Select(f => $"{f.Location} {f.FullText}"));
        Assert.Equal(one.OrderBy(f => f, Comparer<Vigil.Findings.Finding>.Create(Vigil.Findings.Finding.Compare)), one);
    }
}
