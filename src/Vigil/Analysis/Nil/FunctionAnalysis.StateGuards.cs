using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Where a receiver's state is examined before a call on it, besides the condition of an
/// enclosing `if` or `for` (FunctionAnalysis.StateChecks.cs): the tag and the case of an
/// enclosing `switch` (`switch v.kind() { case Slice: v.typ().Elem().Kind() }`), the left side
/// of `&&` (`dst.Kind() == Pointer && dst.Elem().Kind() == Array`), and an earlier `if` of the
/// same block that leaves (`if t.Kind() != Func { return false }; f := t.FuncType()`).
/// Downcast getters (`Elem`, `FuncType`, `MapType`) return nil for receivers of another kind:
/// the caller that examined the kind knows which one it has.
/// </summary>
public sealed partial class FunctionAnalysis
{
    /// <summary>The conditions that examined the state on the way from <paramref name="parent"/> into <paramref name="n"/>.</summary>
    private static IEnumerable<Expr> StateConditions(Node n, Node parent, bool calls)
    {
        switch (parent)
        {
            case IfStmt i when i.Body == n && i.Cond is { } c: yield return c; break;
            case ForStmt f when f.Body == n && f.Cond is { } c: yield return c; break;
            case not null when !calls: break;
            case BinaryExpr { Op: Token.LAnd, X: { } l } b when b.Y == n: yield return l; break;
            case CaseClause cc when n is Stmt s && cc.Body.Contains(s):
                foreach (var e in cc.List) yield return e;
                if (cc.Parent?.Parent is SwitchStmt { Tag: { } tag }) yield return tag;
                break;
            case BlockStmt block when n is Stmt s:
                foreach (var before in block.List)
                {
                    if (before == s) break;
                    if (before is IfStmt { Else: null, Cond: { } c, Body.List: [.., var last] } && Leaves(last)) yield return c;
                }
                break;
        }
    }

    private static bool Leaves(Stmt s) =>
        s is ReturnStmt or BranchStmt || s is ExprStmt { X: CallExpr { Fun: Ident { Name: "panic" } } };

    /// <summary>The texts that stand for a receiver's state: itself, and the value a getter is called on (`v` for `v.typ()`).</summary>
    private static IEnumerable<string> ReceiverTexts(Expr x)
    {
        for (Expr? e = x; e is not null;)
        {
            yield return ExprText.Of(e);
            e = Unparen(e) is CallExpr { Args.Count: 0, Fun: SelectorExpr { X: { } inner } } ? inner : null;
        }
    }
}
