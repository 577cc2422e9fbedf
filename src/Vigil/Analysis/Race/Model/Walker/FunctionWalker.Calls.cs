using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

internal sealed partial class FunctionWalker
{

    /// <summary>A call: a conversion, a builtin, a synchronization, an inlined function with source, or an unknown callee.</summary>
    private Binding? Call(CallExpr c, bool deferredCall = false)
    {
        var saved = CurrentSite;
        CurrentSite = c;
        try { return CallInner(c); }
        finally { CurrentSite = saved; }
    }

    private Binding? CallInner(CallExpr c)
    {
        if (c == deferCall)
        {
            // Evaluate the function value and arguments now, then record the call itself as deferred.
            deferCall = null;
            var r = DeferredCall(c);
            return r;
        }
        var fun = Unparen(c.Fun);
        if (fun is null) return null;
        if (info.IsType(fun))
        {
            if (c.Args.Count == 0) return null;
            var v = Eval(c.Args[0]);
            // string(bytes) and []byte(s) copy the elements.
            if (v is Binding.ValueOf sv && info.TypeOf(c.Args[0])?.Underlying is GoSlice && info.TypeOf(c)?.Underlying is GoBasic)
                Access(c, sv.Loc.Deref().With(new Step(StepKind.Elem)), false);
            return v;
        }
        if (fun is Ident bid && info.ObjectOf(bid) is GoBuiltin) return Builtin(bid.Name, c);
        if (fun is FuncLit lit)
        {
            InlineCall(new FunctionRef(lit, fn.Package), BindParams(lit.Type, c, null), c);
            return null;
        }
        GoFunc? callee = null;
        Expr? recv = null;
        Selection? msel = null;
        switch (fun)
        {
            case Ident id:
                switch (info.ObjectOf(id))
                {
                    case GoFunc f: callee = f; break;
                    case GoVar v: return CallVar(v, id, c);
                }
                break;
            case SelectorExpr s:
                var sel = info.SelectionOf(s);
                if (sel is null)
                {
                    switch (info.ObjectOf(s.Sel!))
                    {
                        case GoFunc f: callee = f; break;
                        case GoVar v: return CallVar(v, s, c);
                    }
                }
                else if (sel.Kind == SelectionKind.MethodVal && sel.Obj is GoFunc mf)
                {
                    callee = mf;
                    recv = s.X;
                    msel = sel;
                }
                else
                {
                    // Method expressions, and func-typed fields (the call graph may know the one function one holds).
                    Eval(s);
                    if (sel.Kind == SelectionKind.FieldVal && sums.SoleCallee(c) is { } only)
                    {
                        var fieldBindings = BindParams(only.Type, c, null);
                        // fr.getReadBuf = func(...) { ... fr.readBuf ... } called as o.getReadBuf(n): the closure's fr is o.
                        if (sel.Obj is GoVar field && SelfCapturingClosures.Holder(only, field) is { } holder && LocOf(s.X) is { } o)
                            fieldBindings[holder] = new Binding.ValueOf(o);
                        InlineCall(only, fieldBindings, c);
                        return null;
                    }
                }
                break;
            case IndexExpr ix when Unparen(ix.X) is Ident gid && info.ObjectOf(gid) is GoFunc gf: callee = gf; break;
            case IndexListExpr ilx when Unparen(ilx.X) is Ident gid2 && info.ObjectOf(gid2) is GoFunc gf2: callee = gf2; break;
            default: Eval(fun); break;
        }
        if (callee is null)
        {
            foreach (var a in c.Args) Eval(a);
            return null;
        }
        var api = SyncApi.Classify(callee);
        if (api is ApiKind.GroupGo or ApiKind.GroupWait && sums.BodyOf(callee) != null) api = ApiKind.None; // its source decides
        if (api != ApiKind.None) return Api(api, c, recv, msel);
        var body = sums.BodyOf(callee);
        bool ifaceRecv = callee.Signature.Recv?.Type?.Underlying is GoInterface;
        var recvBinding = recv is null ? null : ReceiverBinding(recv, msel!, callee);
        // An interface method call with one possible implementation (from the shared call graph): that method,
        // with the interface value as its receiver.
        if (ifaceRecv) body = sums.SoleCallee(c);
        if (body is null)
        {
            if (ReflectCall(callee, c, recv)) return null;
            if (!ifaceRecv && sums.Imported?.Of(callee) is { } fact) { ImportedCall(callee, fact, c, recvBinding); return null; }
            foreach (var a in c.Args) Eval(a);
            // A standard-library type that is not safe for concurrent use (bytes.Buffer): the call accesses the value.
            if (recv != null && msel != null && UnsafeLibraryTypes.Writes(callee) is bool write) Access(c, Object(recv, msel), write);
            return null;
        }
        var bindings = BindParams(body.Type, c, recvBinding);
        InlineCall(body, bindings, c, BindResults(body, c, bindings));
        return null;
    }

