using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>One side of a race: an access and the concurrent code it belongs to (null: the function that starts the goroutines).</summary>
public sealed record Side(Event Access, SpawnInfo? Spawn);

/// <summary>Two accesses to the same memory that can run at the same time, at least one a write, with no lock in common.</summary>
/// <param name="Root">The function whose analysis found the pair (the parent side runs in it).</param>
/// <param name="Starter">When another method started the goroutine and left it running: that method.</param>
public sealed record RacePair(Side A, Side B, bool SameGoroutine, FunctionRef Root, FunctionRef? Starter = null);

/// <summary>
/// Finds racing pairs in one function: the goroutines it starts against the
/// code that follows the start, against each other, and against other
/// instances of themselves; ordered pairs (happens-before) and pairs under a
/// common lock are not races.
/// </summary>
public sealed partial class RaceFinder
{
    private readonly Summaries sums;
    private readonly HappensBefore hb;

    /// <summary>The happens-before rules this finder decides with.</summary>
    public HappensBefore HappensBefore => hb;

    public RaceFinder(Summaries sums, IProgramOrder order)
    {
        this.sums = sums;
        hb = new HappensBefore(order, sums);
        flags = new FlagGuards(order);
        handback = new NilHandback(hb);
        restart = new RestartGuard(hb, sums);
        closedFlags = new ClosedFlags(hb, sums);
        drain = new SemaphoreDrain(hb, sums);
        tokens = new TokenChannels(order as CfgOrder, hb);
    }

    private readonly TokenChannels tokens;

    private readonly SemaphoreDrain drain;

    private readonly ClosedFlags closedFlags;
    private readonly NeverSetFlags neverSet = new();
    private ArgumentExcluded? argExcluded;

    /// <summary>The access never runs: under a flag nothing sets, or a guard its call's argument makes false.</summary>
    private bool NeverRuns(Event e) => neverSet.NeverRuns(e) || ExcludedByArgument(e);

    /// <summary>The access never runs on its path: a guard in a callee that the call's own argument makes false.</summary>
    internal bool ExcludedByArgument(Event e) => (argExcluded ??= new ArgumentExcluded(sums)).NeverRuns(e);

    private readonly RestartGuard restart;

    private readonly NilHandback handback;

    private readonly FlagGuards flags;

    /// <summary>Whether goroutine access <paramref name="c"/> comes before its goroutine hands back the field <paramref name="p"/> writes when nil (see <see cref="NilHandback"/>).</summary>
    public bool HandedBack(Event p, Event c, IReadOnlyList<Event> child) => handback.HandedBack(p, c, child);

    /// <summary>Two goroutines started only when a field is nil, each handing it back: one ends before the other starts (see <see cref="NilHandback.Restarted"/>).</summary>
    public bool Restarted(Event startA, Event a, IReadOnlyList<Event> childA, Event startB, Event b, IReadOnlyList<Event> childB) =>
        handback.Restarted(startA, a, childA, startB, b, childB);

    /// <summary>Enough pairs to report every racing statement of one function; beyond this, more pairs add nothing new.</summary>
    private const int MaxPairs = 500;

