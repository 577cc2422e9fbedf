using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Happens-before between two event lists (two goroutines): an access is
/// ordered before another when the first goroutine releases a synchronization
/// object after it (send, close, Done, unlock as a hand-off, atomic store, the
/// end of a Once body) and the second acquires the same object before its
/// access (receive, Wait, Lock, atomic load, Do returning). For unbuffered
/// channels the receive also releases to the sender.
/// </summary>
public sealed partial class HappensBefore
{
    private readonly IProgramOrder order;
    private readonly Summaries sums;

    public HappensBefore(IProgramOrder order, Summaries sums)
    {
        this.order = order;
        this.sums = sums;
    }

    /// <summary><paramref name="e"/> runs before <paramref name="p"/> whenever p runs (same event list).</summary>
    public bool Precedes(Event e, Event p)
    {
        if (e.Scope != null)
            return e.Site == e.Origin && !p.Deferred
                && (e.ScopeAfter ? !Within(p.Site, e.Scope) && order.MustPrecede(e.Scope, p.Site) : Within(p.Site, e.Scope));
        // Two points inside the same deferred call (`defer s.teardown()`, which waits and then writes): decide in the callee.
        if (e.Deferred && p.Deferred && e.Site == p.Site && Diverge(e, p) is var (kd, ned, npd))
            return !InDefer(ned) && Below(e, kd) && order.MustPrecede(ned, npd);
        if (e.Deferred) return p.Deferred && LaterDeferFirst(e, p, null);
        if (p.Deferred) return e.Unconditional;
        if (e.Site == p.Site && Diverge(e, p) is var (k, ne, np))
        {
            // Both inside the same call: decide in the callee where their paths part.
            if (InDefer(ne)) return false;
            return Below(e, k) && (InDefer(np) || order.MustPrecede(ne, np));
        }
        if (e.Site == p.Site && e.Path.Count > 1 && p.Path.Count > 1)
            return Below(e, Math.Min(e.Path.Count, p.Path.Count) - 1) && e.Seq < p.Seq; // one inside the other's call
        if (FromOneImportedCall(e, p)) return e.Seq < p.Seq;
        if (!e.Unconditional) return false;
        if (e.Site == p.Site) return e.Seq < p.Seq;
        return order.MustPrecede(e.Site, p.Site) || InLoopBefore(e, p);
    }

    /// <summary>
    /// <paramref name="e"/> is at the top of the body of a loop that runs at least once (<c>for i := 0; i &lt; N; i++ { &lt;-done }</c>
    /// with a constant N), and <paramref name="p"/> comes after that loop.
    /// </summary>
    private bool InLoopBefore(Event e, Event p)
    {
        if (order.EnclosingLoop(e.Site) is not ForStmt { Body: { } body } f || Within(p.Site, f)) return false;
        if (!SyntacticOrder.Unconditional(e.Site, body) || !LoopFacts.BodyRunsAtLeastOnce(f)) return false;
        return order.MustPrecede(f.Init!, p.Site);
    }

    /// <summary>
    /// Whenever both run, <paramref name="a"/> runs before <paramref name="r"/> (a may not run at all): at the level
    /// where their paths part, a's point dominates r's, or r is deferred there and a is not. A conditional access
    /// before a release is still before it: <c>defer func() { if failed { c.failed = true }; defer func() { signal &lt;- true }() }()</c>.
    /// </summary>
    public bool BeforeWhenBoth(Event a, Event r)
    {
        if (a.Deferred != r.Deferred) return r.Deferred;
        if (a.Site == r.Site && Diverge(a, r) is var (_, na, nr))
        {
            if (InDefer(na)) return false;
            return InDefer(nr) || order.MustPrecede(na, nr) || order.NeverAfter(na, nr);
        }
        if (a.Site == r.Site) return (a.Path.Count > 1 && r.Path.Count > 1 || FromOneImportedCall(a, r)) && a.Seq < r.Seq;
        return !a.Deferred && (order.MustPrecede(a.Site, r.Site) || order.NeverAfter(a.Site, r.Site));
    }

    /// <summary><paramref name="a"/> may run before <paramref name="r"/> but never after it (same event list; loops considered).</summary>
    public bool NeverAfter(Event a, Event r)
    {
        if (a.Deferred || r.Deferred) return false;
        if (a.Site == r.Site) return Diverge(a, r) is var (_, na, nr) && !InDefer(na) && !InDefer(nr) && order.NeverAfter(na, nr);
        return order.NeverAfter(a.Site, r.Site);
    }

