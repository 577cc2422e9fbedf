using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Rounds of goroutines: an outer loop whose every iteration starts a batch (an inner loop of go statements)
/// and waits for all of it before the next round:
/// <code>
/// for r := 0; r &lt; rounds; r++ {
///     wg.Add(n)
///     for j := 0; j &lt; n; j++ { go func() { defer wg.Done(); stats[j]++ }() }
///     wg.Wait()
/// }
/// use(stats)
/// </code>
/// The outer loop may run zero times (then nothing started), so no single Wait precedes the code after it; but
/// every start is followed by a Wait in the same round, so after the outer loop every instance has ended.
/// </summary>
public sealed partial class RaceFinder
{
    /// <summary>
    /// A loop around <paramref name="s"/>'s innermost loop <paramref name="inner"/> in which a Wait follows the start on
    /// every path, and the goroutine surely calls Done at its end; or null.
    /// </summary>
    private Node? JoinedInOuterLoop(Event s, Node? inner, IReadOnlyList<Event> parent, IReadOnlyList<Event> child)
    {
        if (inner is null) return null;
        for (var outer = hb.LoopOf(inner); outer != null; outer = hb.LoopOf(outer))
            if (hb.SyncEvents(parent).Acquires.Any(q => q.Sync == SyncKind.WaitGroup && q.Seq > s.Seq
                    && HappensBefore.Within(q.Site, outer) && hb.Follows(q, s) && hb.ReleasesAtEnd(child, q)))
                return outer;
        return null;
    }
}
