using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Order between deferred calls: they run at exit, the last registered first. A join in a deferred call
/// registered after another deferred call runs before it:
/// <code>
/// if timed { defer c.setDeadline(0) }                    // runs last
/// if ctx != nil { defer func() { close(done); &lt;-res }() // runs first: joins the goroutine
///                go watch(c, done, res) }
/// </code>
/// </summary>
public sealed partial class HappensBefore
{
    /// <summary>
    /// <paramref name="start"/> ran and <paramref name="p"/> runs: then <paramref name="e"/> ran before p. Beyond
    /// <see cref="Precedes(Event, Event)"/>, a deferred e counts when its defer statement is registered on every
    /// path to the start (so whenever the goroutine exists) and p's defer statement never after it.
    /// </summary>
    public bool PrecedesAfterStart(Event e, Event p, Event? start) =>
        Precedes(e, p) || start != null && e.Deferred && p.Deferred && e.Scope is null && LaterDeferFirst(e, p, start);

    /// <summary>
    /// Deferred <paramref name="e"/> runs before deferred <paramref name="p"/>: e runs whenever its deferred call
    /// does, and its defer statement is registered after p's, on every path where p's is (or, given
    /// <paramref name="start"/>, on every path to the start, with p's never registered after e's).
    /// </summary>
    private bool LaterDeferFirst(Event e, Event p, Event? start)
    {
        if (!e.Unconditional || DeferOf(e.Site) is not { } de || DeferOf(p.Site) is not { } dp || de == dp) return false;
        if (start is null) return order.MustFollow(de, dp);
        if (start.Deferred || !order.MustPrecede(de, start.Site)) return false;
        return order.MustPrecede(dp, de) || order.NeverAfter(dp, de) || order.Exclusive(dp, de);
    }

    /// <summary>The defer statement of the function that owns the event list whose call a deferred event's site is.</summary>
    private static DeferStmt? DeferOf(Node site)
    {
        for (Node? x = site; x != null && x is not (FuncDecl or FuncLit); x = x.Parent)
            if (x is DeferStmt d) return d;
        return null;
    }
}