    /// <summary>
    /// Two events of one call of a dependency known from its race facts (go vet's -facts=vetx): the facts keep their
    /// order but not the callee's branches, so the earlier one counts as before the later one whenever both run (a
    /// Once.Do before the read of what it initialized). A synchronization in another branch of the callee than the
    /// access would count too: such a race through the dependency is missed (docs/facts.md).
    /// </summary>
    private static bool FromOneImportedCall(Event e, Event p) => e.Site == p.Site && e.Imported != null && p.Imported != null;

    /// <summary>Where the paths of two events with the same site part: the level and the two nodes there.</summary>
    public static (int, Node, Node)? Diverge(Event e, Event p)
    {
        var a = e.Path;
        var b = p.Path;
        int n = Math.Min(a.Count, b.Count);
        for (int k = 1; k < n; k++)
            if (a[k] != b[k]) return (k, a[k], b[k]);
        return null;
    }

    /// <summary>The event runs whenever the function at level <paramref name="k"/> reaches its point there.</summary>
    private static bool Below(Event e, int k)
    {
        for (int i = k + 1; i < e.CondPath.Count; i++) if (!e.CondPath[i]) return false;
        return true;
    }

    private static bool InDefer(Node n)
    {
        for (Node? x = n; x != null && x is not (FuncDecl or FuncLit); x = x.Parent)
            if (x is DeferStmt) return true;
        return false;
    }

    /// <summary><paramref name="e"/> runs after <paramref name="p"/> whenever p runs (same event list).</summary>
    public bool Follows(Event e, Event p)
    {
        if (e.Scope != null) return false; // holds only inside its scope, not on every path
        if (e.Site == p.Site && !e.Deferred && !p.Deferred && Diverge(e, p) is var (k, ne, np))
        {
            if (InDefer(np)) return false;
            return Below(e, k) && (InDefer(ne) || order.MustFollow(ne, np));
        }
        if (e.Site == p.Site && !e.Deferred && !p.Deferred && e.Path.Count > 1 && p.Path.Count > 1)
            return Below(e, Math.Min(e.Path.Count, p.Path.Count) - 1) && e.Seq > p.Seq;
        if (!e.Deferred && !p.Deferred && FromOneImportedCall(e, p)) return e.Seq > p.Seq;
        if (!e.Unconditional) return false;
        if (e.Deferred) return !p.Deferred || e.Seq < p.Seq; // deferred calls run last, in reverse order
        if (p.Deferred) return false;
        if (e.Site == p.Site) return e.Seq > p.Seq;
        return order.MustFollow(e.Site, p.Site);
    }

    public bool Matches(Event release, Event acquire)
    {
        if (release.Kind != EventKind.Release || acquire.Kind != EventKind.Acquire || release.JoinOnly) return false;
        if (release.Sync != acquire.Sync || release.Loc is null || !release.Loc.Equals(acquire.Loc)) return false;
        return release.Sync != SyncKind.ChanReverse || sums.IsUnbuffered(release.Loc);
    }

    /// <summary>True when access <paramref name="a"/> in list <paramref name="x"/> happens before <paramref name="b"/> in <paramref name="y"/> by a release/acquire pair.</summary>
    /// <remarks>With <paramref name="start"/> (the go statement of x when y is its starter), y's acquires count in the
    /// executions where that start ran (see <see cref="PrecedesAfterStart"/>).</remarks>
    public bool Ordered(Event a, IReadOnlyList<Event> x, Event b, IReadOnlyList<Event> y, Func<Event, bool>? acquireFilter = null,
        Func<Event, bool>? releaseFilter = null, Event? start = null)
    {
        var acquires = SyncEvents(y).Acquires;
        foreach (var r in SyncEvents(x).Releases)
        {
            if (!Follows(r, a)) continue;
            if (releaseFilter != null && !releaseFilter(r)) continue;
            // A send repeated in a loop: the receive may take an earlier message, sent before a.
            if (r.Sync == SyncKind.Chan && r.Origin is not CallExpr && InLoop(r.Site)) continue;
            foreach (var q in acquires)
                if ((acquireFilter == null || acquireFilter(q)) && Matches(r, q) && PrecedesAfterStart(q, b, start) && SawStore(q, b, x, y))
                    return true;
        }
        return OrderedByEveryRelease(a, x, b, y, acquireFilter, releaseFilter, start);
    }

