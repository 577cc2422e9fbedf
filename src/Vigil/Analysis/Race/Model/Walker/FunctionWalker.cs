using System.Collections.Immutable;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// Walks one function body in execution order and records its events: every
/// read and write of memory with the locks held there, synchronizations, and
/// goroutine starts. Calls to functions with source are inlined from their
/// summaries with the arguments substituted. The lockset comes from
/// <see cref="LockFlow"/> (the shared forward solver over the function's
/// control-flow graph): at each node of the graph the walker takes the locks
/// the solver found held there, and applies the node's own effects within it.
/// A lock-only instance of this walker is that solver's transfer function.
/// </summary>
internal sealed partial class FunctionWalker
{
    /// <summary>Bounds a summary: beyond this a function's later events are dropped (precision traded for time on huge call trees).</summary>
    private const int MaxEvents = 2000;
    private readonly FunctionRef fn;
    private readonly TypeInfo info;
    private readonly Summaries sums;
    private readonly List<Event> events = [];
    private readonly Stack<Node> loops = new();
    private readonly Dictionary<GoVar, Binding> funcVars = new();
    private readonly List<Loc> releasedFromEntry = [];
    /// <summary>The lock-only instance: the callees whose summaries its calls read, in the order first read (see <see cref="SolvedLockFlows"/>).</summary>
    private List<(FunctionRef Callee, FunctionEvents Summary)>? consulted;
    private readonly HashSet<Node> consultedNodes = [];
    private List<HeldLock>? locks = []; // null: unreachable
    /// <summary>Channels received from on every path so far (lock-only mode: part of the solver's state).</summary>
    private ImmutableHashSet<Loc> received = [];
    /// <summary>Channels sent on or closed on every path so far (lock-only mode: part of the solver's state).</summary>
    private ImmutableHashSet<Loc> sent = [];
    /// <summary>The solved lockset of this function (null: no graph; the locks then flow in walking order).</summary>
    private LockFlow? flow;
    /// <summary>The transfer-function instance: only lock effects matter; no events, no goroutines.</summary>
    private readonly bool lockOnly;
    private bool emit = true;
    private int condDepth;
    /// <summary>
    /// A return under a branch has been walked since the last goroutine start: later acquires do not run on every
    /// way the function returns after that start, so a caller cannot count on them as joins.
    /// </summary>
    private bool returnedEarly;
    private bool deferring;

    private FunctionWalker(FunctionRef fn, Summaries sums, bool lockOnly = false)
    {
        this.fn = fn;
        info = fn.Package.Info;
        this.sums = sums;
        this.lockOnly = lockOnly;
        if (lockOnly) emit = false;
    }

    public static FunctionEvents Walk(FunctionRef fn, Summaries sums)
    {
        // A *Locked method starts with its receiver's lock held (by convention; callers' own locks replace it when inlined).
        var assumed = LockedConvention.AssumedHeld(fn);
        var entry = new LockState([.. assumed], [], []);
        var flow = sums.LockFlows.Of(fn, sums, () =>
        {
            var transfer = new FunctionWalker(fn, sums, lockOnly: true) { consulted = [] };
            return (LockFlow.Solve(fn, sums, entry, transfer.Transfer, transfer.TryLockOf), transfer.consulted);
        });
        var w = new FunctionWalker(fn, sums) { flow = flow, locks = [.. assumed] };
        if (fn.Body != null) w.Block(fn.Body.List);
        w.MoveDeferredToEnd();
        for (int i = 0; i < w.events.Count; i++) w.events[i].Seq = i;
        var exit = w.flow?.Exit;
        var exitHeld = exit?.HeldList().Where(h => !assumed.Any(a => a.Lock.Equals(h.Lock))).ToList() ?? [];
        if (exitHeld.Count == 0 && w.OptionalLockTaken() is { } optional) exitHeld.Add(optional);
        return new FunctionEvents
        {
            Events = w.events.Count > MaxEvents ? w.events.Take(MaxEvents).ToList() : w.events,
            ExitHeld = exitHeld,
            ExitReleased = w.releasedFromEntry,
            ExitReceived = exit is null ? [] : exit.Received.OrderBy(l => l.Key, StringComparer.Ordinal).ToList(),
            ExitSent = exit is null ? [] : exit.Sent.OrderBy(l => l.Key, StringComparer.Ordinal).ToList(),
        };
    }

