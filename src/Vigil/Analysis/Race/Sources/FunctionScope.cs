using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>Syntax helpers of the rules decided within one function body (WaitGroup.Add in its goroutine, command output buffers).</summary>
internal static class FunctionScope
{
    /// <summary>The nodes of <paramref name="body"/> outside nested function literals (which run when called, or later).</summary>
    public static IEnumerable<Node> OwnNodes(BlockStmt body)
    {
        var stack = new Stack<Node>();
        stack.Push(body);
        var children = new List<Node>();
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            children.Clear();
            n.VisitChildren(children.Add);
            for (int i = children.Count - 1; i >= 0; i--)
                if (children[i] is not FuncLit) stack.Push(children[i]);
        }
    }

    /// <summary>The body of the function (declaration or literal) that contains <paramref name="n"/>.</summary>
    public static BlockStmt? EnclosingBody(Node n) => Flow.Cfg.FunctionGraphs.EnclosingFunction(n) switch
    {
        FuncLit lit => lit.Body,
        FuncDecl fd => fd.Body,
        _ => null,
    };

    /// <summary>A key for the variable, or field path from one, that <paramref name="e"/> names (<c>wg</c>, <c>&amp;wg</c>,
    /// <c>s.cmd</c>); null for anything else.</summary>
    public static string? VariablePath(Expr e, TypeInfo info) => e switch
    {
        ParenExpr { X: { } inner } => VariablePath(inner, info),
        UnaryExpr { Op: Token.And, X: { } x } => VariablePath(x, info),
        Ident id when info.ObjectOf(id) is GoVar v => $"{v.Location.Path}:{v.Location.Offset}",
        SelectorExpr { X: { } x, Sel: { } sel } when VariablePath(x, info) is { } root => root + "." + sel.Name,
        _ => null,
    };
}
