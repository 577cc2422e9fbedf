using System.Collections.Immutable;
using Vigil.Flow.Cfg;
using Vigil.Flow.Dataflow;

namespace Vigil.Analysis.Nil;

/// <summary>
/// The blocks of a function that every normal return passes through: a
/// parameter dereferenced there is dereferenced by every call that returns,
/// so callers must not pass nil. A dereference inside a branch or a loop
/// body, or after an early return (`if err != nil { return }; res.Body`),
/// is not on every such path. Paths that panic or exit do not count: a
/// dereference after `if bad { panic(...) }` is still required.
/// <para>
/// Computed with the shared backward solver as a "must" problem: the set
/// of blocks on every path from a block to the exit, by intersection, with
/// panic and exit edges infeasible.
/// </para>
/// </summary>
internal sealed class ReturnPaths
{
    private readonly ImmutableHashSet<int>? onEveryPath;

    public ReturnPaths(ControlFlowGraph g)
    {
        var lattice = IntersectionLattice<int>.Instance;
        var result = DataflowSolver.Backward(g, new DataflowProblem<ImmutableHashSet<int>?>
        {
            Lattice = lattice,
            Initial = ImmutableHashSet<int>.Empty,
            TransferBlock = (b, s) => s?.Add(b.Index),
            TransferEdge = (e, s) => e.Kind is EdgeKind.Panic or EdgeKind.ProcessExit ? lattice.Bottom : s,
        });
        // Incomplete (a huge function): claim nothing, so nothing is required of callers.
        onEveryPath = result.Complete ? result.In(g.Entry) : null;
    }

    /// <summary>True when every normal return of the function runs <paramref name="b"/> (false when none returns).</summary>
    public bool OnEveryReturn(Block b) => onEveryPath?.Contains(b.Index) == true;
}