    // ---- the solver's transfer function (lock-only instance) ----

    /// <summary>What evaluating one node of the graph does to the state.</summary>
    private LockState? Transfer(Node n, LockState? s)
    {
        if (s is null || n is BranchStmt or RangeStmt or GoStmt or DeferStmt) return s;
        var held = locks = s.HeldList();
        received = s.Received;
        sent = s.Sent;
        switch (n)
        {
            case ReturnStmt r: foreach (var x in r.Results) Eval(x); break;
            case Stmt st: Stmt(st); break;
            case Expr e: Eval(e); break;
        }
        if (locks is null) return null;
        // Most nodes change nothing (lock lists are replaced, never changed in place): the state flows on as it came.
        if (ReferenceEquals(locks, held) && received == s.Received && sent == s.Sent) return s;
        return new LockState([.. locks], received, sent);
    }

    /// <summary>The lock a <c>TryLock</c>/<c>TryRLock</c> call takes when it succeeds, or null for any other call.</summary>
    private HeldLock? TryLockOf(CallExpr call, bool _)
    {
        if (Unparen(call.Fun) is not SelectorExpr s || info.SelectionOf(s) is not { Kind: SelectionKind.MethodVal, Obj: GoFunc f } sel
            || SyncApi.Classify(f) != ApiKind.TryLock)
            return null;
        return Object(s.X, sel) is { } mutex ? new HeldLock(mutex, f.Name == "TryRLock") : null;
    }

    /// <summary>Before a node of the graph runs: the locks the solver found held there.</summary>
    private void Enter(Node? n)
    {
        if (flow is null || n is null) return;
        if (flow.Holds(n)) { locks = flow.Before(n)?.HeldList(); return; }
        // A condition split into && / || / ! tests: its first test is the node.
        switch (n)
        {
            case ParenExpr p: Enter(p.X); return;
            case UnaryExpr { Op: Token.Not } u: Enter(u.X); return;
            case BinaryExpr { Op: Token.LAnd or Token.LOr } b: Enter(b.X); return;
        }
    }

    /// <summary>Deferred calls run at exit, the last registered first: their events go last, in that order.</summary>
    private void MoveDeferredToEnd()
    {
        var deferred = events.Where(e => e.Deferred).ToList();
        if (deferred.Count == 0) return;
        events.RemoveAll(e => e.Deferred);
        foreach (var group in deferred.GroupBy(e => e.Site.Ancestor<DeferStmt>() ?? e.Site).Reverse())
            events.AddRange(group);
    }

    // ---- recording ----

    private IReadOnlyList<HeldLock> Held => locks ?? (IReadOnlyList<HeldLock>)[];

    private void Add(Event e)
    {
        if (emit && locks != null && events.Count < MaxEvents) events.Add(e);
        // Returns before a goroutine starts do not skip the joins of that goroutine.
        if (e.Kind == EventKind.Spawn && condDepth == 0) returnedEarly = false;
    }

    private bool DeferredNow => deferring && !evaluatingArgs;
    private bool evaluatingArgs;

    private void Access(Node at, Loc? loc, bool write, bool atomic = false, bool fresh = false, bool nil = false)
    {
        if (loc is null) return;
        // Go 1.22: the post statement works on the next iteration's copy of the loop variables.
        if (write && loc.Steps.Count == 0 && postVars.Contains(loc.Root)) return;
        Add(new Event
        {
            Kind = EventKind.Access, Loc = loc, Write = write, Atomic = atomic, Fresh = fresh, Nil = nil, Locks = Held, Site = at, Origin = at,
            Unconditional = true, AtTop = condDepth == 0, Deferred = DeferredNow,
        });
    }

    private void SyncEvent(Node at, EventKind kind, SyncKind sync, Loc? obj)
    {
        if (obj is null) return;
        // An acquire after a conditional return is not reached whenever the function returns (the caller cannot count on it).
        bool atTop = condDepth == 0 && !(kind == EventKind.Acquire && returnedEarly);
        // A receive under `if ch != nil`: it joins whatever goroutine was given ch, so it counts at the condition.
        if (kind == EventKind.Acquire && sync == SyncKind.Chan && at is UnaryExpr && GuardOf(obj) is var (cond, depth))
        {
            at = cond;
            atTop = depth == 0 && !returnedEarly;
        }
        Add(new Event
        {
            Kind = kind, Loc = obj, Sync = sync, Locks = Held, Site = at, Origin = at,
            Unconditional = true, AtTop = atTop, Deferred = DeferredNow,
        });
    }