    public List<RacePair> Find(FunctionRef root)
    {
        var pairs = new List<RacePair>();
        var events = sums.EventsOf(root).Events;
        var spawns = events.Where(e => e.Kind == EventKind.Spawn && e.Spawn != null).ToList();
        if (spawns.Count == 0) return pairs;
        var parentAccesses = events.Where(e => e.Kind == EventKind.Access && !NeverRuns(e)).ToList();
        // The parent's writes of a fresh allocation to a plain variable, by variable (what Repointed looks for).
        var freshWrites = parentAccesses.Where(f => f.Fresh && f.Loc!.Steps.Count == 0).ToLookup(f => f.Loc!.Root);

        for (int si = 0; si < spawns.Count; si++)
        {
            var s = spawns[si];
            var sp = s.Spawn!;
            var child = sp.Child;
            var childAcc = child.Where(e => e.Kind == EventKind.Access && !NeverRuns(e)).ToList();
            if (childAcc.Count == 0) continue;
            var byRoot = childAcc.ToLookup(e => e.Loc!.Root);
            var loop = hb.LoopOf(s.Site);
            // A loop that stops in the iteration that started the goroutine: no later iteration, one instance.
            bool once = loop != null && hb.LoopOf(loop) is null && LoopExitAfterStart.EndsAfterStart(s, loop);
            if (once) loop = null;
            bool joinedEachIteration = loop != null && JoinedWithin(s, loop, events, child);
            // A retry loop that waits for the previous instance (under a flag every later iteration sees set) before it restarts.
            var waitIf = loop != null && hb.LoopOf(loop) is null ? WaitBeforeRestart.WaitOf(s, loop, events, child, hb) : null;
            // A capacity-1 channel taken before each start and given back at the goroutine's end.
            var token = tokens.Of(root, s);
            var joinedRound = joinedEachIteration ? null : JoinedInOuterLoop(s, loop, events, child);
            // A goroutine started directly by a callee: what races within that one call is the callee's own finding
            // (it is a root too, and sees its loops and joins, which the inlined view flattens).
            var calleeOwn = s.Site != s.Origin && s.Path.Count == 2 && loop is null ? StartedDirectlyBy(s) : null;
            // The same for a dependency known from its race facts (go vet's -facts=vetx): a pair within one call of it
            // that starts the goroutine is the dependency's own finding (reported by its unit).
            bool importedOwn = s.Imported != null && loop is null;

            if (sp.Kind != SpawnKind.Subtest)
                foreach (var p in parentAccesses)
                {
                    bool concurrent = p.Seq > s.Seq || (loop != null && !joinedEachIteration && HappensBefore.Within(p.Site, loop));
                    if (!concurrent) continue;
                    if (!byRoot.Contains(p.Loc!.Root)) continue; // the child touches nothing under this root: no pair to rule out
                    // Before the start in the loop body, the parent only runs alongside the instances of earlier
                    // iterations: an element indexed by the per-iteration loop variable is another one.
                    var distinct = p.Seq < s.Seq ? sp.PerInstance : null;
                    // No child access conflicts with this one: nothing for the guards below to rule out (they cost
                    // more than the check, and most parent accesses conflict with nothing).
                    if (pairs.Count >= MaxPairs || !AnyConflict(p, byRoot[p.Loc!.Root], distinct)) continue;
                    // The access and the start are never both executed (else branches, a deferred close registered on a
                    // path that returns before the go statement).
                    if (hb.Exclusive(p.Deferred ? RegisteredAt(p.Site) : p.Site, s.Site)) continue;
                    // Before the start in the loop body: only an earlier iteration's goroutine runs, and it has its own
                    // copy of the variables declared in the body.
                    if (p.Seq < s.Seq && sp.PerInstance.Contains(p.Loc!.Root)) continue;
                    if (joinedEachIteration && !HappensBefore.Within(p.Site, loop!)) continue; // after the loop: every instance joined
                    if (waitIf != null && p.Seq < s.Seq && p.Site.Pos.Offset > waitIf.End.Offset) continue; // a later iteration, after the wait
                    if (joinedRound != null && !HappensBefore.Within(p.Site, joinedRound)) continue; // after the rounds: all joined
                    if (flags.RuledOutAfter(p, s)) continue; // `if !started`, with started set before the go statement
                    if (restart.GuardedLikeStart(p, s, events, child)) continue;
                    if (Repointed(p, s, child, freshWrites)) continue;
                    if (loop != null && RepointedInLoop.Holds(p, s, loop, events, child, hb)) continue; // `go f(batch); batch = make(...)`
                    if (BeforeServerUsed(p, s, events)) continue; // nobody can reach the test server yet
                    foreach (var c in byRoot[p.Loc!.Root])
                        if (pairs.Count < MaxPairs && Conflict(p, c, distinct) && !(calleeOwn != null && p.Site == s.Site && SameInCallee(p, c, s, calleeOwn))
                            && !(importedOwn && p.Site == s.Site && p.Imported != null)
                            && !ParentChildOrdered(p, c, s, events, spawns)
                            && !handback.HandedBack(p, c, child) && !handback.LazilyInitialized(p, c, events, child)
                            && !closedFlags.ClosedBefore(p, c, s, events, child) && !SequentialRequestsParent(s, p, c, events)
                            && !(token != null && tokens.Orders(token, s, p, c, child)))
                            pairs.Add(new RacePair(new Side(p, null), new Side(c, sp), false, root));
                }

            if (sp.Many && !once && !joinedEachIteration && waitIf is null && !JoinedPerInstance(s, events, spawns) && !restart.Sequential(s, events, child))
            {
                // Only accesses under the same root can conflict: pair each with the later ones of its root, in list order.
                var sameRoot = new Dictionary<GoVar, List<Event>>();
                var rank = new int[childAcc.Count];
                for (int i = 0; i < childAcc.Count; i++)
                {
                    if (!sameRoot.TryGetValue(childAcc[i].Loc!.Root, out var group)) sameRoot[childAcc[i].Loc!.Root] = group = [];
                    rank[i] = group.Count;
                    group.Add(childAcc[i]);
                }
                for (int i = 0; i < childAcc.Count; i++)
                {
                    var group = sameRoot[childAcc[i].Loc!.Root];
                    for (int j = rank[i]; j < group.Count; j++)
                    {
                        var a = childAcc[i];
                        var b = group[j];
                        if (pairs.Count >= MaxPairs || sp.PerInstance.Contains(a.Loc!.Root)) continue;
                        if (!Conflict(a, b, sp.PerInstance)) continue;
                        if (hb.Ordered(a, child, b, child) || hb.Ordered(b, child, a, child)) continue;
                        if (handback.Restarted(s, a, child, s, b, child)) continue;
                        if (SequentialRequests(s, a, b, events)) continue;
                        if (token != null && tokens.GivenBackAfter(token, a, child) && tokens.GivenBackAfter(token, b, child)) continue;
                        pairs.Add(new RacePair(new Side(a, sp), new Side(b, sp), true, root));
                    }
                }
            }

            for (int sj = si + 1; sj < spawns.Count; sj++)
            {
                var s2 = spawns[sj];
                var child2 = s2.Spawn!.Child;
                if (JoinedBefore(s, s2, events, spawns)) continue;
                // One of two starts (the cases of a switch): never both goroutines in one run.
                if (hb.Exclusive(s.Site, s2.Site)) continue;
                // Every instance of s is joined in its own iteration (or round): a goroutine started after that loop finds them ended.
                if ((joinedEachIteration ? loop : joinedRound) is { } over && !HappensBefore.Within(s2.Site, over)) continue;
                foreach (var b in child2)
                {
                    if (b.Kind != EventKind.Access || !byRoot.Contains(b.Loc!.Root) || NeverRuns(b)) continue;
                    foreach (var a in byRoot[b.Loc!.Root])
                    {
                        if (pairs.Count >= MaxPairs || !Conflict(a, b, null)) continue;
                        if (hb.Ordered(a, child, b, child2) || hb.Ordered(b, child2, a, child)) continue;
                        if (handback.Restarted(s, a, child, s2, b, child2)) continue;
                        if (handback.HandedBackToSibling(s, a, child, b) || handback.HandedBackToSibling(s2, b, child2, a)) continue;
                        pairs.Add(new RacePair(new Side(a, sp), new Side(b, s2.Spawn), false, root));
                    }
                }
            }
        }
        return pairs;
    }