    /// <summary>
    /// Where the results of the call being assigned go (<c>x, err := f()</c>: x's and err's locations), set by the
    /// assignment for its one call on the right.
    /// </summary>
    private (CallExpr Call, Loc?[] Targets)? resultTargets;

    /// <summary>
    /// The callee's local pointer that it returns names the caller's variable the result is assigned to
    /// (<see cref="ReturnedLocals"/>): a goroutine the callee started on it shares the caller's object.
    /// </summary>
    /// <returns>The callee's locals so bound, or null.</returns>
    private HashSet<GoVar>? BindResults(FunctionRef body, CallExpr c, Dictionary<GoVar, Binding> bindings)
    {
        if (resultTargets is not ({ } call, var targets) || call != c) return null;
        resultTargets = null;
        HashSet<GoVar>? bound = null;
        for (int i = 0; i < targets.Length; i++)
            if (targets[i] is { } t && sums.ReturnedLocal(body, i) is { } local && !bindings.ContainsKey(local))
            {
                bindings[local] = new Binding.ValueOf(t);
                (bound ??= []).Add(local);
            }
        return bound;
    }

    /// <summary>Notes where the results of an assignment's one call go, for <see cref="BindResults"/>.</summary>
    private void NoteResultTargets(IReadOnlyList<Expr> lhs, IReadOnlyList<Expr> rhs)
    {
        resultTargets = null;
        if (rhs.Count != 1 || Unparen(rhs[0]) is not CallExpr call) return;
        var targets = new Loc?[lhs.Count];
        for (int i = 0; i < lhs.Count; i++)
            targets[i] = lhs[i] switch
            {
                Ident { Name: not "_" } id when info.ObjectOf(id) is GoVar v => Loc.Of(v),
                SelectorExpr field => FieldLoc(field),
                _ => null,
            };
        if (targets.Any(t => t != null)) resultTargets = (call, targets);
    }

    private Binding? DeferredCall(CallExpr c)
    {
        try
        {
            deferring = true;
            return CallInner(c);
        }
        finally
        {
            deferring = false;
        }
    }

    /// <summary>Calls a function-typed variable: a known literal is inlined; an unknown one is left for the caller to resolve.</summary>
    private Binding? CallVar(GoVar v, Expr funExpr, CallExpr c)
    {
        var bound = funcVars.TryGetValue(v, out var b) ? b as Binding.Func : null;
        var target = bound?.Function ?? sums.FuncLitOf(v);
        if (target != null)
        {
            if (funExpr is Ident fid) Access(fid, Loc.Of(v), false);
            InlineCall(target, BindParams(target.Type, c, bound?.Receiver), c);
            return null;
        }
        Eval(funExpr);
        var args = c.Args.Select(Eval).ToList();
        if (!v.IsField)
            Add(new Event
            {
                Kind = EventKind.DynCall, Callee = v, Args = args, Locks = Held, Site = c, Origin = c,
                Unconditional = true, AtTop = condDepth == 0, Deferred = deferring,
            });
        return null;
    }

