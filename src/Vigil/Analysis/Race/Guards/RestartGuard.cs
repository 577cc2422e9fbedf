using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A goroutine restarted in a loop only when the previous one is known to be gone:
///
/// <code>
/// for {
///     if !w.isRunning() { w.start() }          // isRunning: return w.cmd != nil; start sets w.cmd, then go ...
///     ...
///     case &lt;-w.termC: w.stop()                 // stop: after &lt;-w.termC (closed by the goroutine at its end), w.cmd = nil
/// }
/// </code>
///
/// The start runs only while a field is nil, and the field becomes nil only after a receive that the goroutine's
/// final release answers (the goroutine never sets it nil itself). So one instance ends before the next starts, and
/// code under the same guard (the next start's setup) runs after the previous instance.
/// </summary>
internal sealed class RestartGuard
{
    private readonly HappensBefore hb;
    private readonly Summaries sums;

    public RestartGuard(HappensBefore hb, Summaries sums)
    {
        this.hb = hb;
        this.sums = sums;
    }

    /// <summary>Instances of the goroutine started at <paramref name="s"/> run one after another.</summary>
    public bool Sequential(Event s, IReadOnlyList<Event> parent, IReadOnlyList<Event> child) =>
        GuardFields(s).Any(f => NilOnlyAfterJoin(f, parent, child));

    /// <summary>Parent access <paramref name="p"/> (before the start, in an earlier iteration's view) runs under the start's guard, after the previous instance.</summary>
    public bool GuardedLikeStart(Event p, Event s, IReadOnlyList<Event> parent, IReadOnlyList<Event> child) =>
        p.Seq < s.Seq && GuardFields(p).Intersect(GuardFields(s)).Any(f => NilOnlyAfterJoin(f, parent, child));

    /// <summary>Every nil write of the field in the parent follows a receive that the goroutine's final release answers; the goroutine writes none.</summary>
    private bool NilOnlyAfterJoin(GoVar field, IReadOnlyList<Event> parent, IReadOnlyList<Event> child)
    {
        if (child.Any(w => IsNilWrite(w, field))) return false;
        var writes = parent.Where(w => IsNilWrite(w, field)).ToList();
        if (writes.Count == 0) return false;
        var joins = hb.SyncEvents(parent).Acquires.Where(q => hb.ReleasesAtEnd(child, q)).ToList();
        return writes.All(w => joins.Any(q => q.Seq < w.Seq && hb.Precedes(q, w)));
    }

    private static bool IsNilWrite(Event w, GoVar field) =>
        w.Kind == EventKind.Access && w.Write && w.Nil && w.Loc!.Steps.Count > 0 && w.Loc.Steps[^1] is { Kind: StepKind.Field } st && st.Field == field;

    /// <summary>The fields an event requires nil: an <c>if</c> around any point of its path tests <c>x.f == nil</c> or a predicate that returns <c>x.f != nil</c>, negated.</summary>
    private HashSet<GoVar> GuardFields(Event e)
    {
        var fields = new HashSet<GoVar>();
        foreach (var n in e.Path)
        {
            var info = n.SourceFile.Package.Info;
            for (Node? x = n, parent = n.Parent; parent != null && x is not (FuncDecl or FuncLit); x = parent, parent = parent.Parent)
                if (parent is IfStmt ifs && x == ifs.Body)
                    foreach (var t in Conditions.Conjuncts(ifs.Cond))
                        if (NilField(t, info, wantNil: true) is { } f) fields.Add(f);
        }
        return fields;
    }

    /// <summary>The field a test says is nil (<paramref name="wantNil"/>) or non-nil: <c>x.f == nil</c>, <c>!p()</c> with p returning <c>x.f != nil</c>.</summary>
    private GoVar? NilField(Expr t, Loading.TypeInfo info, bool wantNil)
    {
        switch (t)
        {
            case ParenExpr p: return NilField(p.X!, info, wantNil);
            case UnaryExpr { Op: Token.Not } u when u.X != null: return NilField(u.X, info, !wantNil);
            case BinaryExpr { Op: Token.Eql or Token.Neq } b when (b.Op == Token.Eql) == wantNil:
                var x = IsNil(b.Y, info) ? b.X : IsNil(b.X, info) ? b.Y : null;
                return x is SelectorExpr { Sel: { } sel } && info.SelectionOf((SelectorExpr)x) is { Kind: SelectionKind.FieldVal }
                    && info.ObjectOf(sel) is GoVar f ? f.Origin : null;
            case CallExpr { Args.Count: 0, Fun: SelectorExpr { Sel: { } m } } when info.ObjectOf(m) is GoFunc pred && sums.BodyOf(pred) is { } body
                    && body.Body?.List is [ReturnStmt { Results: [var r] }]:
                // A one-line predicate method on the same receiver: its result expression decides.
                return NilField(r, body.Package.Info, wantNil);
        }
        return null;
    }

    private static bool IsNil(Expr? e, Loading.TypeInfo info) => e is Ident id && info.ObjectOf(id) is GoNil;
}
