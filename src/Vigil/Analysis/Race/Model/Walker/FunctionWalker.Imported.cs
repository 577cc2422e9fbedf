using Vigil.Facts;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

internal sealed partial class FunctionWalker
{
    /// <summary>
    /// A call of a dependency's function known from its race facts only (go vet's -facts=vetx loads dependencies
    /// from export data): its events at the call, in this frame (the receiver and the arguments bound as
    /// <see cref="BindParams"/> binds them, under the locks held here and the callee's), each naming where it
    /// happens in the dependency; then its effect on the caller's locks and channels, as <see cref="InlineCall"/>.
    /// </summary>
    private void ImportedCall(GoFunc callee, RaceFunctionFact fact, CallExpr c, Binding? recv)
    {
        var (events, subst) = ImportedEvents(callee, fact, c, recv, Held, condDepth == 0, DeferredNow);
        if (!lockOnly) foreach (var e in events) Add(e);
        ApplyExit(new FunctionEvents
        {
            Events = [],
            ExitHeld = LocksOf(fact.ExitHeld, callee, subst),
            ExitReleased = [.. fact.ExitReleased.Select(p => InCallee(p, callee, subst)).OfType<Loc>()],
            ExitReceived = [.. fact.ExitReceived.Select(p => InCallee(p, callee, subst)).OfType<Loc>()],
            ExitSent = [.. fact.ExitSent.Select(p => InCallee(p, callee, subst)).OfType<Loc>()],
        }, subst.Substitution, c);
    }

    /// <summary>
    /// A goroutine that runs a dependency's function known from its race facts (<c>go s.Serve()</c>): its events
    /// in the starter's frame, under the callee's own locks only.
    /// </summary>
    private IReadOnlyList<Event>? ImportedStart(GoFunc callee, CallExpr c, Binding? recv)
    {
        if (sums.Imported?.Of(callee) is not { } fact) return null;
        var (events, _) = ImportedEvents(callee, fact, c, recv, [], atTop: true, deferred: false, goroutine: true);
        for (int i = 0; i < events.Count; i++) events[i].Seq = i;
        return events;
    }

    /// <summary>The call's bindings of the callee's receiver and parameters (as <see cref="BindParams"/>), and its substitution.</summary>
    private sealed record ImportedFrame(Dictionary<GoVar, Binding> Bindings, Substitution Substitution);

    private (List<Event> Events, ImportedFrame Frame) ImportedEvents(GoFunc callee, RaceFunctionFact fact, CallExpr c, Binding? recv,
        IReadOnlyList<HeldLock> held, bool atTop, bool deferred, bool goroutine = false)
    {
        var sig = callee.Signature;
        var bindings = new Dictionary<GoVar, Binding>();
        for (int i = 0; i < c.Args.Count; i++)
        {
            bool wasArgs = evaluatingArgs;
            evaluatingArgs = true;
            var b = Eval(c.Args[i]);
            evaluatingArgs = wasArgs;
            bool variadic = sig.Variadic && !c.Ellipsis.IsValid && i >= sig.Params.Count - 1;
            if (i < sig.Params.Count && !variadic && b != null) bindings[sig.Params[i]] = b;
        }
        if (recv != null && sig.Recv != null) bindings[sig.Recv] = recv;
        var frame = new ImportedFrame(bindings, new Substitution(bindings, new FunctionRef(c, fn.Package), sums));
        var events = new List<Event>();
        int next = 0;
        for (int k = 0; k < fact.Events.Count; k++)
        {
            // The goroutines the callee starts before this event (not those of a goroutine's own function: one level).
            for (; !goroutine && next < fact.Spawns.Count && fact.Spawns[next].Before <= k; next++)
                if (ImportedSpawn(fact.Spawns[next], callee, c, frame, held, atTop, deferred) is { } spawn) events.Add(spawn);
            var e = fact.Events[k];
            if (InCallee(e.Loc, callee, frame) is not { } l) continue;
            var loc = e.Kind == EventKind.Access ? frame.Substitution.Memory(l) : frame.Substitution.Object(l, e.Sync);
            if (loc is null) continue;
            events.Add(new Event
            {
                Kind = e.Kind, Sync = e.Sync, Loc = loc, Write = e.Write, Atomic = e.Atomic, Fresh = e.Fresh, Nil = e.Nil, JoinOnly = e.JoinOnly,
                Locks = Substitution.Union(held, frame.Substitution.Locks(LocksOf(e.Locks, callee, frame))), Site = c, Origin = c,
                Imported = new Location(e.Path, e.Line, e.Column, 0), ImportedSite = goroutine, Unconditional = e.Sure, AtTop = atTop && e.Sure, Deferred = deferred,
            });
        }
        for (; !goroutine && next < fact.Spawns.Count; next++)
            if (ImportedSpawn(fact.Spawns[next], callee, c, frame, held, atTop, deferred) is { } spawn) events.Add(spawn);
        return (events, frame);
    }

