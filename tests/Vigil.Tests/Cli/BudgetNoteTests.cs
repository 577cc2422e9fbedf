using Vigil.Analysis.Nil;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Cli;

/// <summary>
/// A finding cut short by a budget is not dropped silently (issue 15, item 6): the run
/// says how many functions hit which budget, and lists them with VIGIL_DEBUG=1.
/// </summary>
public class BudgetNoteTests
{
    [Fact]
    public void NilPassedDownPastTheRoundBudgetIsNotedAndOtherFindingsStillComeOut()
    {
        // A nil passed down a recursion of 20 functions: the members of a recursion learn from
        // each other one per round (a chain without recursion is solved callees first, in one).
        var dir = Pathological.Generate(0.002, "callcycle");
        // Notes come from analysis: a rerun served from the result cache does not repeat them (docs/limits.md).
        var r = CliRunner.Run(dir, ["check", "--cache=false", "./..."]);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains(Pathological.NormalFinding, r.Stdout);
        Assert.Matches($@"vigil: note: vigil-nil: \d+ functions? still changing when the inference budget \({Inference.MaxRounds} rounds of summaries\) ran out \(docs/checks/nil.md#limits\); findings through (it|them) may be missing \(set VIGIL_DEBUG=1 to list (it|them)\)", r.Stderr);
        var listed = CliRunner.Run(dir, ["check", "--cache=false", "./..."], new Dictionary<string, string?> { ["VIGIL_DEBUG"] = "1" });
        Assert.Matches(@"vigil: note:   example\.com/patho/callcycle\.f\d+", listed.Stderr);
    }

    [Fact]
    public void ChainWithinTheBudgetIsReportedWithoutANote()
    {
        var dir = Pathological.Generate(0.0005, "callchain"); // 5 calls
        var r = CliRunner.Run(dir, ["check", "./..."]);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("callchain/callchain.go:3:30: nil panic: nil may be nil here (passed to callchain.f0, which dereferences it) (vigil-nil)", r.Stdout);
        Assert.Contains(Pathological.NormalFinding, r.Stdout);
        Assert.DoesNotContain("vigil: note:", r.Stderr);
    }
}
