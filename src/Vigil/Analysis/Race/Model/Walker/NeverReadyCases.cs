using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Select cases that can never be chosen: a receive from a local channel nothing ever sends on or closes
/// (<c>aux := make(chan bool)</c> used only as <c>case &lt;-aux:</c>, or a nil channel). Such a case never becomes
/// ready, so a select with one other case is that case, run unconditionally:
/// <code>
/// select {
/// case mtx &lt;- struct{}{}: // always the one taken
/// case &lt;-aux:             // aux is never sent on or closed
/// }
/// </code>
/// Only channels declared in the function at hand are judged: every use is visible in its body.
/// </summary>
internal static class NeverReadyCases
{
    /// <summary>The case's receive never completes.</summary>
    public static bool NeverReady(CommClause clause, TypeInfo info)
    {
        var recv = clause.Comm switch
        {
            ExprStmt { X: var x } => x,
            AssignStmt { Rhs.Count: 1 } a => a.Rhs[0],
            _ => null,
        };
        while (recv is ParenExpr p) recv = p.X;
        if (recv is not UnaryExpr { Op: Token.Arrow, X: Ident id } || info.ObjectOf(id) is not GoVar v) return false;
        // The outermost function around the select holds every use of a channel declared inside it.
        Node? body = null;
        for (Node? n = clause; n != null; n = n.Parent)
            if (n is FuncDecl or FuncLit) body = n;
        if (body is null) return false;
        bool declared = false, otherUse = false;
        SyntaxScan.ForEach(body, n =>
        {
            if (otherUse || n is not Ident use) return;
            if (info.DefOf(use) == v) { declared = true; return; }
            if (info.ObjectOf(use) != v) return;
            if (use.Parent is UnaryExpr { Op: Token.Arrow } u && u.X == use && u.Parent is not SendStmt) return;
            otherUse = true;
        });
        return declared && !otherUse;
    }
}
