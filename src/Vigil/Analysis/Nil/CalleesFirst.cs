using Vigil.Semantics;

namespace Vigil.Analysis.Nil;

/// <summary>
/// The order in which the inference analyzes functions: in levels, callees
/// before callers. A function's level is one more than the highest level of
/// the functions it calls (the call graph's strongly connected components,
/// so the members of a recursion share a level); level 0 calls no function
/// with a body. Analyzing level by level, each function reads its callees'
/// summaries of the same round instead of the previous one's, so most
/// functions are analyzed once; the functions of one level run in parallel
/// and see only the levels below (deterministic). The order is only a
/// speed-up: what a function read and what changed since still decide which
/// functions run again (<see cref="Inference"/>).
/// </summary>
internal static class CalleesFirst
{
    /// <summary>The bodies grouped by level, lowest first, each level in the order of <paramref name="bodies"/>.</summary>
    public static List<List<FunctionBody>> Levels(IReadOnlyList<FunctionBody> bodies, Vigil.Flow.CallGraph.CallGraph? graph)
    {
        var sccLevel = new Dictionary<Vigil.Flow.CallGraph.CallGraphNode, int>();
        if (graph is not null)
        {
            foreach (var scc in Vigil.Flow.Summaries.BottomUp.Components(graph))
            {
                // Callees outside the component are already placed; members are not yet (or are: the same level).
                int l = 0;
                foreach (var n in scc)
                    foreach (var e in n.Out)
                        if (e.Callee is { } c && sccLevel.TryGetValue(c, out var cl)) l = Math.Max(l, cl + 1);
                foreach (var n in scc) sccLevel[n] = l;
            }
        }
        var levels = new List<List<FunctionBody>>();
        foreach (var b in bodies)
        {
            if (b.Func is null) continue;
            // By the node's key: the variants of a package (its test variant, the packages recompiled
            // for a test) have their own objects for one declaration, and share its node.
            int l = graph?.Node(b.Func) is { } node ? sccLevel.GetValueOrDefault(node) : 0;
            while (levels.Count <= l) levels.Add([]);
            levels[l].Add(b);
        }
        return levels.Where(l => l.Count > 0).ToList();
    }
}
