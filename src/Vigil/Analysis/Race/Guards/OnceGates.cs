using Vigil.Flow;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// Code only one caller ever runs, behind an atomic swap or compare-and-swap to a final state:
///
/// <code>
/// func (s *Stream) swapState(st State) State { return State(atomic.SwapUint32((*uint32)(&amp;s.state), uint32(st))) }
/// func (t *Client) closeStream(s *Stream, st *Status) {
///     if s.swapState(done) == done { return }    // every later caller sees done and returns
///     s.status = st                               // so only one closer writes
/// }
/// if atomic.CompareAndSwapInt32(&amp;c.closed, 0, 1) { c.err = errClosed }
/// </code>
///
/// A gate on field f with final value K passes when the swap's old value was not K (<c>swap(&amp;x.f, K) != K</c>,
/// <c>== V</c> with V ≠ K, or a compare-and-swap from A ≠ K to K), through a one-line wrapper method too, as the
/// condition of an <c>if</c> around the access or of an early return before it (<c>old := swap(...); if old == K
/// { return }</c> too). Once f holds K it keeps it: every store of f in the program writes K, is a
/// compare-and-swap whose expected value is not K, or is a plain store into a value the function just allocated;
/// the field's address goes to sync/atomic functions only. Then two accesses that both pass a gate of the same
/// field and value on the same object are never both run: the first caller sets K, and every later one fails. The
/// object is the same when the access is a field of the gate's variable itself (<c>s.status</c> after a gate on
/// <c>s</c>, s never reassigned): the pair's two accesses are to the same memory, so both sides' s are one pointer.
/// </summary>
internal sealed class OnceGates
{
    private readonly GoProgram program;
    private readonly Summaries sums;
    /// <summary>Per (field, K): whether f keeps K once it holds it.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(GoVar, string), bool> finals = new();
    private readonly Lazy<Dictionary<GoVar, List<FieldStores.Store>>> stores;
    private readonly Lazy<Dictionary<GoFunc, List<CallExpr>>> calls;

    private OnceGates(GoProgram program, Summaries sums)
    {
        (this.program, this.sums) = (program, sums);
        stores = new(AllStores);
        calls = new(AllCalls);
    }

    public static OnceGates For(Pass pass, Summaries sums) => pass.Cache.Get("race.oncegates", () => new OnceGates(pass.Program, sums));

    public bool RulesOut(RacePair pair) =>
        Gate(pair.A.Access.Origin) is { } a && Gate(pair.B.Access.Origin) is { } b
        && a.Field == b.Field && a.Final == b.Final && Final(a.Field, a.Final);

    private readonly record struct GateOf(GoVar Field, string Final);

    /// <summary>The gate the access passes in its own function, when the access is a field of the gate's object.</summary>
    private GateOf? Gate(Node access)
    {
        if (access is not Expr e || access.SourceFile?.Package?.Info is not { } info) return null;
        if (ObjectOf(e, info) is not { } obj) return null;
        for (Node prev = access, x = access.Parent!; x != null && prev is not (FuncDecl or FuncLit); prev = x, x = x.Parent!)
        {
            if (x is IfStmt i && i.Body == prev)
                foreach (var t in Conditions.Conjuncts(i.Cond))
                    if (Test(t, info, null) is { Passes: true } g && g.Object == obj && !Reassigned(obj, access)) return new GateOf(g.Field, g.Final);
            if (x is BlockStmt b)
                for (int k = 0; k < b.List.Count && b.List[k] != prev; k++)
                    if (b.List[k] is IfStmt { Init: null, Else: null, Body.List: [.., ReturnStmt], Cond: { } c }
                        && Test(c, info, k > 0 ? b.List[k - 1] : null) is { Passes: false } g && g.Object == obj && !Reassigned(obj, access))
                        return new GateOf(g.Field, g.Final);
        }
        return null;
    }

    private readonly record struct Swap(GoVar Field, GoVar Object, string Final, bool Cas);

