using Vigil.Flow.CallGraph;

namespace Vigil.Flow.Summaries;

/// <summary>
/// Computes a summary for every function of the call graph, callees before
/// callers: strongly connected components (recursion) in reverse topological
/// order, each component iterated until its members' summaries stop changing
/// (or a round budget is spent). The summarize function reads callees'
/// summaries from the store; within a recursive component a callee not yet
/// summarized has none (start from your lattice's bottom).
/// </summary>
public static class BottomUp
{
    /// <returns>The number of components that hit the round budget (their summaries may be incomplete).</returns>
    public static int Run<T>(CallGraph.CallGraph graph, SummaryStore store, SummaryKind<T> kind,
        Func<CallGraphNode, T> summarize, Func<T, T, bool> same, int maxRounds = 10)
        where T : ISummary<T>
    {
        int incomplete = 0;
        foreach (var scc in Components(graph))
        {
            bool recursive = scc.Count > 1 || scc[0].Out.Any(e => e.Callee == scc[0]);
            for (int round = 0; ; round++)
            {
                bool changed = false;
                foreach (var n in scc)
                {
                    var key = SummaryKey.Of(n);
                    var s = summarize(n);
                    if (!store.TryGet(kind, key, out var old) || !same(old, s)) changed = true;
                    store.Set(kind, key, s);
                }
                if (!recursive || !changed) break;
                if (round + 1 >= maxRounds) { incomplete++; break; }
            }
        }
        return incomplete;
    }

    /// <summary>The components of nodes with syntax, callees' components first (Tarjan's algorithm, iterative; deterministic order).</summary>
    public static List<List<CallGraphNode>> Components(CallGraph.CallGraph graph)
    {
        var index = new Dictionary<CallGraphNode, int>();
        var low = new Dictionary<CallGraphNode, int>();
        var onStack = new HashSet<CallGraphNode>();
        var stack = new Stack<CallGraphNode>();
        var result = new List<List<CallGraphNode>>();
        int next = 0;
        foreach (var root in graph.Nodes)
        {
            if (root.Syntax is null || index.ContainsKey(root)) continue;
            var work = new Stack<(CallGraphNode Node, int Edge)>();
            work.Push((root, 0));
            index[root] = low[root] = next++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (n, i) = work.Pop();
                if (i < n.Out.Count)
                {
                    work.Push((n, i + 1));
                    var c = n.Out[i].Callee;
                    if (c is null || c.Syntax is null) continue;
                    if (!index.ContainsKey(c))
                    {
                        index[c] = low[c] = next++;
                        stack.Push(c);
                        onStack.Add(c);
                        work.Push((c, 0));
                    }
                    else if (onStack.Contains(c)) low[n] = Math.Min(low[n], index[c]);
                    continue;
                }
                if (work.Count > 0) { var parent = work.Peek().Node; low[parent] = Math.Min(low[parent], low[n]); }
                if (low[n] != index[n]) continue;
                var scc = new List<CallGraphNode>();
                CallGraphNode m;
                do { m = stack.Pop(); onStack.Remove(m); scc.Add(m); } while (m != n);
                scc.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
                result.Add(scc);
            }
        }
        return result;
    }
}