    /// <summary>
    /// A goroutine a dependency's function starts, at the call: its events in this frame, under its own locks.
    /// It counts as started at the call; messages name the dependency's go statement.
    /// </summary>
    private Event? ImportedSpawn(RaceSpawnFact s, GoFunc callee, CallExpr c, ImportedFrame frame, IReadOnlyList<HeldLock> held, bool atTop, bool deferred)
    {
        var child = new List<Event>();
        foreach (var e in s.Child)
        {
            if (InCallee(e.Loc, callee, frame) is not { } l) continue;
            var loc = e.Kind == EventKind.Access ? frame.Substitution.Memory(l) : frame.Substitution.Object(l, e.Sync);
            if (loc is null) continue;
            child.Add(new Event
            {
                Kind = e.Kind, Sync = e.Sync, Loc = loc, Write = e.Write, Atomic = e.Atomic, Fresh = e.Fresh, Nil = e.Nil, JoinOnly = e.JoinOnly,
                Locks = frame.Substitution.Locks(LocksOf(e.Locks, callee, frame)), Site = c, Origin = c, Seq = child.Count,
                Imported = new Location(e.Path, e.Line, e.Column, 0), ImportedSite = true, Unconditional = e.Sure, AtTop = e.Sure,
            });
        }
        if (child.Count == 0) return null;
        var loop = OutermostLoop();
        return new Event
        {
            Kind = EventKind.Spawn, Site = c, Origin = c, Locks = Substitution.Union(held, frame.Substitution.Locks(LocksOf(s.Locks, callee, frame))),
            Unconditional = s.Sure, AtTop = atTop && s.Sure, Deferred = deferred, Imported = new Location(s.Path, s.Line, s.Column, 0),
            Spawn = new SpawnInfo
            {
                Kind = SpawnKind.Go, Start = c, ImportedStart = new Location(s.Path, s.Line, s.Column, 0), Many = s.Many || loops.Any(l => !SingleTrip(l)), Child = child, FunctionName = s.Function,
                PerInstance = loop is null ? new HashSet<GoVar>() : DeclaredIn(loop),
            },
        };
    }

    /// <summary>
    /// A fact's path in the callee's frame; null for one through a parameter the call does not bind (private to the
    /// call, as Substitution drops a callee's locals).
    /// </summary>
    private Loc? InCallee(RacePath p, GoFunc callee, ImportedFrame frame)
    {
        var sig = callee.Signature;
        var root = p.Root.Param switch
        {
            RaceRoot.GlobalVar or RaceRoot.LocalVar => null,
            RaceRoot.Receiver => sig.Recv,
            var i => i < sig.Params.Count ? sig.Params[i] : null,
        };
        if (!p.Root.Named && (root is null || !frame.Bindings.ContainsKey(root))) return null;
        return sums.Imported!.Resolve(p, callee, sums.Program);
    }

    private List<HeldLock> LocksOf(IEnumerable<RaceLock> locks, GoFunc callee, ImportedFrame frame) =>
        [.. locks.Select(l => (l, at: InCallee(l.Lock, callee, frame))).Where(x => x.at != null).Select(x => new HeldLock(x.at!, x.l.ReadOnly, x.l.Once))];
}
