using Vigil.Config;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Report;

public class DirectiveTests
{
    /// <summary>
    /// Every directive form and scope in testdata/report/directives: the
    /// findings left after suppression (and the vigil-directive findings)
    /// must be exactly the // want marks.
    /// </summary>
    [Fact]
    public void EachFormAndScopeMatchesTheWants()
    {
        var (program, result) = Pipeline.Run("./report/directives");
        var reported = result.Reported.Where(f => !f.Location.Path.EndsWith("missingreason.go", StringComparison.Ordinal)).ToList();
        var problems = WantHarness.Compare(program, reported);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(20, result.Suppressed); // each suppressed call in the testdata, counted by hand
    }

    [Fact]
    public void LintIgnoreWithoutReasonIsReportedAndNotApplied()
    {
        var (_, result) = Pipeline.Run("./report/directives");
        var here = result.Reported.Where(f => f.Location.Path.EndsWith("missingreason.go", StringComparison.Ordinal)).ToList();
        Assert.Collection(here,
            d => { Assert.Equal("vigil-directive", d.Check); Assert.Equal(7, d.Location.Line); Assert.Contains("missing the required reason", d.Message); },
            f => { Assert.Equal("vigil-bad", f.Check); Assert.Equal(8, f.Location.Line); });
    }

    [Fact]
    public void ReasonRequiredByConfigReportsNoLintWithoutOne()
    {
        var (_, result) = Pipeline.Run("./report/directives", new VigilConfig { DirectivesRequireReason = true });
        var needs = result.Reported.Where(f => f.Message.Contains("needs a reason")).Select(f => f.Location.Line).ToList();
        // //nolint:vigil, //nolint:all and bare //nolint on lines 13-15 give no reason, nor "//nolint: vigil-bad" on 73.
        Assert.Equal([13, 14, 15, 73], needs);
    }

    [Fact]
    public void UnusedDirectivesAreNotReportedWhenDisabled()
    {
        var (_, result) = Pipeline.Run("./report/directives", new VigilConfig { DirectivesReportUnused = false });
        Assert.DoesNotContain(result.Reported, f => f.Message.Contains("suppresses no finding"));
        Assert.Contains(result.Reported, f => f.Message.Contains("malformed directive"));
    }
}
