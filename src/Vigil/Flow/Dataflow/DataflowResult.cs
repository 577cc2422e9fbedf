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

    private readonly DataflowProblem<T> problem;
    private readonly bool backward;

    internal DataflowResult(ControlFlowGraph graph, DataflowProblem<T> problem, bool backward, T[] ins, T[] outs, bool complete, int visits)
    {
        Graph = graph;
        this.problem = problem;
        this.backward = backward;
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

    /// <summary>
    /// The state at each node of a block, replaying <see cref="DataflowProblem{T}.TransferNode"/>:
    /// for a forward problem the state just before the node runs (nodes in
    /// execution order); for a backward problem the state just after it (nodes
    /// in reverse order), i.e. always the state the node's transfer receives.
    /// This is where a checker asks "is x known non-nil at this dereference?".
    /// </summary>
    public IEnumerable<(Syntax.Node Node, T State)> NodeStates(Block b)
    {
        var transfer = problem.TransferNode ?? throw new InvalidOperationException("NodeStates needs a problem with TransferNode");
        var nodes = b.Nodes;
        var state = backward ? Out(b) : In(b);
        for (int k = 0; k < nodes.Count; k++)
        {
            var n = nodes[backward ? nodes.Count - 1 - k : k];
            yield return (n, state);
            state = transfer(n, state);
        }
    }
}
