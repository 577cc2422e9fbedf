using Vigil.Flow.Cfg;
using Vigil.Syntax;

namespace Vigil.Flow.Dataflow;

/// <summary>
/// A data-flow problem over a <see cref="ControlFlowGraph"/>: a lattice, the
/// state where the analysis starts (at the entry for a forward problem, at the
/// exit for a backward one), and transfer functions.
/// <para>
/// Transfer is per node (<see cref="TransferNode"/>, folded over
/// <see cref="Block.Nodes"/> in order, or in reverse for backward problems),
/// or per block (<see cref="TransferBlock"/>, which replaces the per-node
/// fold), then per edge (<see cref="TransferEdge"/>): the state leaving a
/// block along an edge can be refined by the edge, e.g. on the True edge of
/// <c>x == nil</c> x is nil, on the False edge it is not.
/// </para>
/// </summary>
public sealed class DataflowProblem<T>
{
    public required ISemilattice<T> Lattice { get; init; }
    /// <summary>The state at the entry (forward) or at the exit (backward).</summary>
    public required T Initial { get; init; }
    /// <summary>The effect of one node on the state. Ignored when <see cref="TransferBlock"/> is set.</summary>
    public Func<Node, T, T>? TransferNode { get; init; }
    /// <summary>The effect of a whole block (overrides <see cref="TransferNode"/>).</summary>
    public Func<Block, T, T>? TransferBlock { get; init; }
    /// <summary>
    /// The state carried by an edge, from the state at its source's end
    /// (forward) or at its target's start (backward). Null: the state passes
    /// unchanged. Return the lattice's Bottom to mark an edge infeasible.
    /// </summary>
    public Func<Edge, T, T>? TransferEdge { get; init; }
    /// <summary>
    /// The most block visits the solver makes before it gives up and reports
    /// the result incomplete; 0 means 50 visits per block (ample for lattices
    /// of small height; a loop nest of depth d needs about d+2 passes).
    /// </summary>
    public int MaxVisits { get; init; }

    internal T ApplyBlock(Block b, T state, bool backward)
    {
        if (TransferBlock is not null) return TransferBlock(b, state);
        if (TransferNode is null) return state;
        var nodes = b.Nodes;
        if (backward)
            for (int i = nodes.Count - 1; i >= 0; i--) state = TransferNode(nodes[i], state);
        else
            for (int i = 0; i < nodes.Count; i++) state = TransferNode(nodes[i], state);
        return state;
    }

    internal T ApplyEdge(Edge e, T state) => TransferEdge is null ? state : TransferEdge(e, state);
}