    private Binding? ReceiverBinding(Expr recv, Selection sel, GoFunc callee)
    {
        var rt = info.TypeOf(recv);
        if (rt is null) return null;
        bool ptrRecv = callee.Signature.Recv?.Type?.Unalias() is GoPointer;
        // The object the method is called on: x itself, *x, or an embedded field of it.
        Loc? obj = rt.Underlying is GoPointer ? PointsTo(recv) : LocOf(recv);
        var t = rt.Underlying is GoPointer p ? p.Elem : rt;
        if (sel.Index.Length > 1)
        {
            obj = Path(obj, t, sel.Index, sel.Index.Length - 1);
            t = FieldType(t, sel.Index, sel.Index.Length - 1) ?? t;
            if (t.Underlying is GoPointer pp) { if (obj != null) { Access(recv, obj, false); obj = obj.Deref(); } t = pp.Elem; }
        }
        if (obj is null) return null;
        if (ptrRecv) return new Binding.AddrOf(obj);
        Access(recv, obj, false); // a value receiver copies the whole object
        return new Binding.ValueOf(obj);
    }

    private static GoType? FieldType(GoType t, int[] index, int count)
    {
        for (int k = 0; k < count; k++)
        {
            if (t.Underlying is GoPointer p) t = p.Elem;
            if (t.Underlying is not GoStruct st || index[k] >= st.Fields.Count) return null;
            t = st.Fields[index[k]].Type!;
        }
        return t;
    }

    /// <summary>Binds a function's parameters to the call's arguments (evaluating them in order).</summary>
    private Dictionary<GoVar, Binding> BindParams(FuncType? type, CallExpr c, Binding? recv)
    {
        var bindings = new Dictionary<GoVar, Binding>();
        var pinfo = FunctionInfo(type);
        var names = new List<Ident?>();
        if (type?.Params != null)
            foreach (var field in type.Params.List)
            {
                if (field.Names.Count == 0) names.Add(null);
                else names.AddRange(field.Names);
            }
        for (int i = 0; i < c.Args.Count; i++)
        {
            bool wasArgs = evaluatingArgs;
            evaluatingArgs = true;
            var b = Eval(c.Args[i]);
            evaluatingArgs = wasArgs;
            bool variadic = c.Ellipsis.IsValid == false && type?.Params?.List.LastOrDefault()?.Type is Ellipsis && i >= names.Count - 1;
            if (i < names.Count && !variadic && names[i] is { } n && pinfo.DefOf(n) is GoVar pv && b != null) bindings[pv] = b;
        }
        if (recv != null && type?.Parent is FuncDecl fd && fd.Recv?.List.Count > 0 && fd.Recv.List[0].Names.Count > 0
            && pinfo.DefOf(fd.Recv.List[0].Names[0]) is GoVar rv)
            bindings[rv] = recv;
        return bindings;
    }

    private TypeInfo FunctionInfo(FuncType? type) => type?.SourceFile.Package.Info ?? info;

    private void InlineCall(FunctionRef body, Dictionary<GoVar, Binding> bindings, CallExpr call, IReadOnlySet<GoVar>? results = null)
    {
        var fe = sums.EventsOf(body);
        if (consulted is not null && consultedNodes.Add(body.Node)) consulted.Add((body, fe));
        var subst = new Substitution(bindings, body, sums, results);
        if (!lockOnly)
        {
            var tmp = new List<Event>();
            var loop = OutermostLoop();
            // Past the cap on a summary's events Add drops them: only what has effects beyond the list is worth copying.
            int room = emit && locks != null ? Math.Max(0, MaxEvents - events.Count) : 0;
            // A callee that starts a goroutine and returns nil, in the only loop around the call, which it leaves on nil.
            Func<IReadOnlyList<Node>, bool>? startedOnce = loops.Count == 1 ? path => LoopExitAfterStart.EndsAfterStart(path, loop!) : null;
            subst.Inline(fe.Events, call, Held, condDepth == 0, DeferredNow, tmp, loop is null ? null : () => DeclaredIn(loop), room, startedOnce);
            foreach (var e in tmp) Add(e);
        }
        ApplyExit(fe, subst, call);
    }