    /// <summary>
    /// What a condition says: a gate on which field, object and final value, and whether the condition holding means
    /// the gate passed (<paramref name="before"/>: the statement before the <c>if</c>, which may define the swap's result).
    /// </summary>
    private (GoVar Field, GoVar Object, string Final, bool Passes)? Test(Expr t, TypeInfo info, Stmt? before)
    {
        while (t is ParenExpr p) t = p.X!;
        if (t is UnaryExpr { Op: Token.Not, X: { } nx } && SwapCall(nx, info) is { Cas: true } neg) return (neg.Field, neg.Object, neg.Final, false);
        if (SwapCall(t, info) is { Cas: true } cas) return (cas.Field, cas.Object, cas.Final, true);
        if (t is not BinaryExpr { Op: Token.Eql or Token.Neq, X: { } l, Y: { } r } bin) return null;
        if (info.ConstValue(r) is not { } v) return null;
        var s = SwapCall(l, info) ?? Defined(l, info, before);
        if (s is not { Cas: false } sw) return null;
        // == K: the old value was final (fails); != K: passes; == V (V ≠ K): passes; != V says nothing.
        if (v == sw.Final) return (sw.Field, sw.Object, sw.Final, bin.Op == Token.Neq);
        return bin.Op == Token.Eql ? (sw.Field, sw.Object, sw.Final, true) : null;
    }

    /// <summary><c>old := swap(...)</c> right before the <c>if</c> that tests <c>old</c>.</summary>
    private Swap? Defined(Expr e, TypeInfo info, Stmt? before) =>
        e is Ident id && before is AssignStmt { Tok: Token.Define, Lhs: [Ident d], Rhs: [var rhs] } && d.Name == id.Name
        && info.ObjectOf(id) is { } v && info.DefOf(d) == v ? SwapCall(rhs, info) : null;

    /// <summary>A swap or compare-and-swap of <c>&amp;x.f</c> with constant values, directly or through a one-line method of x.</summary>
    private Swap? SwapCall(Expr e, TypeInfo info)
    {
        e = StripConversions(e, info);
        if (e is not CallExpr call) return null;
        if (AtomicCall(call, info, a => info.ConstValue(a)) is { } direct) return direct;
        // s.swapState(K): a method whose body is `return <swap of &recv.f with its parameters>`.
        if (call.Fun is not SelectorExpr { X: Ident recv } || info.ObjectOf(recv) is not GoVar obj) return null;
        if (Callees.StaticCallee(call, info) is not { IsMethod: true } m || WrapperBody(m) is not { } w) return null;
        var inner = AtomicCall(w.Call, w.Info, a => ArgumentValue(a, w, call, info));
        return inner is { } s && s.Object == w.Receiver ? s with { Object = obj } : null;
    }

    /// <summary>A sync/atomic Swap* or CompareAndSwap* on <c>&amp;v.f</c>; values decided by <paramref name="value"/>.</summary>
    private static Swap? AtomicCall(CallExpr call, TypeInfo info, Func<Expr, string?> value)
    {
        if (call.Fun is not SelectorExpr { Sel: { } fn } || info.ObjectOf(fn) is not GoFunc { IsMethod: false, Package.Path: "sync/atomic", Name: var name }) return null;
        bool cas = name.StartsWith("CompareAndSwap", StringComparison.Ordinal);
        if (!cas && !name.StartsWith("Swap", StringComparison.Ordinal)) return null;
        if (call.Args.Count != (cas ? 3 : 2)) return null;
        if (StripConversions(call.Args[0], info) is not UnaryExpr { Op: Token.And, X: { } operand }) return null;
        if (FieldStores.FieldOf(operand, info) is not { } f || Unparen(operand) is not SelectorExpr { X: var bx } || Unparen(bx!) is not Ident b
            || info.ObjectOf(b) is not GoVar obj) return null;
        var final = value(call.Args[cas ? 2 : 1]);
        if (final is null) return null;
        if (cas && (value(call.Args[1]) is not { } expected || expected == final)) return null;
        return new Swap(f, obj, final, cas);
    }

    private sealed record Wrapper(CallExpr Call, TypeInfo Info, GoVar Receiver, IReadOnlyList<GoVar> Params);

