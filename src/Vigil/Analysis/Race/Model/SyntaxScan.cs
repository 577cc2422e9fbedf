using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Pre-order walks over syntax trees in the order of <see cref="Node.Descendants"/>, without its allocations
/// for every node (a delegate and a list each): the race check scans whole programs and every function body it
/// summarizes, and those allocations were a third of what it allocated.
/// </summary>
internal static class SyntaxScan
{
    /// <summary>True when a node of the subtree, the root included, passes <paramref name="test"/> (the walk stops at the first).</summary>
    public static bool Any(Node root, Func<Node, bool> test)
    {
        var w = spare ?? new Walker();
        spare = null;
        try
        {
            w.Stack.Push(root);
            while (w.Stack.Count > 0)
            {
                var n = w.Stack.Pop();
                if (test(n)) return true;
                w.PushChildren(n);
            }
            return false;
        }
        finally
        {
            w.Stack.Clear();
            spare = w;
        }
    }

    /// <summary>Visits every node of the subtree, the root first.</summary>
    public static void ForEach(Node root, Action<Node> visit) => Any(root, n =>
    {
        visit(n);
        return false;
    });

    /// <summary>One walker per thread is kept for the next walk (a walk inside a walk takes a new one).</summary>
    [ThreadStatic] private static Walker? spare;

    private sealed class Walker
    {
        public readonly Stack<Node> Stack = new();
        private readonly List<Node> children = [];
        private readonly Action<Node> add;

        public Walker() => add = children.Add;

        /// <summary>Pushes the children of <paramref name="n"/> so that the first is popped first.</summary>
        public void PushChildren(Node n)
        {
            children.Clear();
            n.VisitChildren(add);
            for (int i = children.Count - 1; i >= 0; i--) Stack.Push(children[i]);
        }
    }
}
