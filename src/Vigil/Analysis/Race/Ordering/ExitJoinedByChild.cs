namespace Vigil.Analysis.Race;

/// <summary>
/// A goroutine that waits for the function that started it to end, through the WaitGroup that function is counted in:
///
/// <code>
/// func (c *Conn) readLoop() {
///     defer c.wg.Done()              // counted by whoever started the loop (c.wg.Add(1); go c.readLoop())
///     for { if err := c.br.read(); err != nil { c.opErr(); return } } // opErr: go c.reconnect()
/// }
/// func (c *Conn) reconnect() { c.wg.Wait(); c.br = newReader(); c.start() }
/// </code>
///
/// The parent's own deferred <c>Done</c> runs when it returns, after every access it makes (in any iteration of its
/// loops); the child's <c>Wait</c> on the same WaitGroup returns only after that <c>Done</c>, because the parent was
/// counted before it could run, so before it started the child. Every access of the child after its <c>Wait</c> is
/// ordered after every access of the parent. A parent that returns without the <c>Done</c> leaves the <c>Wait</c> blocked,
/// so the child's access never runs. Only the parent's own <c>defer wg.Done()</c> counts (registered in its body, not in
/// a callee, whose deferred calls run when the callee returns), and only a <c>Wait</c> that runs before the child's
/// access whenever that access runs.
/// </summary>
internal static class ExitJoinedByChild
{
    public static bool Holds(Event p, Event c, IReadOnlyList<Event> parent, IReadOnlyList<Event> child, HappensBefore hb)
    {
        if (p.Deferred) return false;
        foreach (var done in hb.SyncEvents(parent).Releases)
        {
            if (done.Sync != SyncKind.WaitGroup || !done.Deferred || done.JoinOnly || done.Path.Count != 1 || !done.AtTop) continue;
            foreach (var wait in hb.SyncEvents(child).Acquires)
                if (hb.Matches(done, wait) && !wait.Deferred && hb.Precedes(wait, c)) return true;
        }
        return false;
    }
}
