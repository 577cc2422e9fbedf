using Vigil.Flow.Cfg;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// <c>if t.Failed() { return }</c> ends a test that is already reported failed, like <c>t.Fatal</c> (which the
/// graphs treat as never returning). For "does the join run on every way the function returns?" such a return is
/// not a normal way out: a subtest that waits for its goroutine unless it has failed
/// (<c>go func() { defer close(done); ... }(); ...; if t.Failed() { return }; ...; &lt;-done</c>) joins it.
/// </summary>
internal static class FailedTests
{
    /// <summary>The edge is taken when <c>t.Failed()</c> (of package testing) returned true.</summary>
    public static bool AfterFailure(Edge e)
    {
        if (e.Kind is not (EdgeKind.True or EdgeKind.False) || e.CaseOf != null || e.Condition is null) return false;
        var cond = Unparen(e.Condition);
        bool negated = false;
        while (cond is UnaryExpr { Op: Token.Not } u) { negated = !negated; cond = Unparen(u.X!); }
        if (!IsFailed(cond)) return false;
        return e.Kind == (negated ? EdgeKind.False : EdgeKind.True);
    }

    /// <summary>The statement runs only after <c>t.Failed()</c> returned true: it lies in the body of <c>if t.Failed()</c>.</summary>
    public static bool OnlyAfterFailure(Node n)
    {
        for (Node? x = n, parent = n.Parent; parent != null && parent is not (FuncDecl or FuncLit); x = parent, parent = parent.Parent)
        {
            if (parent is not IfStmt { Cond: { } c } i) continue;
            var cond = Unparen(c);
            bool negated = false;
            while (cond is UnaryExpr { Op: Token.Not } u) { negated = !negated; cond = Unparen(u.X!); }
            if (IsFailed(cond) && x == (negated ? i.Else : i.Body)) return true;
        }
        return false;
    }

    private static bool IsFailed(Expr e) =>
        e is CallExpr { Args.Count: 0, Fun: SelectorExpr sel }
        && sel.SourceFile.Package.Info.SelectionOf(sel) is { Kind: SelectionKind.MethodVal, Obj: GoFunc { Name: "Failed" } f }
        && f.Package?.Path == "testing";

}
