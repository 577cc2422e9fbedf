namespace Vigil.Analysis.Race;

/// <summary>
/// A lock handed to a goroutine: the parent locks, starts the goroutine, and the goroutine unlocks
/// (<c>b.lock.Lock(); go func() { defer b.lock.Unlock(); b.conn = dial() }()</c>). Nobody else can take the lock
/// between the parent's Lock and the goroutine's Unlock, so the goroutine's accesses before that unlock hold it,
/// like any access in a critical section.
/// </summary>
internal static class LockHandOff
{
    /// <summary>
    /// The child's events (already in the parent's frame) with each lock the parent holds at the start added to the
    /// accesses that come before the child's first unlock of it: all of them when that unlock is deferred. A child
    /// that never unlocks the parent's lock gets nothing: the parent keeps it and may release it while the child runs.
    /// </summary>
    public static IReadOnlyList<Event> Apply(IReadOnlyList<Event> child, IReadOnlyList<HeldLock> parentHeld)
    {
        if (parentHeld.Count == 0 || child.Count == 0) return child;
        List<Event>? result = null;
        foreach (var h in parentHeld)
        {
            if (h.Once) continue;
            // The child takes the lock itself before unlocking it: an ordinary critical section, not a hand-off.
            var first = (result ?? child).FirstOrDefault(e => e.Kind is EventKind.Acquire or EventKind.Release
                && e.Sync == SyncKind.Mutex && h.Lock.Equals(e.Loc));
            if (first is not { Kind: EventKind.Release }) continue;
            result ??= [.. child];
            for (int i = 0; i < result.Count; i++)
            {
                var e = result[i];
                if (e.Kind != EventKind.Access || !(first.Deferred ? !e.Deferred || e.Seq < first.Seq : e.Seq < first.Seq)) continue;
                if (e.Locks.Any(l => l.Lock.Equals(h.Lock))) continue;
                var moved = e.With(e.Site, e.Chain, e.Loc, [.. e.Locks, h], e.Unconditional, e.AtTop, e.Deferred);
                moved.Seq = e.Seq;
                result[i] = moved;
            }
        }
        return result ?? child;
    }
}
