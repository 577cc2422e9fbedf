using Vigil.Syntax;
using static Vigil.Syntax.Parens;

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
    /// <summary>
    /// The conditions that examined the state on the way from <paramref name="parent"/> into
    /// <paramref name="n"/>; Exact when only the receiver itself counts, not the value a getter
    /// of it is called on: an early `if c.disabled { return }` says nothing of `c.Flags()`.
    /// </summary>
    private IEnumerable<(Expr Cond, bool Exact)> StateConditions(Node n, Node parent, bool calls)
    {
        switch (parent)
        {
            case IfStmt i when i.Body == n && i.Cond is { } c: yield return (c, false); break;
            case ForStmt f when f.Body == n && f.Cond is { } c: yield return (c, false); break;
            case not null when !calls: break;
            case BinaryExpr { Op: Token.LAnd, X: { } l } b when b.Y == n: yield return (l, false); break;
            case CaseClause cc when n is Stmt s && cc.Body.Contains(s):
                foreach (var e in cc.List) yield return (e, false);
                if (cc.Parent?.Parent is SwitchStmt { Tag: { } tag }) yield return (tag, false);
                break;
            case BlockStmt block when n is Stmt s:
                var (index, leaving) = LeavingIfs(block);
                if (leaving.Count == 0 || !index.TryGetValue(s, out var at)) break;
                foreach (var (i, c) in leaving)
                {
                    if (i >= at) break;
                    yield return (c, true);
                }
                break;
        }
    }

    private readonly Dictionary<Expr, HashSet<string>> examinedForCalls = [];
    private Dictionary<Vigil.Semantics.GoObject, Expr>? definedBy;

    /// <summary>
    /// What a condition examines for a call's receiver: what <see cref="ExaminedReceivers"/> finds,
    /// plus the arguments of a predicate it calls (`if smallFloat(x.val) { x.val.Rat(nil) }`) and
    /// what the value of a local defined from an examination examines (`k := v.kind(); switch k`).
    /// </summary>
    private HashSet<string> ExaminedForCalls(Expr cond)
    {
        if (examinedForCalls.TryGetValue(cond, out var set)) return set;
        set = [.. ExaminedReceivers(cond)];
        Action<Node> walk = null!; // one delegate per walk: VisitChildren(Walk) made one per node
        void Walk(Node n)
        {
            if (n is BinaryExpr { Op: Token.Eql or Token.Neq } b && (info.IsNilLiteral(Unparen(b.X!)) || info.IsNilLiteral(Unparen(b.Y!))))
                return;
            if (n is CallExpr { Fun: { } fun } call && !(fun is Ident { Name: "len" or "cap" }))
                foreach (var a in call.Args)
                    if (Unparen(a) is Ident or SelectorExpr) set.Add(ExprText.Of(a));
            if (n is Ident id && info.UseOf(id) is Vigil.Semantics.GoVar { IsField: false } v && DefinedBy(v) is { } rhs)
                set.UnionWith(ExaminedReceivers(rhs));
            n.VisitChildren(walk);
        }
        walk = Walk;
        Walk(cond);
        return examinedForCalls[cond] = set;
    }

    /// <summary>The expression a local was defined from (`k := v.kind()`), if the function defines it once with `:=`.</summary>
    private Expr? DefinedBy(Vigil.Semantics.GoVar v)
    {
        if (definedBy is null)
        {
            definedBy = [];
            var seen = new HashSet<Vigil.Semantics.GoObject>();
            // One delegate for the whole body (a local function passed on makes one per node).
            new Vigil.Flow.SyntaxWalk(n =>
            {
                if (n is AssignStmt { Tok: Token.Define } a && a.Lhs.Count == a.Rhs.Count)
                    for (int i = 0; i < a.Lhs.Count; i++)
                        if (a.Lhs[i] is Ident lid && info.DefOf(lid) is { } o && seen.Add(o)) definedBy[o] = a.Rhs[i];
                return true;
            }).Walk(root);
        }
        return definedBy.TryGetValue(v, out var e) ? e : null;
    }

    private readonly Dictionary<BlockStmt, (Dictionary<Stmt, int> Index, List<(int At, Expr Cond)> Leaving)> leavingIfs = [];

    /// <summary>A block's `if cond { ...; return }` statements (no else), in order, and each statement's index: computed once per block.</summary>
    private (Dictionary<Stmt, int> Index, List<(int At, Expr Cond)> Leaving) LeavingIfs(BlockStmt block)
    {
        if (leavingIfs.TryGetValue(block, out var known)) return known;
        var index = new Dictionary<Stmt, int>();
        var leaving = new List<(int, Expr)>();
        for (int i = 0; i < block.List.Count; i++)
        {
            var st = block.List[i];
            index[st] = i;
            if (st is IfStmt { Else: null, Cond: { } c, Body.List: [.., var last] } && Leaves(last)) leaving.Add((i, c));
        }
        return leavingIfs[block] = (index, leaving);
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
