using Vigil.Flow.Cfg;

namespace Vigil.Flow.Dataflow;

/// <summary>
/// Worklist solvers for forward and backward data-flow problems. Blocks are
/// processed in reverse postorder (forward) or postorder (backward) priority,
/// which makes acyclic regions converge in one pass; a block is revisited
/// only when the state flowing into it changed.
/// </summary>
public static class DataflowSolver
{
    /// <summary>Solves a forward problem: In(entry) = Initial; In(b) = Join over preds p of Edge(p→b, Out(p)); Out(b) = Transfer(b, In(b)).</summary>
    public static DataflowResult<T> Forward<T>(ControlFlowGraph g, DataflowProblem<T> p) => Solve(g, p, backward: false);

    /// <summary>Solves a backward problem: Out(exit) = Initial; Out(b) = Join over succs s of Edge(b→s, In(s)); In(b) = Transfer(b, Out(b)).</summary>
    public static DataflowResult<T> Backward<T>(ControlFlowGraph g, DataflowProblem<T> p) => Solve(g, p, backward: true);

    private static DataflowResult<T> Solve<T>(ControlFlowGraph g, DataflowProblem<T> p, bool backward)
    {
        var L = p.Lattice;
        int n = g.Blocks.Count;
        var ins = new T[n];
        var outs = new T[n];
        for (int i = 0; i < n; i++) { ins[i] = L.Bottom; outs[i] = L.Bottom; }

        // Priority: position in reverse postorder (forward) or its reverse
        // (backward). Blocks the entry cannot reach (unreachable code, or the
        // exit of a function that never returns) come after all others.
        var priority = new int[n];
        Array.Fill(priority, -1);
        var rpo = g.ReversePostorder;
        for (int i = 0; i < rpo.Count; i++) priority[rpo[i].Index] = backward ? rpo.Count - 1 - i : i;
        int next = rpo.Count;
        for (int i = 0; i < n; i++) if (priority[i] < 0) priority[i] = next++;

        var start = backward ? g.Exit : g.Entry;
        // The worklist: lowest priority first, each block once (a heap and a flag per block,
        // where a SortedSet allocated a tree node at each add).
        var work = new PriorityQueue<int, int>();
        var queued = new bool[n];
        void Enqueue(int at)
        {
            if (queued[at]) return;
            queued[at] = true;
            work.Enqueue(at, at);
        }
        var blockAt = new Block[n];
        foreach (var b in g.Blocks) blockAt[priority[b.Index]] = b;
        var started = new bool[n];
        Enqueue(priority[start.Index]);

        int budget = p.MaxVisits > 0 ? p.MaxVisits : 50 * Math.Max(n, 1);
        int visits = 0;
        bool complete = true;
        while (work.Count > 0)
        {
            if (visits >= budget) { complete = false; break; }
            int top = work.Dequeue();
            queued[top] = false;
            var b = blockAt[top];
            visits++;

            // The state flowing into b (its start for forward, its end for backward).
            T inflow = b == start ? p.Initial : L.Bottom;
            // The internal lists: their struct enumerators (the public IReadOnlyList ones are boxed).
            foreach (var e in backward ? b.succs : b.preds)
            {
                var neighbor = backward ? e.Target : e.Source;
                if (!started[neighbor.Index]) continue;
                var s = backward ? ins[neighbor.Index] : outs[neighbor.Index];
                inflow = L.Join(inflow, p.ApplyEdge(e, s));
            }
            var outflow = p.ApplyBlock(b, inflow, backward);
            var old = backward ? ins[b.Index] : outs[b.Index];
            bool first = !started[b.Index];
            started[b.Index] = true;
            if (backward) { outs[b.Index] = inflow; ins[b.Index] = outflow; }
            else { ins[b.Index] = inflow; outs[b.Index] = outflow; }
            if (!first && L.Equals(old, outflow)) continue;
            foreach (var e in backward ? b.preds : b.succs)
                Enqueue(priority[(backward ? e.Source : e.Target).Index]);
        }
        return new DataflowResult<T>(g, p, backward, ins, outs, complete, visits);
    }
}
