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

    public ClosedFlags(HappensBefore hb) => this.hb = hb;

    /// <summary>Child access <paramref name="c"/> runs only while a flag is false, which the parent sets before <paramref name="p"/>.</summary>
    public bool ClosedBefore(Event p, Event c, Event s, IReadOnlyList<Event> parent, IReadOnlyList<Event> child)
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
                    && (hb.Precedes(w, p) || w.Seq > s.Seq && p.Seq < s.Seq && hb.LoopOf(s.Site) is { } loop
                        && HappensBefore.Within(p.Site, loop) && HappensBefore.Within(w.Site, loop) && hb.Follows(w, s))))
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
