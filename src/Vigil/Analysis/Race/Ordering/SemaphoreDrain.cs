using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A buffered channel filled to capacity to wait for the goroutines that empty it (the counting-semaphore idiom):
/// <code>
/// sem := make(chan bool, K)
/// for _, x := range items {
///     sem &lt;- true                            // one token per goroutine, before it starts
///     go func(x T) { work(x); &lt;-sem }(x)    // each gives its token back at the end
/// }
/// for i := 0; i &lt; cap(sem); i++ { sem &lt;- true } // K more sends: complete only once every token came back
/// use(results)
/// </code>
/// The memory model: the k-th receive from a channel of capacity K is synchronized before the (k+K)-th send
/// completes. When the parent's sends before an access, minus K, are at least the goroutines' receives, every
/// receive happened before that access. Sends are counted only where the count is known: unconditional ones,
/// in loops with a constant (or <c>cap(ch)</c>) trip count, and one paired with each go statement of a loop
/// (the send just before it in the same body). The parent must not receive from the channel itself.
/// </summary>
internal sealed class SemaphoreDrain(HappensBefore hb, Summaries sums)
{
    /// <summary>Child access <paramref name="c"/> happens before parent access <paramref name="p"/> through such a drain.</summary>
    public bool Drained(Event p, Event c, Event s, IReadOnlyList<Event> parent, List<Event> spawns)
    {
        var child = s.Spawn!.Child;
        foreach (var recv in ReceivesIn(child))
        {
            if (!hb.Follows(recv, c) || !(recv.AtTop && recv.Unconditional)) continue;
            var ch = recv.Loc!;
            if (sums.CapacityOf(ch) is not long k || k <= 0) continue;
            if (ReceivesIn(parent).Any(r => r.Loc!.Equals(ch))) continue;
            var sends = parent.Where(e => e.Kind == EventKind.Release && e.Sync == SyncKind.Chan && e.Origin is SendStmt && e.Loc!.Equals(ch)).ToList();
            var paired = new HashSet<Event>();
            long goroutines = 0;
            bool known = true;
            foreach (var sp in spawns)
            {
                var theirs = ReceivesIn(sp.Spawn!.Child).Where(r => r.Loc!.Equals(ch)).ToList();
                if (theirs.Count == 0) continue;
                if (theirs.Count > 1 || InLoopOfItsFunction(theirs[0].Origin)) { known = false; break; }
                if (hb.LoopOf(sp.Site) is not { } loop) { goroutines++; continue; }
                // In a loop: paired with a send just before it in the same body, one token per instance.
                var pair = sends.FirstOrDefault(x => !paired.Contains(x) && hb.LoopOf(x.Site) == loop && x.Unconditional && hb.MustPrecede(x.Site, sp.Site));
                if (pair is null) { known = false; break; }
                paired.Add(pair);
            }
            if (!known) continue;
            long counted = 0;
            foreach (var x in sends)
            {
                if (paired.Contains(x) || !x.Unconditional) continue;
                if (TripCount(x.Site, k, ch.Root) is not long n) continue;
                // A send in a counted loop runs before p when the loop does (it runs its body n > 0 times).
                if (hb.LoopOf(x.Site) is ForStmt { Init: { } init } counting)
                {
                    if (n > 0 && !HappensBefore.Within(p.Site, counting) && hb.MustPrecede(init, p.Site)) counted += n;
                }
                else if (x.AtTop && hb.MustPrecede(x.Site, p.Site)) counted += n;
            }
            if (counted - k >= goroutines) return true;
        }
        return false;
    }

    private static bool InLoopOfItsFunction(Node n)
    {
        for (var x = n.Parent; x != null && x is not (FuncLit or FuncDecl); x = x.Parent)
            if (x is ForStmt or RangeStmt) return true;
        return false;
    }

    private static IEnumerable<Event> ReceivesIn(IReadOnlyList<Event> list) =>
        list.Where(e => e.Kind == EventKind.Acquire && e.Sync == SyncKind.Chan && e.Origin is UnaryExpr { Op: Token.Arrow });

    /// <summary>How many times a statement runs: once outside loops; N in <c>for i := 0; i &lt; N; i++</c> (or <c>cap(ch)</c>, the capacity); else null.</summary>
    private long? TripCount(Node site, long capacity, Semantics.GoVar chan)
    {
        if (hb.LoopOf(site) is not { } loop) return 1;
        if (hb.LoopOf(loop) is not null) return null;
        if (loop is not ForStmt { Init: AssignStmt { Rhs: [BasicLit { Value: "0" }] }, Cond: BinaryExpr { Op: Token.Lss } cond, Post: IncDecStmt { Tok: Token.Inc } }) return null;
        var info = site.SourceFile.Package.Info;
        if (info.ConstValue(cond.Y!) is { } c && long.TryParse(c, out long n)) return n;
        if (cond.Y is CallExpr { Fun: Ident { Name: "cap" }, Args: [Ident arg] } && info.ObjectOf(arg) == chan) return capacity;
        return null;
    }
}
