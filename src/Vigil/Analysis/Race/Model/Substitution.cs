using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Moves a callee's events into its caller's frame: a parameter bound to
/// <c>&amp;x</c> makes <c>*p</c> mean <c>x</c>, a parameter bound to a copy of
/// <c>c</c> makes <c>p.f</c> local but <c>*p</c> mean <c>*c</c>; the callee's own
/// locals drop out (no other goroutine can reach them through this call).
/// </summary>
public sealed class Substitution
{
    private readonly IReadOnlyDictionary<GoVar, Binding> bindings;
    private readonly FunctionRef callee;
    private readonly Summaries sums;

    /// <summary>The callee's locals bound to where the caller puts its results (<see cref="ReturnedLocals"/>).</summary>
    private readonly IReadOnlySet<GoVar>? results;

    public Substitution(IReadOnlyDictionary<GoVar, Binding> bindings, FunctionRef callee, Summaries sums, IReadOnlySet<GoVar>? results = null)
    {
        this.bindings = bindings;
        this.callee = callee;
        this.sums = sums;
        this.results = results;
    }

    /// <summary>
    /// An access to the value the callee is building and will return, before it starts any goroutine: nobody else can
    /// reach the new value yet (its fields are being filled), and the caller's variable still holds its old value
    /// (<c>c.conf = NewConfig()</c> writes the field after <c>NewConfig</c> filled the new one).
    /// </summary>
    private bool Initializing(Event e, bool started) =>
        !started && results != null && e.Kind == EventKind.Access && e.Loc != null && results.Contains(e.Loc.Root);

    /// <summary>The caller-frame location of callee memory, or null when it is private to the call.</summary>
    public Loc? Memory(Loc l) => Map(l, valueMode: false);

    /// <summary>
    /// For channels the object is the value held: a parameter holding a copy of the channel is the caller's channel.
    /// A synchronization object private to the callee (<c>done := make(chan struct{})</c> shared only with a goroutine
    /// the callee starts) keeps its own name: no caller variable can denote it, so it only pairs the callee's own
    /// release and acquire (the helper that starts a goroutine and waits for it before returning).
    /// </summary>
    public Loc? Object(Loc l, SyncKind kind) => Map(l, valueMode: kind is SyncKind.Chan or SyncKind.ChanReverse or SyncKind.ChanClosed, keepLocal: true);

    private Loc? Map(Loc l, bool valueMode, bool keepLocal = false)
    {
        Loc? result;
        if (bindings.TryGetValue(l.Root, out var b))
        {
            switch (b)
            {
                case Binding.AddrOf a:
                    if (l.Steps.Count == 0 || l.Steps[0].Kind != StepKind.Deref) return null;
                    result = a.Loc.Append(l.Steps, skip: 1);
                    break;
                case Binding.ValueOf v:
                    if (!l.IsIndirect && !(valueMode && l.Steps.Count == 0)) return null;
                    result = v.Loc.Append(l.Steps);
                    break;
                default:
                    return null;
            }
        }
        else if (callee.Declares(l.Root)) { if (!keepLocal) return null; result = l; }
        else result = l;
        return MapKeys(result);
    }

    private Loc MapKeys(Loc l)
    {
        if (!HasKeyVar(l)) return l;
        var steps = new List<Step>();
        foreach (var s in l.Steps)
        {
            if (s.KeyVar is not { } kv) { steps.Add(s); continue; }
            if (bindings.TryGetValue(kv, out var b))
                steps.Add(b is Binding.ValueOf { Loc.Steps.Count: 0 } v
                    ? s with { KeyVar = v.Loc.Root, Key = "v:" + v.Loc.Root.Id, Display = v.Loc.Root.Name }
                    : s with { KeyVar = null, Key = null });
            else if (callee.Declares(kv)) steps.Add(s with { KeyVar = null, Key = null });
            else steps.Add(s);
        }
        return new Loc(l.Root, steps);
    }

    private static bool HasKeyVar(Loc l)
    {
        for (int i = 0; i < l.Steps.Count; i++)
            if (l.Steps[i].KeyVar != null) return true;
        return false;
    }

    public IReadOnlyList<HeldLock> Locks(IReadOnlyList<HeldLock> locks)
    {
        if (locks.Count == 0) return locks;
        // Consecutive events of a callee mostly share one lockset list: map it once (lock lists are never changed in place).
        if (ReferenceEquals(locks, lastLocks.In)) return lastLocks.Out;
        var r = new List<HeldLock>();
        foreach (var h in locks)
        {
            if (h.Assumed) continue;
            if (Memory(h.Lock) is { } l) r.Add(h with { Lock = l });
            else if (HeldThrough(h.Lock) is var (mutex, readOnly)) r.Add(h with { Lock = mutex, ReadOnly = h.ReadOnly || readOnly });
        }
        lastLocks = (locks, r);
        return r;
    }

