using Xunit;
using Vigil.Flow.Cfg;

namespace Vigil.Tests.Flow;

/// <summary>
/// Golden dumps of the graphs of tests/testdata/flow/cfg: one function per Go
/// statement form (see the comments there). Regenerate with UPDATE_GOLDEN=1
/// and review the diff.
/// </summary>
[Collection("flow goldens")]
public class CfgGoldenTests
{
    [Fact]
    public void EveryStatementForm()
    {
        var (program, pkg) = FlowTestData.Package("vigil.test/flow/cfg");
        var w = new StringWriter { NewLine = "\n" };
        Assert.True(CfgDump.Write(w, program, pkg, null));
        Golden.Check("cfg_stmts.txt", w.ToString());
    }

    [Theory]
    [InlineData("AndChain")]
    [InlineData("SelectBreakLabel")]
    [InlineData("GotoIntoLoop")]
    [InlineData("DeferInLoop")]
    [InlineData("RangeFuncEarlyBreak")]
    public void OneFunctionWithItsLiterals(string function)
    {
        var (program, pkg) = FlowTestData.Package("vigil.test/flow/cfg");
        var w = new StringWriter { NewLine = "\n" };
        Assert.True(CfgDump.Write(w, program, pkg, function));
        Golden.Check($"cfg_{function}.txt", w.ToString());
    }
}