    /// <summary>A callee's net effect on the caller's locks and channels, in the caller's frame.</summary>
    private void ApplyExit(FunctionEvents fe, Substitution subst, CallExpr call)
    {
        if (locks is null) return;
        foreach (var h in fe.ExitHeld)
            if (subst.Memory(h.Lock) is { } l && !locks.Any(x => x.Lock.Equals(l))) locks = [.. locks, h with { Lock = l }];
        foreach (var r in fe.ExitReleased)
            if (subst.Memory(r) is { } l) Release(l, locks.FirstOrDefault(x => x.Lock.Equals(l)).ReadOnly);
        // A callee that returns only after receiving from a channel (on every way it returns) is, for its caller,
        // a receive at the call: `w.stop()` that waits for w.termC in whichever select case ends it.
        foreach (var ch in fe.ExitReceived)
            if (subst.Object(ch, SyncKind.Chan) is { } l)
            {
                received = received.Add(l);
                if (!DeferredNow) SyncEvent(call, EventKind.Acquire, SyncKind.Chan, l);
            }
        foreach (var ch in fe.ExitSent)
            if (subst.Object(ch, SyncKind.Chan) is { } l) sent = sent.Add(l);
    }

    private Binding? Builtin(string name, CallExpr c)
    {
        switch (name)
        {
            case "delete" when c.Args.Count > 0:
                var m = LocOf(c.Args[0]);
                Access(c.Args[0], m, false);
                for (int i = 1; i < c.Args.Count; i++) Eval(c.Args[i]);
                Access(c, m?.Deref().With(new Step(StepKind.MapElem)), true);
                return null;
            case "copy" when c.Args.Count == 2:
                var dst = Eval(c.Args[0]) as Binding.ValueOf;
                var src = Eval(c.Args[1]) as Binding.ValueOf;
                Access(c, src?.Loc.Deref().With(RangeStep(c.Args[1])), false);
                Access(c, dst?.Loc.Deref().With(RangeStep(c.Args[0])), true);
                return null;
            case "close" when c.Args.Count == 1:
                {
                    var closed = ChanLoc(c.Args[0]);
                    // Closing writes the channel's state, which a send reads: a send racing with the close panics.
                    Access(c, closed?.Deref(), true);
                    SyncEvent(c, EventKind.Release, SyncKind.Chan, closed);
                    SyncEvent(c, EventKind.Release, SyncKind.ChanClosed, closed);
                    if (closed != null) sent = sent.Add(closed);
                }
                return null;
            case "new" when c.Args.Count == 1:
                return new Binding.AddrOf(Loc.Of(sums.Allocation(c, fn.Package, "new(" + Text(c.Args[0]) + ")")));
            case "append" when c.Args.Count > 0:
                // append reads the elements it copies when it grows the slice, and writes past the length when it does not.
                var s = Eval(c.Args[0]);
                for (int i = 1; i < c.Args.Count; i++)
                {
                    var more = Eval(c.Args[i]);
                    if (c.Ellipsis.IsValid && more is Binding.ValueOf mv && info.TypeOf(c.Args[i])?.Underlying is GoSlice)
                        Access(c, mv.Loc.Deref().With(new Step(StepKind.Elem)), false);
                }
                if (s is Binding.ValueOf sv)
                {
                    Access(c, sv.Loc.Deref().With(new Step(StepKind.Elem)), false);
                    Access(c, sv.Loc.Deref().With(new Step(StepKind.Elem, Display: "len(" + Text(c.Args[0]) + ")")), true);
                }
                return s;
            case "len" or "cap" when c.Args.Count == 1 && info.TypeOf(c.Args[0])?.Underlying is GoChan:
                // Reads the variable holding the channel (racing with `c = make(...)`), not the channel's buffer.
                Eval(c.Args[0]);
                return null;
            case "len" when c.Args.Count == 1 && info.TypeOf(c.Args[0])?.Underlying is GoMap:
                // The length of a map is read from the map itself.
                var ml = Eval(c.Args[0]) as Binding.ValueOf;
                Access(c, ReadHeader(ml?.Loc)?.Deref().With(new Step(StepKind.MapElem)), false);
                return null;
        }
        foreach (var a in c.Args) Eval(a);
        return null;
    }

    /// <summary>The elements a slice expression covers: s[lo:hi] with constant bounds is a range, else any element.</summary>
    private Step RangeStep(Expr arg)
    {
        if (Unparen(arg) is SliceExpr se && ConstInt(se.Low ?? se.X) is var lo && ConstInt(se.High) is long hi)
        {
            long from = se.Low is null ? 0 : lo ?? -1;
            if (from >= 0) return new Step(StepKind.Elem, Key: $"r:{from}:{hi}", Display: $"{from}:{hi}");
        }
        return new Step(StepKind.Elem);
    }

