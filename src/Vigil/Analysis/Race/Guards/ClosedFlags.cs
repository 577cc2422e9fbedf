using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A goroutine that works under a lock only while a "closed" flag is false, and a parent that sets the flag
/// under the same lock before its access:
/// <code>
/// // goroutine                                   // parent
/// c.mu.Lock()                                    c.mu.Lock(); c.closed = true; c.mu.Unlock()
/// if c.closed { c.mu.Unlock(); return }          now = nil
/// c.items[k] = now()
/// c.mu.Unlock()
/// </code>
/// The goroutine's access lies in the same hold of the lock as its check. If the check ran after the parent set
/// the flag, it saw true and the access never ran; so the access ran before the parent's critical section, which
/// precedes the parent's access. The flag must never be set back to false.
/// </summary>
internal sealed class ClosedFlags
{
    private readonly HappensBefore hb;
    private readonly Summaries sums;

    public ClosedFlags(HappensBefore hb, Summaries sums)
    {
        this.hb = hb;
        this.sums = sums;
    }

    /// <summary>Child access <paramref name="c"/> runs only while a flag is false, which the parent sets before <paramref name="p"/>.</summary>
    public bool ClosedBefore(Event p, Event c, Event s, IReadOnlyList<Event> parent, IReadOnlyList<Event> child) =>
        Decide(c, s, child, parent, w => hb.Precedes(w, p) || w.Seq > s.Seq && p.Seq < s.Seq && hb.LoopOf(s.Site) is { } loop
            && HappensBefore.Within(p.Site, loop) && HappensBefore.Within(w.Site, loop) && hb.Follows(w, s))
        || InCallThatCloses(p, c, s);

    /// <summary>
    /// The object may be private to a call on the start's path (<c>t.Run(name, func(t *testing.T) { db := open();
    /// defer closeDB(db); db.SetMaxIdleTime(d) })</c>): the caller's view has lost its flag and its lock. Decide in
    /// that call's own events: the flag is set on every way it returns after the start, and <paramref name="p"/>
    /// lies outside the call (so runs after it returns).
    /// </summary>
    private bool InCallThatCloses(Event p, Event c, Event s)
    {
        for (int k = 1; k < s.Path.Count; k++)
        {
            if (p.Path.Count >= k && Enumerable.Range(0, k).All(i => p.Path[i] == s.Path[i])) return false; // p is inside this call
            if (FunctionOf(s.Path[k]) is not { } fn) return false;
            var own = sums.EventsOf(new FunctionRef(fn, fn.SourceFile.Package)).Events;
            var start = own.FirstOrDefault(e => e.Kind == EventKind.Spawn && e.Origin == s.Origin && e.Spawn != null
                && e.Path.SequenceEqual(s.Path.Skip(k)));
            if (start?.Spawn is not { } sp) continue;
            var access = sp.Child.FirstOrDefault(e => e.Kind == EventKind.Access && e.Origin == c.Origin && e.Write == c.Write
                && e.Chain.SequenceEqual(c.Chain));
            if (access != null && Decide(access, start, sp.Child, own, w => hb.Follows(w, start))) return true;
        }
        return false;
    }

    private static Node? FunctionOf(Node n)
    {
        for (Node? x = n.Parent; x != null; x = x.Parent)
            if (x is FuncDecl or FuncLit) return x;
        return null;
    }

    /// <summary>The guard, the lock hold and the flag's writes; <paramref name="setInTime"/> says whether a write of true by the parent counts.</summary>
    private bool Decide(Event c, Event s, IReadOnlyList<Event> child, IReadOnlyList<Event> parent, Func<Event, bool> setInTime)
    {
        if (c.Locks.Count == 0) return false;
        foreach (var g in child)
        {
            if (g.Kind != EventKind.Access || g.Write || g.Origin is not SelectorExpr flag || !IsBool(flag)) continue;
            var lockHeld = g.Locks.Where(l => c.Locks.Any(cl => RaceFinder.SameLock(l.Lock, cl.Lock) && !(l.ReadOnly && cl.ReadOnly))).ToList();
            if (lockHeld.Count == 0 || ExitingGuard(flag) is not { } guard || c.Path.Any(n => HappensBefore.Within(n, guard))) continue;
            if (!hb.Precedes(g, c) || Relocked(g, c, child, lockHeld)) continue;
            if (!OnlySetTrue(g.Loc!, parent, child)) continue;
            if (parent.Any(w => w.Kind == EventKind.Access && w.Write && w.Loc!.Equals(g.Loc) && SetsTrue(w)
                    && w.Locks.Any(l => lockHeld.Any(h => RaceFinder.SameLock(l.Lock, h.Lock) && !(l.ReadOnly && h.ReadOnly)))
                    && setInTime(w)))
                return true;
        }
        return false;
    }

    /// <summary>The <c>if</c> whose condition is the flag (or an <c>||</c> of terms including it) and whose body returns.</summary>
    private static IfStmt? ExitingGuard(SelectorExpr flag)
    {
        Node x = flag;
        while (x.Parent is ParenExpr or BinaryExpr { Op: Token.LOr }) x = x.Parent;
        if (x.Parent is not IfStmt i || i.Cond != x || i.Body?.List is not { Count: > 0 } body || body[^1] is not ReturnStmt) return null;
        return i;
    }

    /// <summary>The goroutine released or re-took the lock between its check and its access.</summary>
    private static bool Relocked(Event g, Event c, IReadOnlyList<Event> child, List<HeldLock> locks) =>
        child.Any(e => e.Kind is EventKind.Acquire or EventKind.Release && e.Sync == SyncKind.Mutex && e.Seq > g.Seq && e.Seq < c.Seq
            && locks.Any(l => RaceFinder.SameLock(l.Lock, e.Loc!)));

    /// <summary>Every write of the flag, by either side, stores the constant true.</summary>
    private static bool OnlySetTrue(Loc flag, IReadOnlyList<Event> parent, IReadOnlyList<Event> child) =>
        parent.Concat(child).All(e => e.Kind != EventKind.Access || !e.Write || !e.Loc!.Equals(flag) || SetsTrue(e));

    private static bool SetsTrue(Event w)
    {
        if (w.Origin is not Expr lhs || lhs.Parent is not AssignStmt a || a.Lhs.Count != a.Rhs.Count) return false;
        for (int i = 0; i < a.Lhs.Count; i++)
            if (a.Lhs[i] == lhs) return a.SourceFile.Package.Info.ConstValue(a.Rhs[i]) == "true";
        return false;
    }

    private static bool IsBool(SelectorExpr e) =>
        e.SourceFile.Package.Info.TypeOf(e)?.Underlying is GoBasic { Name: "bool" } && e.SourceFile.Package.Info.ObjectOf(e.Sel!) is GoVar { IsField: true };
}
