namespace Vigil.Output.Html;

/// <summary>
/// The escapes of one annotated function drawn as a call tree: the function at
/// the root, the calls each escape chain goes through (its trace steps, "→
/// hotpath.grow (hotpath.go:43)") as branches, each allocation as a leaf. The
/// finding's own chain is highlighted; the other escapes of the same function
/// show what else its promise breaks. A tree of more than
/// <see cref="MaxRows"/> rows shows only the finding's chain (docs/limits.md).
/// </summary>
public static class CallTreeDiagram
{
    public const int MaxRows = 150;
    private const double Indent = 26, Row = 26, Pad = 12, MinWidth = 420;

    /// <summary>One escape of the function: the functions its chain enters, and the allocation.</summary>
    public sealed record Chain(IReadOnlyList<string> Calls, string Leaf, string LeafWhere, bool Highlight);

    private sealed class Node(string label, string where)
    {
        public string Label = label, Where = where;
        public bool Highlight;
        public readonly List<Node> Children = [];
    }

    public static string Draw(string id, string root, IReadOnlyList<Chain> chains)
    {
        if (chains.Sum(c => c.Calls.Count + 1) + 1 > MaxRows) chains = chains.Where(c => c.Highlight).ToList();
        var top = new Node(root, "") { Highlight = true };
        foreach (var chain in chains)
        {
            var at = top;
            foreach (var call in chain.Calls)
            {
                var next = at.Children.FirstOrDefault(n => n.Children.Count > 0 && n.Label == call && n.Where == "");
                if (next is null) { next = new Node(call, ""); at.Children.Add(next); }
                next.Highlight |= chain.Highlight;
                at = next;
            }
            at.Children.Add(new Node(chain.Leaf, chain.LeafWhere) { Highlight = chain.Highlight });
        }

        // Rows in depth-first order, without recursion: (node, depth, parent row).
        var rows = new List<(Node Node, int Depth, int Parent)>();
        var stack = new Stack<(Node, int, int)>();
        stack.Push((top, 0, -1));
        while (stack.Count > 0)
        {
            var (n, depth, parent) = stack.Pop();
            int me = rows.Count;
            rows.Add((n, depth, parent));
            for (int i = n.Children.Count - 1; i >= 0; i--) stack.Push((n.Children[i], depth + 1, me));
        }

        var svg = new Svg(id);
        int maxDepth = rows.Max(r => r.Depth);
        double width = Math.Max(MinWidth, Pad * 2 + maxDepth * Indent + 100 * Svg.CharWidth);
        double height = Pad * 2 + rows.Count * Row;
        double Y(int row) => Pad + row * Row + Row / 2;
        for (int r = 0; r < rows.Count; r++)
        {
            var (n, depth, parent) = rows[r];
            double x = Pad + depth * Indent;
            if (parent >= 0)
            {
                double px = Pad + rows[parent].Depth * Indent + 6;
                svg.Arrow(n.Highlight ? "tree tree-on" : "tree", false, (px, Y(parent) + 7), (px, Y(r)), (x, Y(r)));
            }
            bool leaf = n.Children.Count == 0 && parent >= 0;
            svg.Rect(x, Y(r) - 9, 12, 18, leaf ? (n.Highlight ? "leaf leaf-on" : "leaf") : (n.Highlight ? "call call-on" : "call"));
            var text = n.Where.Length > 0 ? $"{n.Label}  ({n.Where})" : n.Label;
            svg.Text(x + 18, Y(r) + 4, text, n.Highlight ? "label label-on" : "label dim", Svg.Fit(width - x - 18 - Pad));
        }
        return svg.ToString(width, height, $"call tree of {root}: {chains.Count} escape{(chains.Count == 1 ? "" : "s")}");
    }
}