    // ---- statements ----

    private void Block(IReadOnlyList<Stmt> list)
    {
        foreach (var s in list) Stmt(s);
    }

    private void Stmt(Stmt? s)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a clear, catchable error on a small stack, not a crash (docs/limits.md)
        if (!lockOnly) Enter(s);
        switch (s)
        {
            case null: return;
            case BlockStmt b: Block(b.List); return;
            case ExprStmt e:
                Eval(e.X);
                if (e.X is CallExpr call && NeverReturns(call)) locks = null; // like a return: its locks do not reach what follows
                return;
            case AssignStmt a: Assign(a); return;
            case IncDecStmt inc:
                var l = LocOf(inc.X);
                Access(inc.X!, l, false);
                Access(inc.X!, l, true);
                return;
            case SendStmt send:
                var ch = ChanLoc(send.Chan);
                Eval(send.Value);
                Access(send, ch?.Deref(), false); // reads the channel's state, which close writes
                SyncEvent(send, EventKind.Release, SyncKind.Chan, ch);
                if (ch != null) sent = sent.Add(ch);
                SyncEvent(send, EventKind.Acquire, SyncKind.ChanReverse, ch);
                if (ch != null && sums.IsSemaphore(ch) && condDepth == 0 && ReceivedLater(send)) LockSemaphore(send, ch);
                return;
            case GoStmt g: if (g.Call != null) Start(g, g.Call.Fun, g.Call.Args, SpawnKind.Go, g.Call); return;
            case DeferStmt d: Defer(d); return;
            case ReturnStmt r:
                // `return g(...)` in a wrapper: g's returned local is the wrapper's result slot (ReturnedLocals.ResultSlot).
                if (r.Results.Count == 1 && Unparen(r.Results[0]) is CallExpr fwd && sums.ReturnedLocal(fn, 0) is { } slot
                    && ReturnedLocals.IsResultSlot(fn, slot))
                    resultTargets = (fwd, [Loc.Of(slot)]);
                foreach (var x in r.Results) Eval(x);
                if (r.Results.Count == 0 && fn.Type?.Results is { } res)
                    foreach (var field in res.List)
                        foreach (var name in field.Names)
                            if (info.DefOf(name) is GoVar rv) Access(r, Loc.Of(rv), false);
                if (condDepth > 0 && locks != null && !FailedTests.OnlyAfterFailure(r)) returnedEarly = true;
                return;
            case BranchStmt:
                return;
            case LabeledStmt lab: Stmt(lab.Stmt); return;
            case DeclStmt ds: Decl(ds); return;
            case IfStmt i: If(i); return;
            case ForStmt f: For(f); return;
            case RangeStmt r2: Range(r2); return;
            case SwitchStmt sw:
                Stmt(sw.Init);
                Cond(sw.Tag);
                Clauses(sw.Body);
                return;
            case TypeSwitchStmt ts:
                Stmt(ts.Init);
                Stmt(ts.Assign);
                Clauses(ts.Body);
                return;
            case SelectStmt sel:
                {
                    int first = events.Count;
                    Clauses(sel.Body);
                    SelectAlternatives(sel, first);
                    return;
                }
        }
    }

    private void Decl(DeclStmt ds)
    {
        if (ds.Decl is not GenDecl gd) return;
        foreach (var spec in gd.Specs.OfType<ValueSpec>())
        {
            NoteResultTargets(spec.Names, spec.Values);
            for (int i = 0; i < spec.Values.Count; i++)
            {
                var b = Eval(spec.Values[i]);
                if (i < spec.Names.Count && info.DefOf(spec.Names[i]) is GoVar v) Bind(v, b);
            }
            resultTargets = null;
        }
    }

    private void Bind(GoVar v, Binding? value)
    {
        if (value is Binding.Func f) funcVars[v] = f;
    }

    private void Assign(AssignStmt a)
    {
        // `_ = x` reads x: the assignment evaluates its right side (the race detector reports it too).
        bool define = a.Tok == Token.Define;
        bool op = a.Tok != Token.Define && a.Tok != Token.Assign;
        var values = new List<Binding?>();
        if (!op) NoteResultTargets(a.Lhs, a.Rhs);
        foreach (var r in a.Rhs) values.Add(Eval(r));
        resultTargets = null;
        if (a.Lhs.Count == 2 && a.Rhs.Count == 1 && Unparen(a.Rhs[0]) is UnaryExpr { Op: Token.Arrow } recv && a.Lhs[1] is Ident okId
            && info.ObjectOf(okId) is GoVar okVar && ChanLocSilently(recv.X) is { } okCh)
            receiveOk[okVar] = okCh;
        for (int i = 0; i < a.Lhs.Count; i++)
        {
            var lhs = a.Lhs[i];
            if (lhs is Ident id)
            {
                if (id.Name == "_") continue;
                if (info.ObjectOf(id) is GoVar v)
                {
                    Bind(v, a.Rhs.Count == a.Lhs.Count ? values[i] : null);
                    if (define && info.DefOf(id) != null) continue; // a new variable: nobody else can see it yet
                }
            }
            if (a.Rhs.Count == a.Lhs.Count) NoteChannelAlias(lhs, a.Rhs[i]);

            var loc = LocOf(lhs);
            if (op) Access(lhs, loc, false);
            // p = &T{...}: from here on p points to memory no earlier goroutine was given.
            bool fresh = !op && a.Rhs.Count == a.Lhs.Count && values[i] is Binding.AddrOf { Loc: { Steps.Count: 0, Root.Id: < 0 } };
            bool nil = !op && a.Rhs.Count == a.Lhs.Count && IsNil(a.Rhs[i]);
            Access(lhs, loc, true, fresh: fresh, nil: nil);
        }
    }

    /// <summary>Evaluates a condition (or switch tag) at its place in the graph.</summary>
    private void Cond(Expr? cond)
    {
        Enter(cond);
        Eval(cond);
    }

    private void If(IfStmt i)
    {
        Stmt(i.Init);
        Cond(i.Cond);
        // A condition known from constants: only one branch runs.
        switch (ConstBool(i.Cond))
        {
            case true: Stmt(i.Body); return;
            case false: Stmt(i.Else); return;
        }
        var guarded = NonNilChannel(i.Cond);
        if (guarded != null) nilGuards.Add((guarded, i.Cond!, condDepth));
        condDepth++;
        ObservedClose(i);
        Stmt(i.Body);
        if (guarded != null) nilGuards.RemoveAt(nilGuards.Count - 1);
        Stmt(i.Else);
        condDepth--;
    }

    /// <summary>
    /// A select without default blocks until one of its communications happens: each is recorded at the
    /// select itself too, so a peer that synchronizes on any of them is ordered with what follows.
    /// </summary>
    private void SelectAlternatives(SelectStmt sel, int firstEvent)
    {
        if (sel.Body is null || sel.Body.List.OfType<CommClause>().Any(c => c.Comm is null) || GivesUpAndGoesOn(sel, firstEvent)) return;
        var comms = sel.Body.List.OfType<CommClause>().Select(c => c.Comm!).ToHashSet();
        var alternatives = events.Skip(firstEvent)
            .Where(e => e.Kind is EventKind.Acquire or EventKind.Release && e.Sync is SyncKind.Chan or SyncKind.ChanReverse
                && comms.Any(c => HappensBefore.Within(e.Site, c)))
            .ToList();
        foreach (var e in alternatives) SyncEvent(sel, e.Kind, e.Sync, e.Loc);
    }

    /// <summary>The cases of a switch or select, each under a branch (the locks at each come from the graph).</summary>
    private void Clauses(BlockStmt? body)
    {
        if (body is null) return;
        condDepth++;
        foreach (var c in body.List)
        {
            switch (c)
            {
                case CaseClause cc:
                    foreach (var x in cc.List) Cond(x);
                    Block(cc.Body);
                    break;
                case CommClause comm:
                    Stmt(comm.Comm);
                    Block(comm.Body);
                    break;
            }
        }
        condDepth--;
    }

    private void For(ForStmt f)
    {
        Stmt(f.Init);
        if (ConstBool(f.Cond) == false) { Cond(f.Cond); return; }
        int firstEvent = events.Count;
        var waitsBefore = conditionWaits.Count;
        Loop(f, () =>
        {
            Cond(f.Cond);
            Stmt(f.Body);
            var header = f.Init is AssignStmt { Tok: Token.Define } init && GoVersionAtLeast(fn.Package.GoVersion, 22)
                ? init.Lhs.OfType<Ident>().Select(id => info.DefOf(id)).OfType<GoVar>().ToList() : [];
            foreach (var v in header) postVars.Add(v);
            Stmt(f.Post);
            foreach (var v in header) postVars.Remove(v);
        });
        // A loop that re-locks a mutex (or waits on a sync.Cond) until a condition holds: what follows is
        // ordered after the unlock that published the condition.
        var waited = events.Skip(firstEvent).Where(e => e.Kind == EventKind.Acquire && e.Sync == SyncKind.Mutex).Select(e => e.Loc!)
            .Concat(conditionWaits.Skip(waitsBefore)).DistinctBy(l => l.Key).ToList();
        conditionWaits.RemoveRange(waitsBefore, conditionWaits.Count - waitsBefore);
        foreach (var m in waited) SyncEvent(f, EventKind.Acquire, SyncKind.MutexWait, m);
    }

    private void Range(RangeStmt r)
    {
        Enter(r.X);
        var xType = r.X is null ? null : info.TypeOf(r.X)?.Underlying;
        if (xType is GoChan)
        {
            var ch = ChanLoc(r.X);
            SyncEvent(r.X!, EventKind.Acquire, SyncKind.Chan, ch);
            SyncEvent(r.X!, EventKind.Release, SyncKind.ChanReverse, ch);
        }
        else if (xType is GoSignature)
        {
            Eval(r.X);
        }
        else if (r.X != null)
        {
            // Ranging reads the collection's elements.
            var b = Eval(r.X);
            var elems = ElemsOf(r.X, b);
            if (r.Value != null || xType is GoMap) Access(r.X, elems, false);
        }
        Loop(r, () =>
        {
            if (r.Tok == Token.Assign)
            {
                if (r.Key != null) Access(r.Key, LocOf(r.Key), true);
                if (r.Value != null) Access(r.Value, LocOf(r.Value), true);
            }
            Stmt(r.Body);
        });
        if (xType is GoChan && r.Body != null && !LoopFacts.BreaksOut(r.Body, r)) RangeEnded(r);
    }

    /// <summary>
    /// A range over a channel that no break leaves ends only when the channel is closed: what follows the loop is
    /// ordered after the close (and whatever the closing goroutine did before it).
    /// </summary>
    private void RangeEnded(RangeStmt r)
    {
        var ch = ChanLocSilently(r.X);
        if (ch is null) return;
        Add(new Event
        {
            Kind = EventKind.Acquire, Sync = SyncKind.ChanClosed, Loc = ch, Locks = Held, Site = r, Origin = r,
            Scope = r, ScopeAfter = true, Unconditional = true, AtTop = condDepth == 0, Deferred = DeferredNow,
        });
    }


    private Loc? ElemsOf(Expr x, Binding? b)
    {
        var t = info.TypeOf(x)?.Underlying;
        var l = (b as Binding.ValueOf)?.Loc;
        if (l is null) return null;
        return t switch
        {
            // A local copy of a map (`items := t.items`) ranges over the map it shares: writers change that map in place.
            // A copied slice is left to its own variable: writers often replace the field with a new array
            // (`h.list = nil; h.list = append(h.list, x)` under the lock, the snapshot ranged after unlocking).
            GoSlice => l.Deref().With(new Step(StepKind.Elem)),
            GoArray => l.With(new Step(StepKind.Elem)),
            GoPointer => l.Deref().With(new Step(StepKind.Elem)),
            GoMap => ReadHeader(l)?.Deref().With(new Step(StepKind.MapElem)),
            _ => null,
        };
    }

    /// <summary>Walks a loop body once, under the loop (the locks at each node come from the graph).</summary>
    private void Loop(Node loop, Action body)
    {
        condDepth++;
        loops.Push(loop);
        body();
        loops.Pop();
        condDepth--;
    }

    private void Defer(DeferStmt d)
    {
        if (d.Call is null) return;
        bool was = deferring;
        deferCall = d.Call;
        var before = locks;
        Call(d.Call, deferredCall: true);
        deferCall = null;
        deferring = was;
        locks = before; // the deferred call's lock effects happen at exit
    }

    // ---- lock sets ----

    private void Acquire(Loc? mutex, bool readOnly)
    {
        if (mutex is null || locks is null) return;
        SyncEvent(CurrentSite ?? fn.Node, EventKind.Acquire, SyncKind.Mutex, mutex);
        // Taking a lock the *Locked convention assumed held makes it real (it then counts where this function is inlined).
        if (!locks.Any(h => h.Lock.Equals(mutex) && h.ReadOnly == readOnly && !h.Assumed))
            locks = [.. locks.Where(h => !(h.Assumed && h.Lock.Equals(mutex))), new HeldLock(mutex, readOnly)];
        releasedFromEntry.RemoveAll(l => l.Equals(mutex));
    }

    /// <summary>True when the function later receives from the channel it sends on here (a token taken and given back).</summary>
    private bool ReceivedLater(SendStmt send)
    {
        string name = Text(send.Chan);
        return fn.Body != null && fn.Body.Descendants().Any(n => n is UnaryExpr { Op: Token.Arrow } u && u.Pos.Offset > send.Pos.Offset
            && Text(u.X) == name && u.Ancestor<FuncLit>() == send.Ancestor<FuncLit>());
    }

    private void LockSemaphore(Node at, Loc ch)
    {
        var saved = CurrentSite;
        CurrentSite = at;
        Acquire(ch, false);
        CurrentSite = saved;
    }

    private void UnlockSemaphore(Node at, Loc ch)
    {
        if (locks is null || !locks.Any(h => h.Lock.Equals(ch))) return;
        var saved = CurrentSite;
        CurrentSite = at;
        Release(ch, false);
        CurrentSite = saved;
    }

    private void Release(Loc? mutex, bool readOnly)
    {
        if (mutex is null || locks is null) return;
        if (deferring)
        {
            // A deferred unlock happens at exit: the graph's deferred calls apply it. One of a mutex not held here
            // (`defer b.lock.Unlock()` in a goroutine its parent started holding b.lock) is a hand-off: record it,
            // so the goroutine's start can count the parent's lock as held until then (LockHandOff).
            if (!locks.Any(h => h.Lock.Equals(mutex))) SyncEvent(CurrentSite ?? fn.Node, EventKind.Release, SyncKind.Mutex, mutex);
            return;
        }
        int before = locks.Count;
        // Whoever waits in a loop for a condition guarded by this mutex sees what was done before this unlock.
        SyncEvent(CurrentSite ?? fn.Node, EventKind.Release, SyncKind.MutexWait, mutex);
        locks = locks.Where(h => !(h.Lock.Equals(mutex) && h.ReadOnly == readOnly)).ToList();
        if (locks.Count == before)
        {
            // Unlocking a mutex this function did not lock: its caller's lock, or a hand-off to another goroutine.
            if (!releasedFromEntry.Contains(mutex)) releasedFromEntry.Add(mutex);
            SyncEvent(CurrentSite ?? fn.Node, EventKind.Release, SyncKind.Mutex, mutex);
        }
    }

    /// <summary>The ok variables of receives (<c>v, ok := &lt;-ch</c>) and their channels.</summary>
    private readonly Dictionary<GoVar, Loc> receiveOk = new();

    /// <summary>
    /// <c>if !ok</c> after <c>_, ok := &lt;-ch</c>: the receive saw the channel closed, so within the body it is ordered
    /// after the close (and whatever preceded the close), whatever was sent on the channel before.
    /// </summary>
    private void ObservedClose(IfStmt i)
    {
        if (Unparen(i.Cond) is not UnaryExpr { Op: Token.Not } not || Unparen(not.X) is not Ident ok
            || info.ObjectOf(ok) is not GoVar v || !receiveOk.TryGetValue(v, out var ch) || i.Body is null)
            return;
        Add(new Event
        {
            Kind = EventKind.Acquire, Sync = SyncKind.ChanClosed, Loc = ch, Locks = Held, Site = i.Cond!, Origin = i.Cond!,
            Scope = i.Body, Unconditional = true, AtTop = false, Deferred = DeferredNow,
        });
    }

    private Loc? ChanLocSilently(Expr? ch)
    {
        bool was = emit;
        emit = false;
        try { return ChanLoc(ch); }
        finally { emit = was; }
    }

    private Node? CurrentSite;
    /// <summary>The call of the defer statement being walked: its arguments are evaluated now, the call runs at exit.</summary>
    private CallExpr? deferCall;
    private readonly HashSet<GoVar> postVars = [];
    /// <summary>Mutexes held at sync.Cond.Wait calls inside the loops being walked.</summary>
    private readonly List<Loc> conditionWaits = [];
}
