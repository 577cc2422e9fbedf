using Xunit;
using Vigil.Dump;
using Vigil.Flow.Cfg;
using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Tests.Flow;

/// <summary>Properties of specific graphs that analyzers rely on, checked directly (the goldens show the whole shape).</summary>
public class CfgStructureTests
{
    private static ControlFlowGraph Graph(string function)
    {
        var (program, pkg) = FlowTestData.Package("vigil.test/flow/cfg");
        var fd = FunctionFinder.Find(pkg, function) ?? throw new InvalidOperationException(function);
        return FunctionGraphs.For(new Analysis.ProgramCache(), program, pkg).Of(fd);
    }

    [Fact]
    public void AndChainIsOneTestPerOperand()
    {
        var g = Graph("AndChain");
        var conds = g.Blocks.SelectMany(b => b.Succs).Where(e => e.Kind == EdgeKind.True).Select(e => e.Condition!).ToList();
        Assert.Equal(3, conds.Count);
        Assert.All(conds, c => Assert.False(c is BinaryExpr { Op: Token.LAnd or Token.LOr }));
        // The false edge of every test goes to the same block (the if's done block).
        var falses = g.Blocks.SelectMany(b => b.Succs).Where(e => e.Kind == EdgeKind.False).Select(e => e.Target).Distinct().ToList();
        Assert.Single(falses);
    }

    [Fact]
    public void NegationSwapsTheEdges()
    {
        var g = Graph("NotAndOr");
        // !(a && b) || !c: the test of a has its false edge leading to the then-block (return 1).
        var testA = g.Blocks.SelectMany(b => b.Succs).First(e => e.Condition is Ident { Name: "a" } && e.Kind == EdgeKind.False);
        Assert.Equal(BlockKind.IfThen, testA.Target.Kind);
        var testC = g.Blocks.SelectMany(b => b.Succs).First(e => e.Condition is Ident { Name: "c" } && e.Kind == EdgeKind.False);
        Assert.Equal(BlockKind.IfThen, testC.Target.Kind);
    }

    [Fact]
    public void DefersRunAtEveryExitIncludingPanics()
    {
        var g = Graph("DeferUnlock");
        Assert.Single(g.Defers);
        Assert.NotNull(g.DeferReturn);
        Assert.NotNull(g.DeferPanic);
        Assert.True(g.DeferPanic!.IsReachable);
        Assert.Contains(g.DeferPanic.Preds, e => e.Kind == EdgeKind.Panic);
        Assert.All(g.Exit.Preds, e => Assert.True(e.Source == g.DeferReturn || e.Source == g.DeferPanic));
        Assert.Equal("t.mu.Unlock()", new CfgPrinter().Text(Assert.Single(g.DeferReturn!.Nodes)));
    }

    [Fact]
    public void RecoverInADeferredLiteralIsNoted()
    {
        Assert.True(Graph("DeferClosure").MayRecover);
        Assert.False(Graph("DeferUnlock").MayRecover);
        Assert.Equal("Method", Graph("T.Method").Func!.Name);
        Assert.Equal("err", Graph("DeferClosure").Signature!.Results[0].Name);
    }

    [Fact]
    public void AlwaysPanickingFunctionsEndBlocksTransitively()
    {
        var g = Graph("CallsFailTwice");
        var call = g.Blocks.Single(b => b.NoReturnCall is not null);
        Assert.Contains(call.Succs, e => e.Kind == EdgeKind.Panic);
        // mustPositive panics on one path only, so it returns.
        var h = Graph("DeferClosure");
        Assert.DoesNotContain(h.Blocks, b => b.NoReturnCall is not null);
    }

    [Fact]
    public void NoReturnFunctionsOfOtherLoadedPackagesEndBlocks()
    {
        var g = Graph("CrossPackageNoReturn");
        var ends = g.Blocks.Where(b => b.NoReturnCall is not null).ToDictionary(b => new CfgPrinter().Text(b.NoReturnCall!), b => b.Succs.Single().Kind);
        Assert.Equal(2, ends.Count);
        Assert.Equal(EdgeKind.ProcessExit, ends["must.Fatal(\"negative %d\", x)"]);
        Assert.Equal(EdgeKind.Panic, ends["must.Never(\"zero\")"]);
    }

    [Fact]
    public void TestingFatalAndSkipEndBlocks()
    {
        var g = Graph("TestFatal");
        Assert.Equal(2, g.Blocks.Count(b => b.NoReturnCall is not null));
    }

    [Fact]
    public void CodeAfterReturnIsKeptButUnreachable()
    {
        var g = Graph("Unreachable");
        var dead = Assert.Single(g.Blocks, b => !b.IsReachable && b != g.Exit);
        Assert.Equal(2, dead.Nodes.Count);
        Assert.False(g.IsReachable(dead));
    }

    [Fact]
    public void InfiniteLoopLeavesTheExitUnreachable()
    {
        var g = Graph("ForeverNoBreak");
        Assert.False(g.Exit.IsReachable);
        var s = Graph("SelectEmpty");
        Assert.False(s.Exit.IsReachable);
    }

    [Fact]
    public void LocateFindsTheBlockOfANode()
    {
        var g = Graph("IfInit");
        var ret = g.Function.Descendants().OfType<ReturnStmt>().First();
        var (b, i) = g.Locate(ret)!.Value;
        Assert.Equal(BlockKind.IfThen, b.Kind);
        Assert.Equal(0, i);
    }
}
