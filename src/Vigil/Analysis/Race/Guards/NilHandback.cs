using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A field that says whether a goroutine is running, handed back by the goroutine itself:
///
/// <code>
/// mu.Lock(); if db.cleanerCh == nil { db.cleanerCh = make(...); go db.cleaner() }; mu.Unlock()   // start
/// func (db *DB) cleaner() { for { &lt;-db.cleanerCh; mu.Lock(); if done { db.cleanerCh = nil; mu.Unlock(); return } ... } }
/// </code>
///
/// The parent touches the field only when it is nil, under a lock; the goroutine sets it to nil under the
/// same lock and never touches it afterwards. So a parent access that saw nil comes after the goroutine's
/// last one (through the lock and the value observed): the goroutine's accesses before its nil write do not
/// race with it.
/// </summary>
internal sealed class NilHandback
{
    private readonly HappensBefore hb;

    public NilHandback(HappensBefore hb) => this.hb = hb;

    /// <summary>True when parent access <paramref name="p"/> is guarded by its field being nil and child access <paramref name="c"/> precedes the child's handing it back.</summary>
    public bool HandedBack(Event p, Event c, IReadOnlyList<Event> child) =>
        p.Origin is SelectorExpr access && GuardedByNil(p.Origin, t => SamePath(t, access, access.SourceFile.Package.Info))
        && BeforeHandback(c, p.Locks, child);

    /// <summary>
    /// Lazy initialization under a lock: the parent writes the field only when it is nil, holding a lock
    /// (<c>mu.Lock(); if c.cond == nil { c.cond = sync.NewCond(&amp;mu) }</c>), and the goroutine, before its
    /// unguarded read, has itself read the field under that lock (the same check). Nobody sets it back to nil.
    /// Either the goroutine's check saw it set (the write is ordered before through the lock) or the goroutine set it
    /// itself, and then the parent's write never happens.
    /// </summary>
    public bool LazilyInitialized(Event p, Event c, IReadOnlyList<Event> parent, IReadOnlyList<Event> child)
    {
        if (!p.Write || p.Nil || p.Locks.Count == 0 || c.Write || p.Origin is not SelectorExpr access
            || !GuardedByNil(p.Origin, t => SamePath(t, access, access.SourceFile.Package.Info)))
            return false;
        if (parent.Concat(child).Any(w => w.Kind == EventKind.Access && w.Nil && w.Loc!.Equals(c.Loc))) return false;
        return child.Any(e => e.Kind == EventKind.Access && e != c && e.Loc!.Equals(c.Loc)
            && e.Locks.Any(l => p.Locks.Any(pl => RaceFinder.SameLock(l.Lock, pl.Lock))) && hb.Precedes(e, c));
    }

    /// <summary>
    /// Two instances of a goroutine started only when the field is nil (the go statement under <c>if f == nil</c>, holding
    /// a lock): a new instance starts after the old one handed the field back, so accesses of the old one that come before
    /// its nil write (or are that write) are before everything the new one does.
    /// </summary>
    public bool Restarted(Event startA, Event a, IReadOnlyList<Event> childA, Event startB, Event b, IReadOnlyList<Event> childB)
    {
        if (a.Loc!.Steps.Count == 0 || a.Loc.Steps[^1] is not { Kind: StepKind.Field, Field: { } field }) return false;
        return StartedWhenNil(startA, field) && StartedWhenNil(startB, field)
            && BeforeHandback(a, startA.Locks, childA) && BeforeHandback(b, startB.Locks, childB);
    }

    /// <summary>
    /// The same hand-back between two goroutines of one parent: <paramref name="b"/> (in another goroutine) touches the
    /// field only when it is nil, under a lock, and goroutine A was started only when the field was nil, under that lock
    /// too (its starter then set it). So b saw nil either before A's starter set it (and then A never starts: the starter
    /// sees it set) or after A handed it back: A's accesses before its nil write are ordered before b.
    /// </summary>
    public bool HandedBackToSibling(Event startA, Event a, IReadOnlyList<Event> childA, Event b)
    {
        if (b.Loc!.Steps.Count == 0 || b.Loc.Steps[^1] is not { Kind: StepKind.Field, Field: { } field }) return false;
        return StartedWhenNil(startA, field) && startA.Locks.Any(l => b.Locks.Any(bl => RaceFinder.SameLock(l.Lock, bl.Lock)))
            && HandedBack(b, a, childA);
    }

    private static bool StartedWhenNil(Event start, GoVar field)
    {
        var info = start.Origin.SourceFile.Package.Info;
        return GuardedByNil(start.Origin, t => t is SelectorExpr { Sel: { } sel } && info.ObjectOf(sel) is GoVar f && f.Origin == field);
    }

    /// <summary>The child writes nil to what <paramref name="c"/> accesses, under one of <paramref name="locks"/>, and c is that write or comes before it.</summary>
    private bool BeforeHandback(Event c, IReadOnlyList<HeldLock> locks, IReadOnlyList<Event> child)
    {
        if (locks.Count == 0) return false;
        foreach (var w in child)
            if (w.Kind == EventKind.Access && w.Write && w.Nil && w.Loc!.Equals(c.Loc)
                && w.Locks.Any(l => locks.Any(pl => RaceFinder.SameLock(l.Lock, pl.Lock)))
                && (c == w || hb.NeverAfter(c, w)))
                return true;
        return false;
    }

    /// <summary>The node lies in the body of an <c>if</c> whose condition requires a field (matched by <paramref name="isField"/>) to be nil.</summary>
    private static bool GuardedByNil(Node n, Func<Expr, bool> isField)
    {
        var info = n.SourceFile.Package.Info;
        for (Node? x = n, parent = x.Parent; parent != null && x is not (FuncDecl or FuncLit); x = parent, parent = parent.Parent)
            if (parent is IfStmt ifs && x == ifs.Body && Conditions.Conjuncts(ifs.Cond).Any(t => IsNilTest(t, isField, info)))
                return true;
        return false;
    }

    private static bool IsNilTest(Expr t, Func<Expr, bool> isField, Loading.TypeInfo info)
    {
        if (t is not BinaryExpr { Op: Token.Eql } b) return false;
        var x = IsNil(b.Y, info) ? b.X : IsNil(b.X, info) ? b.Y : null;
        return x is SelectorExpr && isField(x);
    }

    private static bool IsNil(Expr? e, Loading.TypeInfo info) => e is Ident id && info.ObjectOf(id) is GoNil;

    private static bool SamePath(Expr? a, Expr? b, Loading.TypeInfo info) => (a, b) switch
    {
        (Ident x, Ident y) => info.ObjectOf(x) is { } o && o == info.ObjectOf(y),
        (SelectorExpr x, SelectorExpr y) => x.Sel != null && y.Sel != null && info.ObjectOf(x.Sel) is { } f && f == info.ObjectOf(y.Sel)
            && SamePath(x.X, y.X, info),
        (ParenExpr x, _) => SamePath(x.X, b, info),
        (_, ParenExpr y) => SamePath(a, y.X, info),
        _ => false,
    };
}
