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

    /// <summary>The same through the command line: the text output is kept as a golden file (UPDATE_GOLDEN=1 rewrites it).</summary>
    [Fact]
    public void CommandLineOutputMatchesItsGolden()
    {
        var r = CliRunner.Run(Repo.Testdata, "check", "./report/directives");
        Assert.True(r.Exit == 1, r.ToString());
        Golden.Check("directives.txt", r.Stdout);
        // The golden agrees with the wants: each reported line of directives.go has a want mark.
        var (program, _) = Pipeline.Run("./report/directives");
        var wantLines = WantHarness.CollectWants(program).Where(w => w.File.EndsWith("directives.go")).Select(w => w.Line).ToHashSet();
        var reported = r.Stdout.Split('\n').Where(l => l.StartsWith("./report/directives/directives.go:")).Select(l => int.Parse(l.Split(":")[1]));
        Assert.All(reported, line => Assert.Contains(line, wantLines));
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