    /// <summary>
    /// <c>go rows.awaitDone()</c> then, in a later call, <c>rows = &amp;Rows{...}; rows.releaseConn = f</c>: the goroutine was
    /// given the pointer when it started (it never reads the variable itself), and the parent access goes through the
    /// variable after it was pointed at a new allocation, on every path from the start to the access.
    /// </summary>
    private bool Repointed(Event p, Event s, IReadOnlyList<Event> child, ILookup<GoVar, Event> freshWrites)
    {
        var l = p.Loc!;
        if (l.Steps.Count == 0 || l.Steps[0].Kind != StepKind.Deref || !freshWrites.Contains(l.Root)) return false;
        if (child.Any(c => c.Kind == EventKind.Access && c.Loc!.Root == l.Root && c.Loc.Steps.Count == 0)) return false;
        return freshWrites[l.Root].Any(f => f.Seq > s.Seq && f.Seq < p.Seq && hb.Precedes(f, p));
    }

    /// <summary>Where a deferred call was registered: its defer statement (the graph runs the call itself at exit).</summary>
    private static Node RegisteredAt(Node site)
    {
        for (Node? x = site; x != null && x is not (FuncDecl or FuncLit); x = x.Parent)
            if (x is DeferStmt d) return d;
        return site;
    }

    /// <summary>The function the call at the start's site calls by name, when the go statement lies directly in its body.</summary>
    private FunctionRef? StartedDirectlyBy(Event s)
    {
        if (s.Site is not CallExpr call || Flow.Callees.StaticCallee(call, call.SourceFile.Package.Info) is not { } f
            || sums.BodyOf(f) is not { } body)
            return null;
        Node? fn = s.Origin.Parent;
        while (fn != null && fn is not (FuncDecl or FuncLit)) fn = fn.Parent;
        return fn == body.Node ? body : null;
    }