    private (IReadOnlyList<HeldLock>? In, IReadOnlyList<HeldLock> Out) lastLocks = (null, []);

    /// <summary>A lock taken through an interface holding the caller's mutex (<c>lk.Lock()</c>, <c>lk</c> a <c>sync.Locker</c> bound to <c>&amp;c.mu</c>).</summary>
    /// <remarks>Bound to <c>mu.RLocker()</c>, it holds the read side.</remarks>
    private (Loc, bool)? HeldThrough(Loc l)
    {
        if (l.Steps.Count != 0 || l.Root.Type?.Underlying is not GoInterface || !bindings.TryGetValue(l.Root, out var b)) return null;
        return b switch
        {
            Binding.AddrOf a => (a.Loc, false),
            Binding.ReadLocker r => (r.Mutex, true),
            _ => null,
        };
    }

    /// <summary>Inlines a callee's events at a call site, under the caller's locks.</summary>
    /// <param name="room">How many events the caller keeps: once <paramref name="into"/> holds that many, only goroutine
    /// starts (which the caller notes even when it drops them) and calls of function values are still inlined.</param>
    public void Inline(IEnumerable<Event> calleeEvents, Node call, IReadOnlyList<HeldLock> callerLocks, bool atTop, bool deferred, List<Event> into,
        Func<IReadOnlySet<GoVar>>? callerLoop = null, int room = int.MaxValue, Func<IReadOnlyList<Node>, bool>? startedOnce = null)
    {
        // Consecutive events mostly share one mapped lockset: join it with the caller's once.
        (IReadOnlyList<HeldLock>? Mapped, IReadOnlyList<HeldLock> Locks) lastUnion = (null, []);
        bool started = false;
        foreach (var e in calleeEvents)
        {
            started |= e.Kind == EventKind.Spawn;
            if (Initializing(e, started)) continue;
            if (e.Kind == EventKind.DynCall)
            {
                if (Resolve(e) is { } target)
                {
                    var inner = new Substitution(new Dictionary<GoVar, Binding>(), target, sums);
                    // The function passed in runs under the locks the callee holds where it calls it (withLock(&mu, f)).
                    inner.Inline(sums.EventsOf(target).Events, call, Union(callerLocks, Locks(e.Locks)), atTop, deferred, into, room: room);
                }
                else if (Keep(e.Callee!)) into.Add(e.With(call, ChainThrough(call, e.Chain), null, callerLocks, e.Unconditional && e.AtTop, atTop, deferred,
                    condPath: CondPathThrough(e)));
                continue;
            }
            if (e.Scope != null) continue; // holds only within a part of the callee: nothing the caller can use
            if (into.Count >= room && e.Kind != EventKind.Spawn) continue;
            Loc? loc = null;
            if (e.Loc != null)
            {
                loc = e.Kind == EventKind.Access ? Memory(e.Loc) : Object(e.Loc, e.Sync);
                if (loc is null) continue;
            }
            var mapped = Locks(e.Locks);
            if (!ReferenceEquals(mapped, lastUnion.Mapped)) lastUnion = (mapped, Union(callerLocks, mapped));
            var locks = lastUnion.Locks;
            // The callee's own deferred calls run before it returns: in the caller they are ordinary (their order is kept by Seq).
            var chain = ChainThrough(call, e.Chain);
            // A start after which the caller's loop stops (LoopExitAfterStart): the loop starts one instance, not one per iteration.
            var loopOfStart = e.Spawn != null && callerLoop != null && startedOnce?.Invoke([.. chain, e.Origin]) == true ? null : callerLoop;
            into.Add(e.With(call, chain, loc, locks, e.Unconditional && e.AtTop, atTop, deferred,
                e.Spawn is null ? null : Frame(e.Spawn, loopOfStart), CondPathThrough(e)));
        }
    }

    /// <summary>
    /// The chain of an inlined event: consecutive events of a callee mostly share one chain (all those of its own body,
    /// all those of one of its calls), so the array made for one serves the next ones too. Chains are never changed
    /// once made, so events may share them.
    /// </summary>
    private Node[] ChainThrough(Node call, IReadOnlyList<Node> chain)
    {
        if (ReferenceEquals(chain, lastChain.In) && ReferenceEquals(call, lastChain.Call)) return lastChain.Out;
        var r = ChainFrom(call, chain);
        lastChain = (chain, call, r);
        return r;
    }

