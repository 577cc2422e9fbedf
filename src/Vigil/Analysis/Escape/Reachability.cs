namespace Vigil.Analysis.Escape;

/// <summary>An escape reachable from a function: its reason, what it is, and the positions from the function down to it.</summary>
public sealed record Escape(EscapeReason Reason, string What, IReadOnlyList<ChainStep> Chain)
{
    /// <summary>In the function's own body: no call (kept or inlined) between the function and the site.</summary>
    public bool Local => Chain.Count == 1;
    public SourcePos At => Chain[0].Pos;
}

/// <summary>One position of a chain, and the compiled function whose code it is in (null: the root's own, or inlined code).</summary>
public sealed record ChainStep(SourcePos Pos, GraphNode? EnteredFunction);

/// <summary>
/// The escapes of a function: its own sites plus those of everything it
/// calls, found breadth-first over the kept calls so cycles end and each
/// site gets its shortest chain.
/// </summary>
public static class Reachability
{
    public static List<Escape> From(EscapeGraph graph, IEnumerable<GraphNode> roots)
    {
        var result = new List<Escape>();
        var seen = new HashSet<GraphNode>();
        var queue = new Queue<(GraphNode Node, List<ChainStep> Prefix)>();
        foreach (var r in roots)
            if (seen.Add(r)) queue.Enqueue((r, []));
        while (queue.Count > 0)
        {
            var (node, prefix) = queue.Dequeue();
            foreach (var site in node.Sites)
                result.Add(new Escape(site.Reason, site.What, Extend(prefix, node, site.Path)));
            foreach (var edge in node.Edges)
            {
                var target = graph.Find(edge.Target)!;
                if (!target.ReachesEscape || !seen.Add(target)) continue;
                queue.Enqueue((target, Extend(prefix, node, edge.Path)));
            }
        }
        return result;
    }

    private static List<ChainStep> Extend(List<ChainStep> prefix, GraphNode node, IReadOnlyList<SourcePos> path)
    {
        var steps = new List<ChainStep>(prefix);
        for (int i = 0; i < path.Count; i++)
            steps.Add(new ChainStep(path[i], i == 0 && prefix.Count > 0 ? node : null));
        return steps;
    }
}