    /// <summary>
    /// Both accesses lie in one call of a callee that starts the goroutine itself, and they touch overlapping memory in the
    /// callee's own frame too: the callee, analyzed as a root, decides this pair with its loops and joins in view (the
    /// inlined copy flattens them). Pairs that overlap only through the caller's arguments stay here.
    /// </summary>
    private bool SameInCallee(Event p, Event c, Event s, FunctionRef callee)
    {
        var own = sums.EventsOf(callee).Events;
        var start = own.FirstOrDefault(e => e.Kind == EventKind.Spawn && e.Origin == s.Origin);
        if (start?.Spawn is null || start.Spawn.Child.Any(e => e.Kind == EventKind.DynCall)) return false;
        var pOwn = own.Where(e => e.Kind == EventKind.Access && e.Origin == p.Origin && e.Write == p.Write && e.Path.Count == p.Path.Count - 1);
        var cOwn = start.Spawn.Child.Where(e => e.Kind == EventKind.Access && e.Origin == c.Origin && e.Write == c.Write);
        return pOwn.Any(a => cOwn.Any(b => Loc.Overlap(a.Loc!, b.Loc!)));
    }

    internal static bool Conflict(Event a, Event b, IReadOnlySet<GoVar>? perInstance)
    {
        if (!a.Write && !b.Write) return false;
        if (a.Atomic && b.Atomic) return false;
        // Two closes of one channel: the second panics in any order, and code guards against it with its own
        // protocol (a CAS on a state, a Once); what races with a close is a send.
        if (IsClose(a) && IsClose(b)) return false;
        if (!Loc.Overlap(a.Loc!, b.Loc!, perInstance == null ? null : perInstance.Contains)) return false;
        foreach (var la in a.Locks)
            foreach (var lb in b.Locks)
                if (SameLock(la.Lock, lb.Lock) && !(la.ReadOnly && lb.ReadOnly)) return false;
        return true;
    }

    private static bool AnyConflict(Event p, IEnumerable<Event> others, IReadOnlySet<GoVar>? perInstance)
    {
        foreach (var c in others)
            if (Conflict(p, c, perInstance)) return true;
        return false;
    }

    private static bool IsClose(Event e) => e.Write && e.Origin is CallExpr { Fun: Ident { Name: "close" }, Args.Count: 1 };