    private (IReadOnlyList<Node>? In, Node? Call, Node[] Out) lastChain = (null, null, []);

    /// <summary>The condition path of an inlined event (<see cref="Event.CondPathInlined"/>), shared like <see cref="ChainThrough"/>: it depends only on the callee event's path and whether it is at the callee's top.</summary>
    private IReadOnlyList<bool> CondPathThrough(Event e)
    {
        if (ReferenceEquals(e.CondPath, lastCondPath.In) && e.AtTop == lastCondPath.AtTop) return lastCondPath.Out;
        var r = e.CondPathInlined();
        lastCondPath = (e.CondPath, e.AtTop, r);
        return r;
    }

    private (IReadOnlyList<bool>? In, bool AtTop, IReadOnlyList<bool> Out) lastCondPath = (null, false, []);

    /// <summary>
    /// The call followed by the callee's chain, as one array: the collection expression made a wrapper
    /// and an enumerator besides, for every event inlined.
    /// </summary>
    private static Node[] ChainFrom(Node call, IReadOnlyList<Node> chain)
    {
        var r = new Node[chain.Count + 1];
        r[0] = call;
        for (int i = 0; i < chain.Count; i++) r[i + 1] = chain[i];
        return r;
    }

    /// <summary>A goroutine started inside the callee, moved to the caller's frame (its own sites and order kept).</summary>
    public SpawnInfo Frame(SpawnInfo s, Func<IReadOnlySet<GoVar>>? callerLoop = null)
    {
        var child = new List<Event>();
        foreach (var e in s.Child)
        {
            if (e.Kind == EventKind.DynCall)
            {
                if (Resolve(e) is { } target)
                {
                    // The function passed in runs here; its accesses keep their own places (the user's code).
                    var inner = new Substitution(new Dictionary<GoVar, Binding>(), target, sums);
                    var locks = Locks(e.Locks);
                    foreach (var te in inner.Frame(new SpawnInfo
                    {
                        Kind = s.Kind, Start = s.Start, Child = sums.EventsOf(target).Events, FunctionName = target.Name,
                    }).Child)
                        child.Add(te.With(te.Site, te.Chain, te.Loc, Union(locks, te.Locks), te.Unconditional && e.Unconditional,
                            te.AtTop && e.AtTop, te.Deferred || e.Deferred));
                }
                else if (Keep(e.Callee!)) child.Add(e);
                continue;
            }
            Loc? loc = null;
            if (e.Loc != null)
            {
                loc = e.Kind == EventKind.Access ? Memory(e.Loc) : Object(e.Loc, e.Sync);
                if (loc is null) continue;
            }
            child.Add(e.With(e.Site, e.Chain, loc, Locks(e.Locks), e.Unconditional, e.AtTop, e.Deferred, e.Spawn is null ? null : Frame(e.Spawn)));
        }
        for (int i = 0; i < child.Count; i++) child[i].Seq = i;
        return new SpawnInfo
        {
            Kind = s.Kind, Start = s.Start, ImportedStart = s.ImportedStart, Many = s.Many || callerLoop != null, Child = child, FunctionName = s.FunctionName,
            // A goroutine started by a callee called in a loop: one instance per iteration.
            PerInstance = callerLoop is null ? s.PerInstance : new HashSet<GoVar>(s.PerInstance.Concat(callerLoop())),
        };
    }

    private FunctionRef? Resolve(Event dyn) =>
        bindings.TryGetValue(dyn.Callee!, out var b) && b is Binding.Func f ? f.Function : null;

    private bool Keep(GoVar v) => !bindings.ContainsKey(v) && !callee.Declares(v);

    public static IReadOnlyList<HeldLock> Union(IReadOnlyList<HeldLock> a, IReadOnlyList<HeldLock> b)
    {
        if (b.Count == 0) return a;
        if (a.Count == 0) return b;
        var r = new List<HeldLock>(a);
        foreach (var h in b)
        {
            int i = r.FindIndex(x => x.Lock.Equals(h.Lock) && x.ReadOnly == h.ReadOnly);
            if (i < 0) r.Add(h);
            // A *Locked method's assumed lock that a callee really takes: keep the real one, which survives where
            // the method is inlined (the assumed one is dropped there), so the callee's own Lock still counts.
            else if (r[i].Assumed && !h.Assumed) r[i] = h;
        }
        return r;
    }
}
