using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

internal sealed partial class FunctionWalker
{
    /// <summary>The standard-library calls that lock, synchronize, access atomically or start concurrent code.</summary>
    private Binding? Api(ApiKind kind, CallExpr c, Expr? recv, Selection? sel)
    {
        if (lockOnly && kind is ApiKind.TestRun or ApiKind.HandleFunc or ApiKind.Handle or ApiKind.Serve or ApiKind.AfterFunc)
        {
            // Registering concurrent code does not change this function's locks.
            foreach (var arg in c.Args) Eval(arg);
            return null;
        }
        switch (kind)
        {
            case ApiKind.Lock or ApiKind.RLock:
                {
                    // Locking updates the mutex's state atomically: a plain write of the mutex (`mu = sync.Mutex{}`,
                    // a copy over the struct that holds it) races with it.
                    var mu = Object(recv, sel);
                    Access(c, mu, true, atomic: true);
                    Acquire(mu, kind == ApiKind.RLock);
                    return null;
                }
            case ApiKind.Unlock: Release(Object(recv, sel), false); return null;
            case ApiKind.RUnlock: Release(Object(recv, sel), true); return null;
            case ApiKind.TryLock: Object(recv, sel); return null;
            case ApiKind.RLocker: return Object(recv, sel) is { } rw ? new Binding.ReadLocker(rw) : null;
            case ApiKind.WgDone: SyncEvent(c, EventKind.Release, SyncKind.WaitGroup, Object(recv, sel)); return null;
            case ApiKind.WgWait: SyncEvent(c, EventKind.Acquire, SyncKind.WaitGroup, Object(recv, sel)); return null;
            case ApiKind.OnceDo:
                {
                    var once = Object(recv, sel);
                    var f = c.Args.Count > 0 ? Eval(c.Args[0]) : null;
                    if (f is Binding.Func body && once != null && locks != null)
                    {
                        // The body runs once, under the Once's internal lock; it happens before every Do returns.
                        var saved = locks;
                        locks = [.. locks, new HeldLock(once, false, Once: true)];
                        InlineCall(body.Function, new Dictionary<GoVar, Binding>(), c);
                        locks = saved;
                    }
                    SyncEvent(c, EventKind.Release, SyncKind.Once, once);
                    SyncEvent(c, EventKind.Acquire, SyncKind.Once, once);
                    return null;
                }
            case ApiKind.AtomicLoad or ApiKind.AtomicStore or ApiKind.AtomicModify:
                {
                    Loc? target;
                    if (recv != null) target = Object(recv, sel);
                    else
                    {
                        target = c.Args.Count > 0 ? PointsTo(c.Args[0]) : null;
                        for (int i = 1; i < c.Args.Count; i++) Eval(c.Args[i]);
                    }
                    if (recv != null) foreach (var a in c.Args) Eval(a);
                    if (kind != ApiKind.AtomicStore)
                    {
                        Access(c, target, false, atomic: true);
                        // A load or read-modify-write observes earlier stores: code that depends on the value seen
                        // (a loop waiting for a flag, a branch on the counter) is ordered after them.
                        SyncEvent(c, EventKind.Acquire, SyncKind.Atomic, target);
                    }
                    if (kind != ApiKind.AtomicLoad)
                    {
                        Access(c, target, true, atomic: true);
                        SyncEvent(c, EventKind.Release, SyncKind.Atomic, target);
                    }
                    return null;
                }
            case ApiKind.TimerReset:
                {
                    // Resetting a timer makes it fire later: what was done before is seen by whoever receives from t.C.
                    var timer = Object(recv, sel);
                    foreach (var a in c.Args) Eval(a);
                    var t = recv is null ? null : info.TypeOf(recv);
                    var st = (t?.Underlying is GoPointer p ? p.Elem : t)?.Underlying as GoStruct;
                    var cField = st?.Fields.FirstOrDefault(f => f.Name == "C");
                    if (timer != null && cField != null) SyncEvent(c, EventKind.Release, SyncKind.Chan, timer.Field(cField));
                    return null;
                }
            case ApiKind.CondWait:
                if (recv != null) Eval(recv);
                if (loops.Count > 0) conditionWaits.AddRange(Held.Select(h => h.Lock));
                return null;
            case ApiKind.TestParallel:
                Add(new Event { Kind = EventKind.ParallelMark, Site = c, Origin = c, Unconditional = true, AtTop = condDepth == 0 });
                return null;
            case ApiKind.TestRun:
                {
                    if (recv != null) Eval(recv);
                    if (c.Args.Count > 0) Eval(c.Args[0]);
                    var f = c.Args.Count > 1 ? Eval(c.Args[1]) : null;
                    if (f is not Binding.Func body) return null;
                    var fe = sums.EventsOf(body.Function);
                    var mark = fe.Events.FirstOrDefault(e => e.Kind == EventKind.ParallelMark && e.AtTop);
                    if (mark is null)
                    {
                        InlineCall(body.Function, new Dictionary<GoVar, Binding>(), c);
                        return null;
                    }
                    // A parallel subtest: the part before t.Parallel runs now, the rest after the parent returns,
                    // concurrently with the other parallel subtests.
                    var before = fe.Events.Where(e => e.Seq < mark.Seq).ToList();
                    var subst = new Substitution(new Dictionary<GoVar, Binding>(), body.Function, sums);
                    var tmp = new List<Event>();
                    subst.Inline(before, c, Held, condDepth == 0, deferring, tmp);
                    foreach (var e in tmp) Add(e);
                    var child = subst.Frame(new SpawnInfo
                    {
                        Kind = SpawnKind.Subtest, Start = c, FunctionName = body.Function.Name,
                        Child = fe.Events.Where(e => e.Seq > mark.Seq).ToList(),
                    }).Child;
                    Add(new Event
                    {
                        Kind = EventKind.Spawn, Site = c, Origin = c, Locks = Held, Unconditional = true, AtTop = condDepth == 0,
                        Spawn = new SpawnInfo
                        {
                            Kind = SpawnKind.Subtest, Start = c, Many = loops.Count > 0, Child = child, FunctionName = body.Function.Name,
                            PerInstance = OutermostLoop() is { } l ? DeclaredIn(l) : new HashSet<GoVar>(),
                        },
                    });
                    return null;
                }
            case ApiKind.HandleFunc:
                {
                    if (recv != null) Eval(recv);
                    if (c.Args.Count > 0) Eval(c.Args[0]);
                    var f = c.Args.Count > 1 ? Eval(c.Args[1]) : null;
                    if (f is Binding.Func) Start(c, null, [], SpawnKind.Handler, null, f);
                    return null;
                }
            case ApiKind.Handle or ApiKind.Serve:
                {
                    if (recv != null) Eval(recv);
                    int hi = kind == ApiKind.Handle ? 1 : c.Args.Count - 1;
                    Binding? h = null;
                    for (int i = 0; i < c.Args.Count; i++)
                    {
                        var b = Eval(c.Args[i]);
                        if (i == hi) h = b;
                    }
                    if (hi < 0 || hi >= c.Args.Count) return null;
                    if (h is Binding.Func) { Start(c, null, [], SpawnKind.Handler, null, h); return null; }
                    var serve = ServeHTTP(info.TypeOf(c.Args[hi]));
                    if (serve is null) return null;
                    var bindings = new Dictionary<GoVar, Binding>();
                    if (h != null && serve.Node is FuncDecl fd && fd.Recv?.List.Count > 0 && fd.Recv.List[0].Names.Count > 0
                        && serve.Package.Info.DefOf(fd.Recv.List[0].Names[0]) is GoVar rv)
                        bindings[rv] = h;
                    var child = new Substitution(bindings, serve, sums).Frame(new SpawnInfo
                    {
                        Kind = SpawnKind.Handler, Start = c, Child = sums.EventsOf(serve).Events, FunctionName = serve.Name,
                    }).Child;
                    Add(new Event
                    {
                        Kind = EventKind.Spawn, Site = c, Origin = c, Locks = Held, Unconditional = true, AtTop = condDepth == 0,
                        Spawn = new SpawnInfo { Kind = SpawnKind.Handler, Start = c, Many = true, Child = child, FunctionName = serve.Name },
                    });
                    return null;
                }
            case ApiKind.GroupGo:
                {
                    var group = Object(recv, sel);
                    var f = c.Args.Count > 0 ? Eval(c.Args[0]) : null;
                    if (f is Binding.Func) Start(c, null, [], SpawnKind.Go, null, f, group);
                    return null;
                }
            case ApiKind.GroupWait: SyncEvent(c, EventKind.Acquire, SyncKind.WaitGroup, Object(recv, sel)); return null;
            case ApiKind.AfterFunc:
                {
                    if (c.Args.Count > 0) Eval(c.Args[0]);
                    var f = c.Args.Count > 1 ? Eval(c.Args[1]) : null;
                    if (f is Binding.Func) Start(c, null, [], SpawnKind.AfterFunc, null, f);
                    return null;
                }
        }
        return null;
    }

    /// <summary>The object a sync method is called on (x.mu for x.mu.Lock(), the embedded Mutex for x.Lock()).</summary>
    private Loc? Object(Expr? recv, Selection? sel)
    {
        if (recv is null || sel is null) return null;
        var rt = info.TypeOf(recv);
        if (rt is null) return null;
        Loc? obj = rt.Underlying is GoPointer ? PointsTo(recv) : LocOf(recv);
        var t = rt.Underlying is GoPointer p ? p.Elem : rt;
        if (sel.Index.Length > 1)
        {
            obj = Path(obj, t, sel.Index, sel.Index.Length - 1);
            var ft = FieldType(t, sel.Index, sel.Index.Length - 1);
            if (ft?.Underlying is GoPointer && obj != null) obj = obj.Deref();
        }
        return obj;
    }

    /// <summary>The ServeHTTP method with source of a handler's type.</summary>
    private FunctionRef? ServeHTTP(GoType? t)
    {
        var named = t?.NamedOrPointerToNamed();
        var m = named?.Methods.FirstOrDefault(x => x.Name == "ServeHTTP");
        return m is null ? null : sums.BodyOf(m);
    }
}