    /// <summary>
    /// Child access <paramref name="c"/> happens before parent access <paramref name="p"/> through another
    /// goroutine of the parent's that waits for the child and then signals the parent: the closer of
    /// <c>go func() { wg.Wait(); close(results) }()</c> with <c>for r := range results { ... }; use(x)</c>.
    /// </summary>
    private bool JoinedThroughRelay(Event c, IReadOnlyList<Event> child, Event p, IReadOnlyList<Event> parent, List<Event> spawns)
    {
        if (spawns.Count < 2) return false; // no other goroutine to relay
        var fromChild = hb.SyncEvents(child).Releases.Where(r => hb.Follows(r, c)).ToList();
        if (fromChild.Count == 0) return false;
        var parentAcquires = hb.SyncEvents(parent).Acquires.Where(q => hb.Precedes(q, p)).ToList();
        if (parentAcquires.Count == 0) return false;
        foreach (var relay in spawns)
        {
            if (relay.Spawn is not { } r || r.Child == child) continue;
            var (releases, acquires) = hb.SyncEvents(r.Child);
            foreach (var wait in acquires)
            {
                if (!fromChild.Any(done => hb.Matches(done, wait))) continue;
                foreach (var signal in releases)
                    if (hb.Follows(signal, wait) && parentAcquires.Any(q => hb.Matches(signal, q) && Observes(q, signal, p, parent, spawns, r.Child)))
                        return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether the parent's acquire <paramref name="q"/> (before <paramref name="p"/>) takes the relay's signal,
    /// not another message on the same channel: the end of a range over it, with <paramref name="p"/> after the
    /// loop; or any receive when nothing else is sent on it.
    /// </summary>
    private bool Observes(Event q, Event signal, Event p, IReadOnlyList<Event> parent, List<Event> spawns, IReadOnlyList<Event> relay)
    {
        if (q.Site.Parent is RangeStmt loop && loop.X == q.Site) return !HappensBefore.Within(p.Site, loop);
        bool Other(Event r) => r != signal && r.Sync == signal.Sync && r.Loc!.Equals(signal.Loc);
        return !hb.SyncEvents(parent).Releases.Any(Other)
            && spawns.All(sp => sp.Spawn is not { } o || !hb.SyncEvents(o.Child).Releases.Any(Other));
    }

    /// <summary>
    /// Two lock paths name the same mutex: equal paths, or the same mutex field reached through pointers from
    /// different roots (<c>t.idleMu</c> in a method of the transport, <c>pc.t.idleMu</c> in a method of its
    /// connection). Such paths may alias and usually do: the lock a type's code always takes is one lock.
    /// </summary>
    public static bool SameLock(Loc a, Loc b)
    {
        if (a.Equals(b)) return true;
        if (a.Steps.Count < 2 || b.Steps.Count < 2) return false;
        var fa = a.Steps[^1];
        var fb = b.Steps[^1];
        return fa.Kind == StepKind.Field && fb.Kind == StepKind.Field && fa.Field == fb.Field
            && a.Steps[^2].Kind == StepKind.Deref && b.Steps[^2].Kind == StepKind.Deref;
    }

    /// <summary>Parent access <paramref name="p"/> (after the start <paramref name="s"/>) and child access <paramref name="c"/> are ordered.</summary>
    private bool ParentChildOrdered(Event p, Event c, Event s, IReadOnlyList<Event> parent, List<Event> spawns)
    {
        var child = s.Spawn!.Child;
        // child -> parent: a release after c, received by the parent after the start and before p.
        if (hb.Ordered(c, child, p, parent, q => q.Seq > s.Seq && EnoughAcquires(q, p, parent, spawns, s), start: s)) return true;
        if (JoinedInCall(c, p, s, parent, spawns)) return true;
        if (JoinedThroughRelay(c, child, p, parent, spawns)) return true;
        if (JoinedOverSameCollection(c, p, s, parent)) return true;
        if (drain.Drained(p, c, s, parent, spawns)) return true;
        if (ExitJoinedByChild.Holds(p, c, parent, child, hb)) return true; // the child waits for the parent's own deferred Done
        // parent -> child: a release after p (and after the start) that the child acquires before c, provided the
        // parent sent nothing on that object between the start and p (else the child may take that message). A Once is
        // different: its body runs at most once, so a body access under a later Do runs only if no earlier Do completed.
        if (p.Seq > s.Seq && hb.Ordered(p, parent, c, child,
                releaseFilter: r => r.Sync == SyncKind.Once || !hb.SyncEvents(parent).Releases.Any(o => o.Sync == r.Sync && r.Loc!.Equals(o.Loc)
                    && o.Seq > s.Seq && o.Seq < p.Seq)))
            return true;
        return InOnceBodyBefore(p, c, child) || InOnceBodyBefore(c, p, parent);
    }

    /// <summary>
    /// <paramref name="body"/> is inside the body of a sync.Once's Do and <paramref name="after"/> follows a Do of that
    /// Once returning, in its own goroutine (<paramref name="list"/>). The body runs at most once, and no Do returns
    /// before it ends, so the body's access is before: whichever goroutine ran the body, whichever iteration of a
    /// loop started the other (a parent's Do before the go statement, in the next iteration: go vet's -facts=vetx
    /// sees such a Do through a dependency's facts where the check from source stops at its call depth).
    /// </summary>
    private bool InOnceBodyBefore(Event body, Event after, IReadOnlyList<Event> list) =>
        body.Locks.Any(l => l.Once) && hb.SyncEvents(list).Acquires.Any(q => q.Sync == SyncKind.Once
            && body.Locks.Any(l => l.Once && l.Lock.Equals(q.Loc)) && hb.Precedes(q, after));

    /// <summary>
    /// A receive joins a particular goroutine only if there are at least as many
    /// receives as goroutines that send on the channel; a Wait or a Once joins all.
    /// </summary>
    private bool EnoughAcquires(Event q, Event before, IReadOnlyList<Event> parent, List<Event> spawns, Event? start = null)
    {
        if (q.Sync is not (SyncKind.Chan or SyncKind.Atomic)) return true;
        int acquires = 0;
        bool manyAcquires = false;
        foreach (var e in hb.SyncEvents(parent).Acquires)
            if (e.Sync == q.Sync && q.Loc!.Equals(e.Loc) && hb.PrecedesAfterStart(e, before, start))
            {
                acquires++;
                if (hb.InLoop(e.Site) || !e.AtTop && e.Site != e.Origin) manyAcquires = true;
            }
        if (manyAcquires) return true;
        int releasers = 0;
        foreach (var s in spawns)
        {
            if (s.Seq >= before.Seq) continue;
            // A goroutine started after the receive completed cannot have sent what it received.
            if (s.Seq > q.Seq && (hb.LoopOf(s.Site) is not { } sl || !HappensBefore.Within(q.Site, sl))) continue;
            if (!hb.SyncEvents(s.Spawn!.Child).Releases.Any(r => hb.Matches(r, q))) continue;
            if (s.Spawn.Many) return false;
            releasers++;
        }
        return acquires >= releasers;
    }

    /// <summary>
    /// A callee that starts a goroutine and, on every way it returns after the start, waits for it
    /// (<c>go func() { ...; close(done) }(); for { select { case &lt;-t.C: ...; case &lt;-x: &lt;-done; return } }</c>):
    /// the parent's code outside that call runs after the call returns, so after the join, even when the call
    /// itself is conditional.
    /// </summary>
    private bool JoinedInCall(Event c, Event p, Event s, IReadOnlyList<Event> parent, List<Event> spawns)
    {
        var child = s.Spawn!.Child;
        foreach (var q in hb.SyncEvents(parent).Acquires)
        {
            if (q.Seq <= s.Seq || !InCallJoin(s, q, p)) continue;
            // A channel made by the call itself pairs this goroutine with this wait; another one may be shared.
            if (!MadeBy(q.Loc!, s.Spawn.Start) && Competitors(q, s, parent, spawns)) continue;
            if (hb.SyncEvents(child).Releases.Any(r => hb.Matches(r, q) && hb.Follows(r, c))) return true;
        }
        return false;
    }

    /// <summary>
    /// Start <paramref name="s"/> and acquire <paramref name="q"/> lie in one call (same path down to it), q runs
    /// on every way that call returns after s, and <paramref name="x"/> lies outside that call (so runs after it returns).
    /// </summary>
    private bool InCallJoin(Event s, Event q, Event x)
    {
        int k = CallJoin(s, q);
        if (k == 0) return false;
        for (int i = 0; i < k; i++)
            if (x.Path.Count <= i || x.Path[i] != s.Path[i]) return true;
        return false;
    }

    /// <summary>The level below the call that holds both <paramref name="s"/> and <paramref name="q"/> when q runs on every way that call returns after s; else 0.</summary>
    private int CallJoin(Event s, Event q)
    {
        if (q.Site != s.Site || HappensBefore.Diverge(s, q) is not var (k, _, _) || s.Path[k - 1] is not CallExpr || !hb.Follows(q, s)) return 0;
        return k;
    }

    /// <summary>
    /// A goroutine started repeatedly by a call in a loop (<c>for ... { doBench() }</c>), where the call waits for it
    /// before returning and no loop inside the call starts more: one instance ends before the next begins.
    /// </summary>
    private bool JoinedPerInstance(Event s, IReadOnlyList<Event> parent, List<Event> spawns) =>
        hb.SyncEvents(parent).Acquires.Any(q => q.Seq > s.Seq && CallJoin(s, q) is var k && k > 0
            && Enumerable.Range(k, s.Path.Count - k).All(i => hb.LoopOf(s.Path[i]) is null)
            && hb.ReleasesAtEnd(s.Spawn!.Child, q)
            && (MadeBy(q.Loc!, s.Spawn.Start) || !Competitors(q, s, parent, spawns)));

    /// <summary>Other goroutines, started before the wait and not joined before <paramref name="s"/>, that may have sent what <paramref name="q"/> took.</summary>
    private bool Competitors(Event q, Event s, IReadOnlyList<Event> parent, List<Event> spawns) =>
        spawns.Any(o => o != s && o.Seq < q.Seq && hb.SyncEvents(o.Spawn!.Child).Releases.Any(r => hb.Matches(r, q))
            && (o.Seq > s.Seq || !JoinedBefore(o, s, parent, spawns) && !hb.SyncEvents(parent).Acquires.Any(
                j => j.Seq > o.Seq && j.Seq < s.Seq && InCallJoin(o, j, s) && hb.ReleasesAtEnd(o.Spawn.Child, j))));

    /// <summary>True when the object is a plain local of the function that holds the go statement (made per call).</summary>
    private static bool MadeBy(Loc obj, Node start)
    {
        if (obj.Steps.Count > 0 || obj.Root.IsPackageLevel) return false;
        Node? fn = null;
        for (Node? x = start.Parent; x != null && fn is null; x = x.Parent) if (x is FuncDecl or FuncLit) fn = x;
        return fn != null && obj.Root.Location.Path == fn.SourceFile.Path
            && obj.Root.Location.Offset >= fn.Pos.Offset && obj.Root.Location.Offset < fn.End.Offset;
    }

    private bool JoinedWithin(Event s, Node loop, IReadOnlyList<Event> parent, IReadOnlyList<Event> child) =>
        hb.SyncEvents(parent).Acquires.Any(q => q.Seq > s.Seq && HappensBefore.Within(q.Site, loop)
            && hb.Follows(q, s) && hb.ReleasesAtEnd(child, q));

    private bool JoinedBefore(Event s1, Event s2, IReadOnlyList<Event> parent, List<Event> spawns) =>
        hb.SyncEvents(parent).Acquires.Any(q => q.Seq > s1.Seq && q.Seq < s2.Seq && hb.ReleasesAtEnd(s1.Spawn!.Child, q)
            && (hb.Precedes(q, s2) && EnoughAcquires(q, s2, parent, spawns)
                || InCallJoin(s1, q, s2) && (MadeBy(q.Loc!, s1.Spawn.Start) || !Competitors(q, s1, parent, spawns))));
}
