using Vigil.Analysis;
using Vigil.Dump;
using Vigil.Flow.Cfg;
using Xunit;

namespace Vigil.Tests.Flow;

/// <summary>Dominators and post-dominators agree with their definition (reachability with a block removed) on every testdata graph.</summary>
public class DominatorTests
{
    /// <summary>Whether <paramref name="target"/> is reachable from <paramref name="root"/> without passing through <paramref name="removed"/>.</summary>
    private static bool ReachableAvoiding(Block root, Block target, Block? removed, bool backward)
    {
        if (root == removed) return false;
        var seen = new HashSet<Block> { root };
        var stack = new Stack<Block>([root]);
        while (stack.Count > 0)
        {
            var b = stack.Pop();
            if (b == target) return true;
            foreach (var e in backward ? b.Preds : b.Succs)
            {
                var next = backward ? e.Source : e.Target;
                if (next != removed && seen.Add(next)) stack.Push(next);
            }
        }
        return false;
    }

    [Fact]
    public void AgreeWithTheDefinitionOnEveryGraph()
    {
        var (program, pkg) = FlowTestData.Package("vigil.test/flow/cfg");
        var graphs = FunctionGraphs.For(new ProgramCache(), program, pkg);
        int pairs = 0;
        foreach (var g in graphs.Functions.Select(graphs.Of))
            foreach (bool post in new[] { false, true })
            {
                var dom = post ? Dominators.PostOf(g) : Dominators.Of(g);
                foreach (var b in g.Blocks)
                {
                    bool connected = ReachableAvoiding(dom.Root, b, null, post);
                    foreach (var d in g.Blocks)
                    {
                        bool expected = connected && (d == b || !ReachableAvoiding(dom.Root, b, d, post));
                        Assert.True(expected == dom.Dominates(d, b),
                            $"{g.Name}: .{d.Index} {(post ? "post-" : "")}dominates .{b.Index}: expected {expected}");
                        pairs++;
                    }
                }
            }
        Assert.True(pairs > 1000);
    }

    [Fact]
    public void TheNilCheckDominatesTheDereferenceAndTheReturnPostDominatesTheEntry()
    {
        var (program, pkg) = FlowTestData.Package("vigil.test/flow/cfg");
        var g = FunctionGraphs.For(new ProgramCache(), program, pkg).Of(FunctionFinder.Find(pkg, "T.Method")!);
        var dom = Dominators.Of(g);
        var check = g.Entry;                                            // if t == nil
        var deref = g.Blocks.Single(b => b.Kind == BlockKind.IfDone);   // return t.n
        Assert.True(dom.Dominates(check, deref));
        Assert.Equal(check, dom.Immediate(deref));
        Assert.False(dom.Dominates(deref, check));
        Assert.True(Dominators.PostOf(g).Dominates(g.Exit, g.Entry));
    }
}
