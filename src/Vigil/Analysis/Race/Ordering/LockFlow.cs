using System.Collections.Immutable;
using Vigil.Flow.Cfg;
using Vigil.Flow.Dataflow;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// What a function must hold at a point, on every path from its entry: the locks (mutexes, read locks,
/// capacity-one channels used as mutexes), the channels it has received from, and the channels it has sent
/// on or closed. All are "must" facts, so paths meet by intersection.
/// </summary>
public sealed record LockState(ImmutableHashSet<HeldLock> Held, ImmutableHashSet<Loc> Received, ImmutableHashSet<Loc> Sent)
{
    public static readonly LockState Empty = new([], [], []);

    /// <summary>The held locks in a deterministic order (messages list them).</summary>
    public List<HeldLock> HeldList() => Held.Count switch
    {
        0 => [],
        1 => [.. Held],
        _ => Held.OrderBy(h => h.Lock.Key, StringComparer.Ordinal).ThenBy(h => h.ReadOnly).ThenBy(h => h.Once).ToList(),
    };
}

/// <summary>Lock states ordered by reverse inclusion of both sets; null is bottom (not reached yet).</summary>
public sealed class LockStateLattice : ISemilattice<LockState?>
{
    public static LockStateLattice Instance { get; } = new();
    private static readonly IntersectionLattice<HeldLock> HeldSets = IntersectionLattice<HeldLock>.Instance;
    private static readonly IntersectionLattice<Loc> ChanSets = IntersectionLattice<Loc>.Instance;

    public LockState? Bottom => null;

    public LockState? Join(LockState? a, LockState? b) =>
        a is null ? b : b is null ? a
            : new LockState(HeldSets.Join(a.Held, b.Held)!, ChanSets.Join(a.Received, b.Received)!, ChanSets.Join(a.Sent, b.Sent)!);

    public bool Equals(LockState? a, LockState? b) =>
        a is null ? b is null : b is not null && HeldSets.Equals(a.Held, b.Held) && ChanSets.Equals(a.Received, b.Received)
            && ChanSets.Equals(a.Sent, b.Sent);
}

/// <summary>
/// The lockset of one function, solved forward over its control-flow graph with the shared data-flow solver
/// (<see cref="DataflowSolver"/>): the state before each node of the graph, and the state on normal exit. The
/// transfer of a node is what evaluating it does to the locks (a lock-only <see cref="FunctionWalker"/>:
/// Lock, Unlock, helpers that lock or unlock for their caller, receives); the true edge of <c>mu.TryLock()</c>
/// holds the lock. Returns, panics, selects and loops need no special case: the graph has their edges.
/// </summary>
internal sealed class LockFlow
{
    private readonly Dictionary<Node, LockState?> before;

    private LockFlow(Dictionary<Node, LockState?> before, ControlFlowGraph graph, LockState? exit)
    {
        this.before = before;
        Graph = graph;
        Exit = exit;
    }

    public ControlFlowGraph Graph { get; }

    /// <summary>The state when the function returns normally (deferred calls included); null when it never does.</summary>
    public LockState? Exit { get; }

    /// <summary>Whether the graph holds <paramref name="n"/> as one of its nodes.</summary>
    public bool Holds(Node n) => Graph.Locate(n) is not null;

    /// <summary>The state just before node <paramref name="n"/> runs (null: unreachable).</summary>
    public LockState? Before(Node n) => before.GetValueOrDefault(n);

    /// <summary>Solves the lockset of a function; null when it has no graph or the solver did not converge.</summary>
    public static LockFlow? Solve(FunctionRef fn, Summaries sums, LockState entry, Func<Node, LockState?, LockState?> transfer,
        Func<CallExpr, bool, HeldLock?> tryLock)
    {
        var g = sums.GraphOf(fn.Node);
        if (g is null) return null;
        var seen = new Dictionary<Node, LockState?>();
        var affecting = sums.LockAffectingNodes(g);
        var result = DataflowSolver.Forward(g, new DataflowProblem<LockState?>
        {
            Lattice = LockStateLattice.Instance,
            Initial = entry,
            // The solver's last visit of a block sees its final inflow: what is recorded last is the fixed point.
            // Node by node in order, as the solver's per-node fold would; nodes that cannot change the state pass it on.
            TransferBlock = (b, s) =>
            {
                var nodes = b.Nodes;
                var flags = affecting[b.Index];
                for (int i = 0; i < nodes.Count; i++)
                {
                    seen[nodes[i]] = s;
                    if (flags[i]) s = transfer(nodes[i], s);
                }
                return s;
            },
            TransferEdge = (e, s) => TryLockEdge(e, s, tryLock),
        });
        if (!result.Complete) return null;
        return new LockFlow(seen, g, ExitState(g, result));
    }

    /// <summary>On the true edge of <c>mu.TryLock()</c> (the false edge of <c>!mu.TryLock()</c>) the lock is held.</summary>
    private static LockState? TryLockEdge(Edge e, LockState? s, Func<CallExpr, bool, HeldLock?> tryLock)
    {
        if (s is null || e.Polarity != true || Unparen(e.Condition) is not CallExpr call) return s;
        return tryLock(call, true) is { } h ? s with { Held = s.Held.Add(h) } : s;
    }

    /// <summary>The state on the normal ways out: after the deferred calls of a return, else every non-panic edge into the exit.</summary>
    private static LockState? ExitState(ControlFlowGraph g, DataflowResult<LockState?> r)
    {
        if (g.DeferReturn is { } dr) return r.Out(dr);
        LockState? exit = null;
        foreach (var e in g.Exit.Preds)
            if (e.Kind is EdgeKind.Normal or EdgeKind.True or EdgeKind.False && e.Source != g.DeferPanic)
                exit = LockStateLattice.Instance.Join(exit, r.Out(e.Source));
        return exit;
    }

    /// <summary>A node whose evaluation may change the state: it calls something, sends or receives.</summary>
    public static bool MayAffect(Node n) =>
        n is SendStmt || SyntaxScan.Any(n, x => x is CallExpr or SendStmt or UnaryExpr { Op: Token.Arrow });
}
