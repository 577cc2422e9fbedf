using Xunit;
using System.Collections.Immutable;
using Vigil.Analysis;
using Vigil.Dump;
using Vigil.Flow.Cfg;
using Vigil.Flow.Dataflow;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Tests.Flow;

/// <summary>The solvers on real graphs: edge refinement, backward liveness, loops, budgets.</summary>
public class DataflowSolverTests
{
    private static (ControlFlowGraph, TypeInfo) Graph(string function)
    {
        var (program, pkg) = FlowTestData.Package("vigil.test/flow/cfg");
        var fd = FunctionFinder.Find(pkg, function) ?? throw new InvalidOperationException(function);
        return (FunctionGraphs.For(new ProgramCache(), program, pkg).Of(fd), pkg.Info);
    }

    /// <summary>
    /// A "must be non-nil" analysis (intersection of variables known non-nil):
    /// the true edge of x != nil adds x, the false edge of x == nil adds x.
    /// </summary>
    private static DataflowResult<ImmutableHashSet<GoObject>?> NonNil(ControlFlowGraph g, TypeInfo info)
    {
        var lattice = IntersectionLattice<GoObject>.Instance;
        return DataflowSolver.Forward(g, new DataflowProblem<ImmutableHashSet<GoObject>?>
        {
            Lattice = lattice,
            Initial = ImmutableHashSet<GoObject>.Empty,
            TransferEdge = (e, s) =>
            {
                if (s is null || e.Condition is not BinaryExpr { Op: Token.Eql or Token.Neq } cmp || e.CaseOf is not null) return s;
                if (cmp.X is not Ident id || !info.IsNilLiteral(cmp.Y!) || info.ObjectOf(id) is not { } v) return s;
                bool nonNil = (cmp.Op == Token.Neq) == (e.Kind == EdgeKind.True);
                return nonNil ? s.Add(v) : s.Remove(v);
            },
        });
    }

    [Fact]
    public void TrueAndFalseEdgesRefineDifferently()
    {
        var (g, info) = Graph("AndChain");
        var r = NonNil(g, info);
        Assert.True(r.Complete);
        // The block testing x.f != nil runs only when x != nil held.
        var testF = g.Blocks.Single(b => b.Nodes.Count == 1 && new CfgPrinter().Text(b.Nodes[0]) == "x.f != nil");
        Assert.Contains(r.In(testF)!, o => o.Name == "x");
        // Where the paths meet again (the final return false), nothing is known.
        var done = g.Blocks.Single(b => b.Kind == BlockKind.IfDone);
        Assert.Empty(r.In(done)!);
    }

    [Fact]
    public void NodeStatesGiveTheStateAtEachNode()
    {
        var (g, info) = Graph("DeclsAndIncDec");
        // Forward: the set of variables assigned so far (definitions and inc/dec).
        var r = DataflowSolver.Forward(g, new DataflowProblem<ImmutableHashSet<string>>
        {
            Lattice = UnionLattice<string>.Instance,
            Initial = ImmutableHashSet<string>.Empty,
            TransferNode = (n, s) => n switch
            {
                AssignStmt a => s.Union(a.Lhs.OfType<Ident>().Select(i => i.Name)),
                IncDecStmt { X: Ident i } => s.Add(i.Name + i.Kind),
                _ => s,
            },
        });
        var states = r.NodeStates(g.Entry).ToList();
        var ret = states.Single(x => x.Node is ReturnStmt);
        Assert.Contains("l", ret.State);
        var firstInc = states.First(x => x.Node is IncDecStmt);
        Assert.DoesNotContain("aIdent", firstInc.State);
        Assert.Contains("aIdent", ret.State);
    }

    [Fact]
    public void OrChainRefinesTheFallThroughPath()
    {
        var (g, info) = Graph("OrChain");
        var r = NonNil(g, info);
        // After `if x == nil || x.f == nil { return 0 }`, x is non-nil.
        var done = g.Blocks.Single(b => b.Kind == BlockKind.IfDone);
        Assert.Contains(r.In(done)!, o => o.Name == "x");
    }

    [Fact]
    public void BackwardLivenessThroughALoop()
    {
        var (g, info) = Graph("ForThreeClause");
        // Live variables: uses add, definitions (:=, =) remove.
        var r = DataflowSolver.Backward(g, new DataflowProblem<ImmutableHashSet<string>>
        {
            Lattice = UnionLattice<string>.Instance,
            Initial = ImmutableHashSet<string>.Empty,
            TransferNode = (n, live) =>
            {
                if (n is AssignStmt { Tok: Token.Define } a)
                    live = live.Except(a.Lhs.OfType<Ident>().Select(i => i.Name));
                var uses = n is AssignStmt { Tok: Token.Define } d ? d.Rhs.SelectMany(x => x.Descendants()) : n.Descendants();
                return live.Union(uses.OfType<Ident>().Where(i => info.ObjectOf(i) is GoVar).Select(i => i.Name));
            },
        });
        Assert.True(r.Complete);
        // At the loop head, n (the bound), i and s are all live; at the entry only n is.
        var head = g.Blocks.Single(b => b.Kind == BlockKind.ForLoop);
        Assert.Equal(["i", "n", "s"], r.In(head).Order());
        Assert.Equal(["n"], r.In(g.Entry).Order());
    }

    [Fact]
    public void BudgetStopsAnInfiniteAscent()
    {
        var (g, _) = Graph("ForCondOnly");
        // Counting block visits on an unbounded lattice never stabilises around the loop.
        var r = DataflowSolver.Forward(g, new DataflowProblem<int>
        {
            Lattice = new MaxLattice(),
            Initial = 1,
            TransferBlock = (b, s) => s + 1,
            MaxVisits = 100,
        });
        Assert.False(r.Complete);
        Assert.Equal(100, r.Visits);
    }

    [Fact]
    public void UnreachedBlocksStayBottom()
    {
        var (g, _) = Graph("Unreachable");
        var r = DataflowSolver.Forward(g, new DataflowProblem<int>
        {
            Lattice = new MaxLattice(),
            Initial = 1,
            TransferBlock = (b, s) => s + 1,
        });
        var dead = g.Blocks.Single(b => !b.IsReachable && b != g.Exit);
        Assert.Equal(0, r.In(dead));
        Assert.Equal(2, r.In(g.Exit));
    }

    private sealed class MaxLattice : ISemilattice<int>
    {
        public int Bottom => 0;
        public int Join(int a, int b) => Math.Max(a, b);
        public bool Equals(int a, int b) => a == b;
    }
}