    // ---- goroutine starts ----

    /// <summary>Records a concurrent entry: the goroutine runs <paramref name="fun"/> with the arguments evaluated now.</summary>
    /// <param name="doneAtExit">A WaitGroup-like object the goroutine releases when it ends (an errgroup's Go).</param>
    private void Start(Node start, Expr? fun, IReadOnlyList<Expr> args, SpawnKind kind, CallExpr? call, Binding? target = null, Loc? doneAtExit = null)
    {
        if (lockOnly) return; // a goroutine start does not change this function's locks
        fun = Unparen(fun);
        FunctionRef? body = null;
        Dictionary<GoVar, Binding> bindings = new();
        Event? dyn = null;
        Binding? boundRecv = null;
        // A dependency's function without a body, known from its race facts (go vet's -facts=vetx).
        IReadOnlyList<Event>? imported = null;
        if (target is Binding.Func tf) { body = tf.Function; boundRecv = tf.Receiver; }
        else if (fun is FuncLit lit) body = new FunctionRef(lit, fn.Package);
        else if (fun is Ident id && info.ObjectOf(id) is GoFunc f)
        {
            body = sums.BodyOf(f);
            if (body is null && call?.Fun == fun) imported = ImportedStart(f, call, null);
        }
        else if (fun is Ident vid && info.ObjectOf(vid) is GoVar v)
        {
            if (funcVars.TryGetValue(v, out var fb) && fb is Binding.Func ff) { body = ff.Function; boundRecv = ff.Receiver; }
            else if (sums.FuncLitOf(v) is { } lit2) body = lit2;
            else dyn = new Event { Kind = EventKind.DynCall, Callee = v, Site = start, Origin = start, Unconditional = true, AtTop = true };
        }
        else if (fun is SelectorExpr s && info.SelectionOf(s) is { Kind: SelectionKind.MethodVal, Obj: GoFunc mf } sel)
        {
            var api = SyncApi.Classify(mf);
            if (api != ApiKind.None && call != null)
            {
                // go wg.Wait(), go mu.Unlock(): the synchronization itself runs in the new goroutine; nothing to record.
                foreach (var a in args) Eval(a);
                return;
            }
            body = sums.BodyOf(mf);
            // go x.M() on an interface with one implementation (from the shared call graph).
            if (body is null && call != null && mf.Signature.Recv?.Type?.Underlying is GoInterface) body = sums.SoleCallee(call);
            var rb = ReceiverBinding(s.X!, sel, mf);
            if (body != null && call != null) bindings = BindParams(body.Type, call, rb);
            else if (body is null && call?.Fun == fun && mf.Signature.Recv?.Type?.Underlying is not GoInterface) imported = ImportedStart(mf, call, rb);
        }
        else if (fun is SelectorExpr ps && info.SelectionOf(ps) is null && info.ObjectOf(ps.Sel!) is GoFunc pf)
        {
            body = sums.BodyOf(pf);
            if (body is null && call?.Fun == fun) imported = ImportedStart(pf, call, null);
        }
        if (body != null && bindings.Count == 0 && call != null && call.Fun == fun) bindings = BindParams(body.Type, call, boundRecv);
        else if (body != null && bindings.Count == 0 && boundRecv != null) bindings = BindParams(body.Type, new CallExpr(), boundRecv);
        else if (imported is null && (call is null || call.Fun != fun)) foreach (var a in args) Eval(a);

        var loop = OutermostLoop();
        IReadOnlyList<Event> child = [];
        string name = body?.Name ?? (fun is Ident fi ? fi.Name : "func");
        if (body != null)
        {
            var subst = new Substitution(bindings, body, sums);
            var fe = sums.EventsOf(body);
            child = subst.Frame(new SpawnInfo { Kind = kind, Start = start, Child = fe.Events, FunctionName = name }).Child;
            child = WithSurelySent(child, fe, subst, start);
            child = LockHandOff.Apply(child, Held);
        }
        else if (dyn != null) child = [dyn];
        else if (imported != null) child = LockHandOff.Apply(imported, Held);
        if (body == null && dyn == null && imported == null) return;
        if (doneAtExit != null)
            child = [.. child, new Event
            {
                Kind = EventKind.Release, Sync = SyncKind.WaitGroup, Loc = doneAtExit, Site = start, Origin = start,
                Unconditional = true, AtTop = true, Deferred = true, Seq = child.Count,
            }];
        Add(new Event
        {
            Kind = EventKind.Spawn, Site = start, Origin = start, Locks = Held, Unconditional = true, AtTop = condDepth == 0, Deferred = deferring,
            Spawn = new SpawnInfo
            {
                Kind = kind, Start = start, Many = loops.Any(l => !SingleTrip(l)) || kind == SpawnKind.Handler,
                PerInstance = loop is null ? new HashSet<GoVar>() : DeclaredIn(loop), Child = child, FunctionName = name,
            },
        });
    }

