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
    // The blocks on every path, a bit per block index: sets of small integers, intersected at each
    // merge, for which an immutable hash set allocated a tree node per block added.
    private readonly ulong[]? onEveryPath;

    public ReturnPaths(ControlFlowGraph g)
    {
        var result = DataflowSolver.Backward(g, new DataflowProblem<ulong[]?>
        {
            Lattice = BlockSets.Instance,
            Initial = new ulong[(g.Blocks.Count + 63) / 64],
            TransferBlock = (b, s) => BlockSets.With(s, b.Index),
            TransferEdge = (e, s) => e.Kind is EdgeKind.Panic or EdgeKind.ProcessExit ? null : s,
        });
        // Incomplete (a huge function): claim nothing, so nothing is required of callers.
        onEveryPath = result.Complete ? result.In(g.Entry) : null;
    }

    /// <summary>True when every normal return of the function runs <paramref name="b"/> (false when none returns).</summary>
    public bool OnEveryReturn(Block b) => onEveryPath is { } s && (s[b.Index >> 6] & (1UL << (b.Index & 63))) != 0;

    /// <summary>Sets of block indices as bit arrays, joined by intersection; null is bottom (not reached yet). States are never changed in place.</summary>
    private sealed class BlockSets : ISemilattice<ulong[]?>
    {
        public static BlockSets Instance { get; } = new();
        public ulong[]? Bottom => null;

        public ulong[]? Join(ulong[]? a, ulong[]? b)
        {
            if (a is null) return b;
            if (b is null) return a;
            var r = new ulong[a.Length];
            for (int i = 0; i < r.Length; i++) r[i] = a[i] & b[i];
            return r;
        }

        public bool Equals(ulong[]? a, ulong[]? b) =>
            a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

        public static ulong[]? With(ulong[]? s, int index)
        {
            if (s is null) return null;
            ulong bit = 1UL << (index & 63);
            if ((s[index >> 6] & bit) != 0) return s;
            var r = (ulong[])s.Clone();
            r[index >> 6] |= bit;
            return r;
        }
    }
}
