using Vigil.Analysis;
using Vigil.Analysis.Nil;
using Vigil.Config;
using Vigil.Filtering;
using Vigil.Findings;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Nil;

/// <summary>
/// //nolint:vigil-nil through the whole pipeline (analysis, then the suppression
/// filter): a suppressed dereference, or a function whose declaration carries the
/// directive, silences the flows that end there, including those reported at callers.
/// </summary>
public class NilSuppressionTests
{
    private static (Vigil.Loading.GoProgram Program, FilterResult Result) Run()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./nilsuppress/..."]);
        var found = Driver.Run(program, [NilAnalyzer.Analyzer]);
        Assert.Empty(found.Errors);
        var known = new HashSet<string> { NilAnalyzer.Analyzer.CheckId, Suppressions.DirectiveCheck };
        var filter = new FindingFilter
        {
            Config = VigilConfig.Default,
            Sources = new SourceFiles(program),
            Paths = new RepoPaths(Repo.Testdata),
            KnownChecks = known,
            EnabledChecks = known,
        };
        return (program, filter.Apply(found.Findings));
    }

    [Fact]
    public void SuppressedDereferencesDoNotSurfaceAtCallers()
    {
        var (program, result) = Run();
        // Every directive hid something (no "suppresses no finding" report), and what is left is exactly the wants.
        var problems = WantHarness.Compare(program, result.Reported);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheSuppressedSiteIsNotNamedAmongOtherPlaces()
    {
        var (_, result) = Run();
        var f = result.Reported.Single(f => f.Message.StartsWith("nil panic: p may be nil here"));
        Assert.DoesNotContain(f.Related, r => r.Message.Contains("other place"));
    }
}