    /// <summary>
    /// A conditional hand-off: <c>x = v; if err != nil { close(errc) }</c> against
    /// <c>case &lt;-errc: use(x)</c>. When every release of the object in x's goroutine
    /// comes after a, and only that goroutine releases it, an acquire before b can
    /// only have taken a release that followed a.
    /// </summary>
    private bool OrderedByEveryRelease(Event a, IReadOnlyList<Event> x, Event b, IReadOnlyList<Event> y,
        Func<Event, bool>? acquireFilter, Func<Event, bool>? releaseFilter, Event? start)
    {
        var releases = SyncEvents(x).Releases;
        foreach (var q in SyncEvents(y).Acquires)
        {
            if (q.Sync is not (SyncKind.Chan or SyncKind.ChanClosed or SyncKind.WaitGroup or SyncKind.Atomic) || !SawStore(q, b, x, y)
                || (acquireFilter != null && !acquireFilter(q)) || !PrecedesAfterStart(q, b, start)) continue;
            var mine = releases.Where(r => Matches(r, q)).ToList();
            if (mine.Count == 0 || (releaseFilter != null && !mine.All(releaseFilter))) continue;
            if (SyncEvents(y).Releases.Any(r => r.Sync == q.Sync && r.Loc!.Equals(q.Loc))) continue;
            // Each release either follows a, or excludes it (a release followed by a return before a).
            if (mine.All(r => BeforeWhenBoth(a, r) || (r.Deferred && !a.Deferred) || (r.Site != a.Site && order.Exclusive(r.Site, a.Site))))
                return true;
        }
        return false;
    }

    /// <summary>
    /// An atomic acquire orders <paramref name="b"/> only when b runs because the operation saw a stored value
    /// (<see cref="ObservedAtomics"/>), and the word was never set plainly in either goroutine (a plain
    /// <c>ready = 1</c> may already hold what the check looks for). Other acquires: always.
    /// </summary>
    private static bool SawStore(Event q, Event b, IReadOnlyList<Event> x, IReadOnlyList<Event> y) =>
        q.Sync != SyncKind.Atomic || ObservedAtomics.Observes(q, b) && !SetPlainly(q.Loc!, x) && !SetPlainly(q.Loc!, y);

    private static bool SetPlainly(Loc word, IReadOnlyList<Event> list) =>
        list.Any(e => e.Kind == EventKind.Access && e.Write && !e.Atomic && word.Equals(e.Loc));

    private readonly Dictionary<IReadOnlyList<Event>, (List<Event> Releases, List<Event> Acquires)> syncEvents =
        new(ReferenceEqualityComparer.Instance);

    /// <summary>The releases and acquires of an event list (computed once per list).</summary>
    public (List<Event> Releases, List<Event> Acquires) SyncEvents(IReadOnlyList<Event> list)
    {
        if (!syncEvents.TryGetValue(list, out var r))
            syncEvents[list] = r = (list.Where(e => e.Kind == EventKind.Release).ToList(), list.Where(e => e.Kind == EventKind.Acquire).ToList());
        return r;
    }

    /// <summary>True when the goroutine surely releases <paramref name="q"/>'s object at its end (a Done, a final send).</summary>
    public bool ReleasesAtEnd(IReadOnlyList<Event> child, Event q) =>
        SyncEvents(child).Releases.Any(r => (r.Deferred || (r.AtTop && r.Unconditional)) && Matches(r, q)
            || r.JoinOnly && q.Sync == SyncKind.Chan && r.Loc!.Equals(q.Loc));

    /// <summary>No run of the function executes both points (two cases of a switch; a branch that returns before the other).</summary>
    public bool Exclusive(Node a, Node b) => a != b && order.Exclusive(a, b);

    public bool InLoop(Node n) => order.EnclosingLoop(n) != null;
    public Node? LoopOf(Node n) => order.EnclosingLoop(n);
    public bool MustPrecede(Node e, Node p) => order.MustPrecede(e, p);

    public static bool Within(Node n, Node top)
    {
        for (Node? x = n; x != null; x = x.Parent) if (x == top) return true;
        return false;
    }
}