    private Wrapper? WrapperBody(GoFunc m)
    {
        if (sums.BodyOf(m)?.Node is not FuncDecl { Body.List: [ReturnStmt { Results: [var r] }], Recv.List: [{ Names: [var rn] }] } fd) return null;
        var info = fd.SourceFile.Package.Info;
        if (StripConversions(r, info) is not CallExpr call || info.DefOf(rn) is not GoVar recv) return null;
        var ps = fd.Type!.Params?.List.SelectMany(f => f.Names).Select(n => info.DefOf(n) as GoVar).ToList();
        if (ps is null || ps.Any(p => p is null)) return null;
        return new Wrapper(call, info, recv, ps!);
    }

    /// <summary>The constant a wrapper's argument expression has at one call: a constant, or a parameter the call passes a constant.</summary>
    private static string? ArgumentValue(Expr a, Wrapper w, CallExpr call, TypeInfo callerInfo)
    {
        if (w.Info.ConstValue(a) is { } c) return c;
        if (StripConversions(a, w.Info) is Ident id && w.Info.ObjectOf(id) is GoVar p && w.Params.ToList().IndexOf(p) is var i and >= 0 && i < call.Args.Count)
            return callerInfo.ConstValue(call.Args[i]);
        return null;
    }

    /// <summary>Field f keeps value K once it holds it (see the class comment).</summary>
    private bool Final(GoVar field, string final)
    {
        return finals.GetOrAdd((field, final), _ => stores.Value.GetValueOrDefault(field, []).All(s => KeepsFinal(s, final)));
    }

    private Dictionary<GoVar, List<FieldStores.Store>> AllStores()
    {
        var all = new Dictionary<GoVar, List<FieldStores.Store>>();
        FieldStores.ForEach(program, s =>
        {
            if (!all.TryGetValue(s.Field, out var list)) all[s.Field] = list = [];
            list.Add(s);
        }, incDec: true);
        return all;
    }

    private bool KeepsFinal(FieldStores.Store s, string final)
    {
        switch (s.Kind)
        {
            case FieldStores.StoreKind.IncDec:
                return false;
            case FieldStores.StoreKind.Assign:
                return s.Value is { } v && s.Info.ConstValue(v) == final || IntoFresh(s.Assign!.Lhs[s.Index], s.Info);
        }
        // The address: only as the operand of a sync/atomic call (through conversions).
        Node up = s.At;
        while (up.Parent is ParenExpr or CallExpr { Args.Count: 1 } && (up.Parent is ParenExpr || s.Info.IsType(((CallExpr)up.Parent).Fun!)))
            up = up.Parent;
        if (up.Parent is not CallExpr call || call.Args.Count == 0 || call.Args[0] != up) return false;
        if (call.Fun is not SelectorExpr { Sel: { } fn } || s.Info.ObjectOf(fn) is not GoFunc { IsMethod: false, Package.Path: "sync/atomic", Name: var name }) return false;
        if (name.StartsWith("Load", StringComparison.Ordinal)) return true;
        bool cas = name.StartsWith("CompareAndSwap", StringComparison.Ordinal);
        if (!cas && !name.StartsWith("Swap", StringComparison.Ordinal) && !name.StartsWith("Store", StringComparison.Ordinal)) return false;
        if (call.Args.Count != (cas ? 3 : 2)) return false;
        var arg = call.Args[1];
        // Inside a one-line wrapper, the value comes from each call of the wrapper.
        var values = Values(arg, s.Info, call);
        if (values is null) return false;
        return cas ? values.All(v => v != final) : values.All(v => v == final);
    }

    /// <summary>The constants an atomic call's argument takes: itself, or, in a wrapper, what every call passes.</summary>
    private List<string>? Values(Expr arg, TypeInfo info, CallExpr atomicCall)
    {
        if (info.ConstValue(arg) is { } c) return [c];
        if (atomicCall.Ancestor<FuncDecl>() is not { Recv: not null, Name: { } name } fd || info.DefOf(name) is not GoFunc m || WrapperBody(m) is not { } w
            || StripConversions(w.Call, info) != atomicCall) return null;
        var sites = calls.Value.GetValueOrDefault(m.Origin, []);
        if (sites.Count == 0) return [];
        var values = new List<string>();
        foreach (var site in sites)
        {
            var siteInfo = site.SourceFile.Package.Info;
            if (ArgumentValue(arg, w, site, siteInfo) is not { } v) return null;
            values.Add(v);
        }
        return values;
    }

