using Vigil.Syntax;

namespace Vigil.Flow;

/// <summary>
/// A pre-order walk that allocates one delegate per walk rather than
/// collections per node (Node.Descendants), for whole-program passes.
/// </summary>
public sealed class SyntaxWalk
{
    private readonly Func<Node, bool> enter;
    private readonly Action<Node>? leave;
    private readonly Action<Node> walk;

    /// <param name="enter">Called on each node before its children; return false to skip them.</param>
    /// <param name="leave">Called after a node's children (only for nodes whose children were visited).</param>
    public SyntaxWalk(Func<Node, bool> enter, Action<Node>? leave = null)
    {
        this.enter = enter;
        this.leave = leave;
        walk = Walk;
    }

    public void Walk(Node n)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a clear, catchable error on a small stack, not a crash (docs/limits.md)
        if (!enter(n)) return;
        n.VisitChildren(walk);
        leave?.Invoke(n);
    }

    /// <summary>Every FuncDecl and FuncLit with a body under <paramref name="root"/>, in source order.</summary>
    public static List<Node> Functions(Node root)
    {
        var result = new List<Node>();
        new SyntaxWalk(n =>
        {
            if (n is FuncDecl { Body: not null } or FuncLit { Body: not null }) result.Add(n);
            // Comments, names, literals and types never hold a function literal
            // (an array length is a constant); not entering them halves the walk.
            return n is not (CommentGroup or Comment or ImportSpec or TypeSpec or BasicLit or Ident
                or FieldList or FuncType or StructType or InterfaceType or MapType or ChanType or ArrayType);
        }).Walk(root);
        return result;
    }
}
