using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Vigil.Analysis;
using Vigil.Flow.Cfg;
using Vigil.Flow.Dataflow;
using Xunit;

namespace Vigil.Tests.Flow;

/// <summary>
/// The worklist solvers compute the least fixed point: on every graph of the
/// CFG testdata, with random gen/kill transfer functions per block and random
/// edge refinements (all monotone), they agree with naive round-robin
/// iteration from bottom, forward and backward.
/// </summary>
public class SolverPropertyTests
{
    private static readonly Lazy<List<ControlFlowGraph>> Graphs = new(() =>
    {
        var (program, pkg) = FlowTestData.Package("vigil.test/flow/cfg");
        var graphs = FunctionGraphs.For(new ProgramCache(), program, pkg);
        return graphs.Functions.Select(graphs.Of).ToList();
    });

    private sealed record GenKill(int[] Gen, int[] Kill, int[] EdgeKill);

    private static ImmutableHashSet<int> Set(IEnumerable<int> xs) => xs.ToImmutableHashSet();

    private static DataflowProblem<ImmutableHashSet<int>> Problem(ControlFlowGraph g, int seed)
    {
        var rnd = new Random(seed);
        var perBlock = g.Blocks.Select(_ => new GenKill(
            Enumerable.Range(0, rnd.Next(3)).Select(_ => rnd.Next(6)).ToArray(),
            Enumerable.Range(0, rnd.Next(3)).Select(_ => rnd.Next(6)).ToArray(),
            Enumerable.Range(0, rnd.Next(2)).Select(_ => rnd.Next(6)).ToArray())).ToArray();
        return new DataflowProblem<ImmutableHashSet<int>>
        {
            Lattice = UnionLattice<int>.Instance,
            Initial = Set([7]),
            TransferBlock = (b, s) => s.Except(perBlock[b.Index].Kill).Union(perBlock[b.Index].Gen),
            // Edges of a condition drop facts depending on polarity: different refinement on each side.
            TransferEdge = (e, s) => e.Polarity == true ? s.Except(perBlock[e.Source.Index].EdgeKill) : s,
        };
    }

    /// <summary>Kleene iteration: every block recomputed from all others until nothing changes.</summary>
    private static (ImmutableHashSet<int>[] In, ImmutableHashSet<int>[] Out) Naive(ControlFlowGraph g, DataflowProblem<ImmutableHashSet<int>> p, bool backward)
    {
        var L = p.Lattice;
        int n = g.Blocks.Count;
        var ins = Enumerable.Repeat(L.Bottom, n).ToArray();
        var outs = Enumerable.Repeat(L.Bottom, n).ToArray();
        // Only blocks reached from the start (entry, or exit for backward) carry state, as in the solver.
        var reached = new HashSet<Block>();
        var stack = new Stack<Block>([backward ? g.Exit : g.Entry]);
        while (stack.Count > 0)
        {
            var b = stack.Pop();
            if (!reached.Add(b)) continue;
            foreach (var e in backward ? b.Preds : b.Succs) stack.Push(backward ? e.Source : e.Target);
        }
        for (bool changed = true; changed;)
        {
            changed = false;
            foreach (var b in g.Blocks.Where(reached.Contains))
            {
                var inflow = b == (backward ? g.Exit : g.Entry) ? p.Initial : L.Bottom;
                foreach (var e in backward ? b.Succs : b.Preds)
                {
                    var nb = backward ? e.Target : e.Source;
                    if (reached.Contains(nb)) inflow = L.Join(inflow, p.TransferEdge!(e, backward ? ins[nb.Index] : outs[nb.Index]));
                }
                var outflow = p.TransferBlock!(b, inflow);
                var (first, second) = backward ? (outs, ins) : (ins, outs);
                if (!L.Equals(first[b.Index], inflow) || !L.Equals(second[b.Index], outflow)) changed = true;
                first[b.Index] = inflow;
                second[b.Index] = outflow;
            }
        }
        return (ins, outs);
    }

    [Fact]
    public void WorklistAgreesWithNaiveIteration()
    {
        var graphs = Graphs.Value;
        Assert.True(graphs.Count > 40);
        var arb = Gen.Choose(0, graphs.Count - 1).Zip(Gen.Choose(0, 1_000_000)).Zip(ArbMap.Default.GeneratorFor<bool>()).ToArbitrary();
        Prop.ForAll(arb, t =>
        {
            var ((gi, seed), backward) = t;
            var g = graphs[gi];
            var p = Problem(g, seed);
            var r = backward ? DataflowSolver.Backward(g, p) : DataflowSolver.Forward(g, p);
            var (ins, outs) = Naive(g, p, backward);
            return r.Complete && g.Blocks.All(b => p.Lattice.Equals(r.In(b), ins[b.Index]) && p.Lattice.Equals(r.Out(b), outs[b.Index]));
        }).QuickCheckThrowOnFailure();
    }
}
