using Vigil.Flow.Cfg;

namespace Vigil.Flow.Dataflow;

/// <summary>
/// The solution of a data-flow problem: the state at the start and end of
/// each block, in execution order (for a backward problem, <see cref="In"/>
/// is still the state before the block's first node and <see cref="Out"/>
/// after its last). Blocks never reached by the solver hold Bottom.
/// </summary>
public sealed class DataflowResult<T>
{
    private readonly T[] ins, outs;

    internal DataflowResult(ControlFlowGraph graph, T[] ins, T[] outs, bool complete, int visits)
    {
        Graph = graph;
        this.ins = ins;
        this.outs = outs;
        Complete = complete;
        Visits = visits;
    }

    public ControlFlowGraph Graph { get; }
    public T In(Block b) => ins[b.Index];
    public T Out(Block b) => outs[b.Index];
    /// <summary>
    /// False when the iteration budget ran out before a fixed point: the
    /// states are then an under-approximation and a sound client must not
    /// trust them (e.g. report nothing for this function).
    /// </summary>
    public bool Complete { get; }
    /// <summary>Block visits made (for budgets and benchmarks).</summary>
    public int Visits { get; }
}