    /// <summary>Every static call of every function in the program, by callee; a function used as a value counts as unknown (listed with no arguments).</summary>
    private Dictionary<GoFunc, List<CallExpr>> AllCalls()
    {
        var all = new Dictionary<GoFunc, List<CallExpr>>();
        foreach (var pkg in program.Packages)
            foreach (var file in pkg.Files)
                SyntaxScan.ForEach(file.Syntax, n =>
                {
                    if (n is CallExpr c && Callees.StaticCallee(c, pkg.Info) is { } f)
                    {
                        if (!all.TryGetValue(f.Origin, out var list)) all[f.Origin] = list = [];
                        list.Add(c);
                    }
                });
        return all;
    }

    /// <summary><c>x.f = v</c> where x is a local the same function set to a new allocation (<c>x := &amp;T{...}</c>).</summary>
    private static bool IntoFresh(Expr lhs, TypeInfo info)
    {
        if (Unparen(lhs) is not SelectorExpr { X: var bx } || Unparen(bx!) is not Ident b || info.ObjectOf(b) is not GoVar v || v.IsPackageLevel) return false;
        var fn = (Node?)lhs.Ancestor<FuncLit>() ?? lhs.Ancestor<FuncDecl>();
        if (fn is null) return false;
        var defs = fn.Descendants().OfType<AssignStmt>().Where(a => a.Lhs.Any(l => l is Ident li && info.ObjectOf(li) == v)).ToList();
        return defs.Count == 1 && defs[0] is { Tok: Token.Define, Lhs.Count: 1, Rhs: [var r] } && defs[0].Pos.Offset < lhs.Pos.Offset
            && (Unparen(r) is UnaryExpr { Op: Token.And, X: CompositeLit } || Unparen(r) is CallExpr nc && Callees.Builtin(nc, info) is { Name: "new" });
    }

    /// <summary>The variable whose field the access is (<c>s.f</c>, <c>s.f.g</c> through struct values, not pointers).</summary>
    private static GoVar? ObjectOf(Expr e, TypeInfo info)
    {
        e = Unparen(e);
        while (e is SelectorExpr { X: var x } && info.SelectionOf((SelectorExpr)e) is { Kind: SelectionKind.FieldVal })
        {
            x = Unparen(x!);
            if (x is Ident id) return info.ObjectOf(id) is GoVar { IsPackageLevel: false } v && v.Type?.Unalias() is GoPointer ? v : null;
            if (info.TypeOf(x)?.Underlying is not GoStruct) return null;
            e = x;
        }
        return null;
    }

    /// <summary>The variable is assigned in the access's function (after being declared), so the gate may have tested another object.</summary>
    private static bool Reassigned(GoVar v, Node access)
    {
        var fn = (Node?)access.Ancestor<FuncLit>() ?? access.Ancestor<FuncDecl>();
        if (fn is null) return true;
        var info = access.SourceFile.Package.Info;
        return fn.Descendants().Any(n => n is AssignStmt { Tok: Token.Assign } a && a.Lhs.Any(l => Unparen(l) is Ident id && info.ObjectOf(id) == v)
            || n is UnaryExpr { Op: Token.And, X: Ident ai } && info.ObjectOf(ai) == v);
    }

    /// <summary>Strips parentheses and type conversions (<c>State(atomic.SwapUint32(...))</c>, <c>(*uint32)(&amp;s.state)</c>).</summary>
    private static Expr StripConversions(Expr e, TypeInfo info)
    {
        while (true)
        {
            e = Unparen(e);
            if (e is CallExpr { Args: [var inner], Fun: { } fun } && info.IsType(fun)) e = inner;
            else return e;
        }
    }
}
