namespace Vigil.Flow.Cfg;

/// <summary>
/// Dominator (or post-dominator) tree of a graph, by the Cooper–Harvey–Kennedy
/// iterative algorithm. A block d dominates b when every path from the entry
/// to b goes through d ("the nil check dominates the dereference"); d
/// post-dominates b when every path from b to the exit goes through d ("the
/// unlock post-dominates the lock"). Blocks the root cannot reach (or, for
/// post-dominators, that cannot reach the exit) have no immediate dominator.
/// </summary>
public sealed class Dominators
{
    private readonly Block?[] idom;
    private readonly int[] depth;

    private Dominators(Block?[] idom, int[] depth, Block root)
    {
        this.idom = idom;
        this.depth = depth;
        Root = root;
    }

    /// <summary>The entry (dominators) or the exit (post-dominators).</summary>
    public Block Root { get; }

    public static Dominators Of(ControlFlowGraph g) => Compute(g, post: false);

    public static Dominators PostOf(ControlFlowGraph g) => Compute(g, post: true);

    /// <summary>The immediate dominator; null for the root and for blocks not connected to it.</summary>
    public Block? Immediate(Block b) => idom[b.Index];

    /// <summary>Whether <paramref name="d"/> dominates <paramref name="b"/> (every block connected to the root dominates itself; nothing dominates a block that is not).</summary>
    public bool Dominates(Block d, Block b)
    {
        if (depth[b.Index] < 0 || depth[d.Index] < 0) return false;
        if (d == b) return true;
        for (var x = idom[b.Index]; x != null; x = idom[x.Index])
        {
            if (x == d) return true;
            if (depth[x.Index] < depth[d.Index]) return false;
        }
        return false;
    }

    private static Dominators Compute(ControlFlowGraph g, bool post)
    {
        int n = g.Blocks.Count;
        var root = post ? g.Exit : g.Entry;
        IReadOnlyList<Edge> Forward(Block b) => post ? b.Preds : b.Succs;
        IReadOnlyList<Edge> Backward(Block b) => post ? b.Succs : b.Preds;
        Block Next(Edge e) => post ? e.Source : e.Target;
        Block Prev(Edge e) => post ? e.Target : e.Source;

        // Postorder numbering from the root, iteratively.
        var order = new List<Block>();
        var number = new int[n];
        Array.Fill(number, -1);
        var seen = new bool[n];
        var stack = new Stack<(Block, int)>();
        stack.Push((root, 0));
        seen[root.Index] = true;
        while (stack.Count > 0)
        {
            var (b, i) = stack.Pop();
            var edges = Forward(b);
            if (i < edges.Count)
            {
                stack.Push((b, i + 1));
                var t = Next(edges[i]);
                if (!seen[t.Index]) { seen[t.Index] = true; stack.Push((t, 0)); }
            }
            else { number[b.Index] = order.Count; order.Add(b); }
        }

        var idom = new Block?[n];
        idom[root.Index] = root;
        for (bool changed = true; changed;)
        {
            changed = false;
            for (int k = order.Count - 1; k >= 0; k--) // reverse postorder
            {
                var b = order[k];
                if (b == root) continue;
                Block? newIdom = null;
                foreach (var e in Backward(b))
                {
                    var p = Prev(e);
                    if (number[p.Index] < 0 || idom[p.Index] is null) continue;
                    newIdom = newIdom is null ? p : Intersect(p, newIdom, idom, number);
                }
                if (newIdom is not null && idom[b.Index] != newIdom) { idom[b.Index] = newIdom; changed = true; }
            }
        }
        idom[root.Index] = null;

        var depth = new int[n];
        Array.Fill(depth, -1);
        depth[root.Index] = 0;
        for (int k = order.Count - 1; k >= 0; k--)
        {
            var b = order[k];
            if (idom[b.Index] is { } d && depth[d.Index] >= 0) depth[b.Index] = depth[d.Index] + 1;
        }
        return new Dominators(idom, depth, root);
    }

    private static Block Intersect(Block a, Block b, Block?[] idom, int[] number)
    {
        while (a != b)
        {
            while (number[a.Index] < number[b.Index]) a = idom[a.Index]!;
            while (number[b.Index] < number[a.Index]) b = idom[b.Index]!;
        }
        return a;
    }
}
