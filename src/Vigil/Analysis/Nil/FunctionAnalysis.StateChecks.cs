using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Conditions that check a container's state before taking from it:
/// `for !q.empty() { g := q.pop() }`, `if l.Len() > 0 { e := l.Front() }`,
/// `for pp.gFree.n >= 32 { gp := pp.gFree.pop() }`. A method that returns nil
/// when its receiver is empty is then called on a receiver the enclosing
/// condition just examined: its nil result is presumed not to happen there
/// (the analysis does not model what `empty` means; silence rather than a guess).
/// </summary>
public sealed partial class FunctionAnalysis
{
    private readonly Dictionary<Expr, HashSet<string>> examined = [];

    /// <summary>The receivers a condition examines (other than by comparing them with nil).</summary>
    private HashSet<string> ExaminedReceivers(Expr? cond)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        Action<Node> walk = null!; // one delegate per walk: VisitChildren(Walk) made one per node
        void Walk(Node n)
        {
            if (n is BinaryExpr { Op: Token.Eql or Token.Neq } b && (info.IsNilLiteral(Unparen(b.X!)) || info.IsNilLiteral(Unparen(b.Y!))))
                return; // a nil check of the value itself says nothing of its state
            if (n is SelectorExpr s && s.X is not null && info.ModeOf(s.X).HasFlag(Vigil.Loading.ExprMode.Value))
                set.Add(ExprText.Of(s.X));
            if (n is IndexExpr ie && ie.X is not null && info.TypeOf(ie.X)?.Underlying is GoMap)
                set.Add(ExprText.Of(ie.X));
            if (n is CallExpr { Fun: Ident { Name: "len" or "cap" }, Args: [var a] })
                set.Add(ExprText.Of(a));
            n.VisitChildren(walk);
        }
        walk = Walk;
        if (cond is not null) Walk(cond);
        return set;
    }

    /// <summary>True when a call's receiver was examined by an enclosing condition.</summary>
    private bool ReceiverStateChecked(CallExpr call) =>
        call.Fun is SelectorExpr { X: { } recv } && ExaminedByEnclosingCondition(call, recv, calls: true);

    /// <summary>
    /// True when <paramref name="x"/> (used at <paramref name="at"/>) was examined by the
    /// condition of an enclosing `if` (in its then-branch) or `for` (in its body), or by the
    /// other conditions of FunctionAnalysis.StateGuards.cs for a call's receiver (<paramref name="calls"/>;
    /// not for a map or a field, whose nil an early `if len(m) > 0 { return }` does not rule out).
    /// </summary>
    private bool ExaminedByEnclosingCondition(Node at, Expr x, bool calls = false)
    {
        List<string>? texts = null;
        for (Node? n = at; n?.Parent is { } parent && n != root; n = parent)
        {
            // Only these parents make conditions: the others need no StateConditions iterator.
            if (parent is not (IfStmt or ForStmt) && !(calls && parent is BinaryExpr or CaseClause or BlockStmt)) continue;
            foreach (var (cond, exact) in StateConditions(n, parent, calls))
            {
                var set = calls ? ExaminedForCalls(cond) : examined.TryGetValue(cond, out var e) ? e : examined[cond] = ExaminedReceivers(cond);
                if (set.Count == 0) continue;
                texts ??= calls ? [.. ReceiverTexts(x)] : [ExprText.Of(x)];
                if (exact ? set.Contains(texts[0]) : texts.Any(set.Contains)) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True when an enclosing `if` (in its then-branch) just found the same call's result
    /// non-nil: `if m.Err() != nil { m.Err().Error() }`, `if err := metric.Error(); err != nil {
    /// s = metric.Error().Error() }`. Calling it again is presumed to give the same answer
    /// (a getter, not a queue); silence rather than a guess. Likewise a field of such a call's
    /// result (`if c.Client().Jar != nil { c.Client().Jar.Cookies(u) }`).
    /// </summary>
    private bool SameCallCheckedNonNil(Expr call)
    {
        string? text = null;
        for (Node? n = call; n?.Parent is { } parent && n != root; n = parent)
        {
            if (parent is not IfStmt { Cond: { } cond } i || i.Body != n) continue;
            if (!nonNilCalls.TryGetValue(cond, out var set)) nonNilCalls[cond] = set = NonNilCalls(i);
            if (set.Count > 0 && set.Contains(text ??= ExprText.Of(call))) return true;
        }
        return false;
    }

    private readonly Dictionary<Expr, HashSet<string>> nonNilCalls = [];

    /// <summary>The calls (by text) an if statement's condition proves non-nil in its then-branch.</summary>
    private HashSet<string> NonNilCalls(IfStmt i)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        void Walk(Expr e)
        {
            e = Unparen(e);
            if (e is BinaryExpr { Op: Token.LAnd, X: { } l, Y: { } r }) { Walk(l); Walk(r); return; }
            if (e is not BinaryExpr { Op: Token.Neq } b || !IsNilComparison(b, out var x)) return;
            x = Unparen(x);
            if (x is CallExpr c) set.Add(ExprText.Of(c));
            else if (x is SelectorExpr { X: CallExpr { Args.Count: 0 } } field) set.Add(ExprText.Of(field)); // `if c.Client().Jar != nil { c.Client().Jar.Cookies(u) }`
            else if (x is Ident id && i.Init is AssignStmt { Lhs: [Ident l0], Rhs: [CallExpr init] } && l0.Name == id.Name)
                set.Add(ExprText.Of(init));
        }
        Walk(i.Cond!);
        return set;
    }
}