    /// <summary>
    /// The channels the goroutine's function sends on or closes on every way it returns (both branches of an
    /// <c>if err != nil { out &lt;- e } else { out &lt;- v }</c>): a join-only release at its end, so a receive can join it.
    /// </summary>
    private static IReadOnlyList<Event> WithSurelySent(IReadOnlyList<Event> child, FunctionEvents fe, Substitution subst, Node start)
    {
        if (fe.ExitSent.Count == 0) return child;
        var list = child.ToList();
        foreach (var ch in fe.ExitSent)
        {
            if (subst.Object(ch, SyncKind.Chan) is not { } l) continue;
            if (list.Any(e => e.Kind == EventKind.Release && e.Sync == SyncKind.Chan && (e.Deferred || e.AtTop && e.Unconditional) && l.Equals(e.Loc)))
                continue;
            list.Add(new Event
            {
                Kind = EventKind.Release, Sync = SyncKind.Chan, Loc = l, JoinOnly = true, Site = start, Origin = start,
                Unconditional = true, AtTop = true, Deferred = true, Seq = list.Count,
            });
        }
        return list;
    }

    private Node? OutermostLoop() => loops.Count == 0 ? null : loops.Last();

    /// <summary>for i := A; i &lt; B; i++ with constant A and B and B - A &lt;= 1: the body runs at most once.</summary>
    private bool SingleTrip(Node loop)
    {
        if (loop is not ForStmt { Init: AssignStmt { Tok: Token.Define, Lhs.Count: 1, Rhs.Count: 1 } init, Cond: BinaryExpr { Op: Token.Lss } cond,
                Post: IncDecStmt { Tok: Token.Inc, X: Ident post } } f)
            return false;
        if (init.Lhs[0] is not Ident iv || cond.X is not Ident cv || cv.Name != iv.Name || post.Name != iv.Name) return false;
        if (ConstInt(init.Rhs[0]) is not long a || ConstInt(cond.Y) is not long b) return false;
        var v = info.DefOf(iv);
        bool assignedInBody = f.Body != null && f.Body.Descendants().Any(n =>
            n is AssignStmt asg && asg.Lhs.OfType<Ident>().Any(id => info.ObjectOf(id) == v)
            || n is IncDecStmt { X: Ident x } && info.ObjectOf(x) == v);
        return !assignedInBody && b - a <= 1;
    }

    /// <summary>Variables each loop iteration has its own copy of (Go 1.22 loop variables and the body's locals).</summary>
    private HashSet<GoVar> DeclaredIn(Node loop)
    {
        var set = new HashSet<GoVar>();
        bool perIteration = GoVersionAtLeast(fn.Package.GoVersion, 22);
        SyntaxScan.ForEach(loop, n =>
        {
            if (n is Ident id && info.DefOf(id) is GoVar v)
            {
                bool header = loop is ForStmt f ? IsWithin(id, f.Init) : loop is RangeStmt r && (id == r.Key || id == r.Value);
                if (!header || perIteration) set.Add(v);
            }
        });
        return set;
    }

    private static bool IsWithin(Node n, Node? top)
    {
        for (Node? x = n; x != null; x = x.Parent) if (x == top) return true;
        return false;
    }

    private static bool GoVersionAtLeast(string version, int minor)
    {
        if (string.IsNullOrEmpty(version)) return true;
        var parts = version.TrimStart('g', 'o').Split('.');
        return parts.Length < 2 || !int.TryParse(parts[1], out int m) || m >= minor;
    }
}
