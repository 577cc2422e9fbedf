using Vigil.Flow;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// A readiness gate: a goroutine prepares a value in the background and then raises a flag under a lock, a
/// query reads the flag under the same lock, and the code that uses what was prepared runs only once the
/// query said yes.
///
/// <code>
/// func (m *Manager) Initialize() {
///     go func() { m.url = fetch(); m.mu.Lock(); m.ready = true; m.mu.Unlock() }()
/// }
/// func (m *Manager) IsReady() bool { m.mu.RLock(); defer m.mu.RUnlock(); return m.ready }
/// func (m *Manager) URL() string { return m.url }      // called only after IsReady
/// func (c *Client) submit() { if !c.m.IsReady() { return }; send(c.m.URL()) }
/// </code>
///
/// The goroutine's writes before the flag happen before the unlock that publishes it; the caller that read true
/// under the lock comes after that unlock. A pair of a goroutine access before the flag and an access gated by
/// the query is no race when:
/// the flag is a bool field that only goes up (every assignment in the program stores <c>true</c>, its address is
/// never taken); the goroutine stores it holding a lock, after the access on every path that stores it, outside
/// any loop; the query returns the field read under a lock of the same name (or returns another query's result);
/// and the other access runs only after the query returned true: a <c>if !q() { return }</c> or
/// <c>for !q() { ... }</c> before it, or <c>if q() { ... }</c> around it, at some level of its call path, or (for a
/// method called while another method's goroutine runs) every call of the method in the loaded program is gated so
/// (through callers, <see cref="MaxCallerDepth"/> levels). A function with no caller in the loaded code is not gated:
/// its callers are unknown. The callers of the function that starts the goroutine never count (they may have seen the
/// flag an earlier start raised), and the goroutine is taken to be started once per value.
/// </summary>
internal sealed class ReadinessGate
{
    /// <summary>How many levels of callers are followed to find the gate (a call chain from the check to the use).</summary>
    public const int MaxCallerDepth = 4;

    private readonly Summaries sums;
    /// <summary>Where each function with source is named in the loaded code (calls and other uses), by its declaration.</summary>
    private readonly Dictionary<Node, List<Node>> uses = new();
    /// <summary>Bool fields some assignment gives a value other than true, or whose address is taken.</summary>
    private readonly HashSet<GoVar> lowered = new();
    /// <summary>Readiness queries: functions that return a bool field (or another query's result), by declaration.</summary>
    private readonly Dictionary<Node, GoVar> queries = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Node, GoVar), bool> gatedCallers = new();

    private ReadinessGate(Summaries sums)
    {
        this.sums = sums;
        var derived = new List<(Node Decl, List<CallExpr> Calls)>();
        foreach (var pkg in sums.Program.Packages)
            foreach (var file in pkg.Files)
            {
                var info = pkg.Info;
                SyntaxScan.ForEach(file.Syntax, n =>
                {
                    switch (n)
                    {
                        case Ident id when Named(id, info) is { } d && (d as FuncDecl)?.Name != id:
                            if (!uses.TryGetValue(d, out var list)) uses[d] = list = [];
                            list.Add(n.Parent is SelectorExpr s && s.Sel == n ? s : n);
                            break;
                        case AssignStmt a:
                            for (int i = 0; i < a.Lhs.Count; i++)
                                if (FieldOf(a.Lhs[i], info) is { } f
                                    && !(a.Tok == Token.Assign && a.Rhs.Count == a.Lhs.Count && info.ConstValue(a.Rhs[i]) == "true"))
                                    lowered.Add(f);
                            break;
                        case UnaryExpr { Op: Token.And } u when FieldOf(u.X, info) is { } f:
                            lowered.Add(f);
                            break;
                        case FuncDecl { Body: { } body } fd
                            when fd.Name != null && info.DefOf(fd.Name) is GoFunc fn && fn.Signature.Results.Vars is [{ Type.Underlying: GoBasic { Name: "bool" } }]:
                            var results = body.Descendants().OfType<ReturnStmt>().Where(r => r.Ancestor<FuncLit>() is null).ToList();
                            if (results.Count == 0 || results.Any(r => r.Results.Count != 1)) break;
                            var fields = results.Select(r => FieldOf(r.Results[0], info)).Distinct().ToList();
                            if (fields is [{ } field]) queries[fd] = field; // read under a lock: checked where it matters (QueryLocks)
                            else if (results.All(r => Unparen(r.Results[0]) is CallExpr))
                                derived.Add((fd, results.Select(r => (CallExpr)Unparen(r.Results[0])!).ToList()));
                            break;
                    }
                });
            }
        // A function that returns a query's result is a query of the same flag (`func (m *M) Ready() bool { return m.check.IsReady() }`).
        for (int round = 0; round < MaxCallerDepth; round++)
            foreach (var (decl, calls) in derived)
                if (!queries.ContainsKey(decl) && calls.Select(QueryOf).Distinct().ToList() is [{ } f]) queries[decl] = f;
    }

    /// <summary>The program's gate index (built once per loaded program).</summary>
    public static ReadinessGate For(Pass pass, Summaries sums) => For(pass.Cache, sums);

    public static ReadinessGate For(ProgramCache cache, Summaries sums) => cache.Get("race.readiness", () => new ReadinessGate(sums));

    /// <summary>The store of a bool field can lower it: it assigns something else than the constant true, or takes its address.</summary>
    internal static bool Lowers(FieldStores.Store s) =>
        s.Kind == FieldStores.StoreKind.AddressOf || s.Kind == FieldStores.StoreKind.Assign && !(s.Value is { } v && s.Info.ConstValue(v) == "true");

    /// <summary>The pair is ordered by a readiness gate (either side the goroutine that raises the flag).</summary>
    public bool RulesOut(RacePair pair, HappensBefore hb) =>
        queries.Count > 0 && (Gated(pair.A, pair.B, pair, hb) || Gated(pair.B, pair.A, pair, hb));

    private bool Gated(Side g, Side other, RacePair pair, HappensBefore hb)
    {
        if (g.Spawn is not { } sp) return false;
        var c = g.Access;
        foreach (var w in sp.Child)
        {
            if (w.Kind != EventKind.Access || !w.Write || w.Locks.Count == 0 || LastField(w.Loc!) is not { } flag) continue;
            if (lowered.Contains(flag) || Vigil.Facts.RaceImports.Says(sums.Imported, flag, Vigil.Facts.RaceFieldFlags.Lowered)
                || !queries.ContainsValue(flag) || !StoresTrue(w)) continue;
            if (w == c || !hb.BeforeWhenBoth(c, w) || w.Path.Any(InLoop)) continue;
            if (!QueryLocks(flag).Any(l => w.Locks.Any(h => LastField(h.Lock) == l))) continue;
            if (other.Access.Path.Any(n => GatedAt(n, flag))) return true;
            // Through callers only for a method called while another one's goroutine runs: when the function that
            // started the goroutine is the one gated, a caller could have seen the flag an earlier start raised.
            if (pair.Starter is null || other.Spawn is not null) continue;
            if (pair.Root.Node is FuncDecl m && CallersGated(m, flag, 0, [])) return true;
        }
        return false;
    }

    /// <summary>The access runs only after a query of the flag returned true, judged in the function that holds <paramref name="n"/> (and the literals it is in).</summary>
    private bool GatedAt(Node n, GoVar flag)
    {
        for (Node? prev = n, x = n.Parent; x != null && prev is not FuncDecl; prev = x, x = x.Parent)
        {
            if (x is IfStmt i && i.Body == prev && Conditions.Conjuncts(i.Cond).Any(t => Asks(t, flag))) return true;
            if (x is BlockStmt b)
                foreach (var s in b.List)
                {
                    if (s == prev) break;
                    if (Waits(s, flag)) return true;
                }
        }
        return false;
    }

    /// <summary><c>if !q() { ...; return }</c> (or <c>if !q() || other</c>), or <c>for !q() { ... }</c>: past it, q returned true.</summary>
    private bool Waits(Stmt s, GoVar flag) => s switch
    {
        IfStmt { Else: null, Body.List: [.., ReturnStmt] } i => Disjuncts(i.Cond).Any(t => Unparen(t) is UnaryExpr { Op: Token.Not } u && Asks(u.X, flag)),
        ForStmt { Init: null, Post: null, Cond: { } cond } => Unparen(cond) is UnaryExpr { Op: Token.Not } u && Asks(u.X, flag),
        _ => false,
    };

    private bool Asks(Expr? e, GoVar flag) => Unparen(e) is CallExpr call && QueryOf(call) == flag;

    private GoVar? QueryOf(CallExpr call)
    {
        var info = call.SourceFile.Package.Info;
        return Callees.StaticCallee(call, info) is { } f && sums.BodyOf(f) is { } body && queries.TryGetValue(body.Node, out var flag) ? flag : null;
    }

    /// <summary>Every use of the function in the loaded code is a call made after the gate (here or in its callers).</summary>
    private bool CallersGated(FuncDecl fn, GoVar flag, int depth, HashSet<Node> visiting)
    {
        if (gatedCallers.TryGetValue((fn, flag), out var known)) return known;
        if (depth >= MaxCallerDepth || !visiting.Add(fn)) return false;
        bool gated = EveryCall(fn, call => GatedAt(call, flag), caller => CallersGated(caller, flag, depth + 1, visiting));
        visiting.Remove(fn);
        if (depth == 0) gatedCallers[(fn, flag)] = gated;
        return gated;
    }

    /// <summary>
    /// The function has uses in the loaded code, and every one is a call (not a go statement) that <paramref name="ok"/>
    /// accepts or made in a declared function that <paramref name="callerOk"/> accepts.
    /// </summary>
    internal bool EveryCall(FuncDecl fn, Func<CallExpr, bool> ok, Func<FuncDecl, bool> callerOk) =>
        uses.TryGetValue(fn, out var list) && list.Count > 0 && list.All(u =>
            u.Parent is CallExpr call && call.Fun == u && call.Parent is not GoStmt
            && (ok(call) || Enclosing(call) is FuncDecl caller && callerOk(caller)));

    /// <summary>The lock fields under which the flag's queries read it.</summary>
    private List<GoVar> QueryLocks(GoVar flag)
    {
        if (!queryLocks.TryGetValue(flag, out var locks)) queryLocks[flag] = locks = ReadLocks(flag).Distinct().ToList();
        return locks;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<GoVar, List<GoVar>> queryLocks = new();

    private IEnumerable<GoVar> ReadLocks(GoVar flag) =>
        queries.Where(q => q.Value == flag).SelectMany(q =>
            sums.EventsOf(new FunctionRef(q.Key, q.Key.SourceFile.Package)).Events
                .Where(e => e.Kind == EventKind.Access && !e.Write && LastField(e.Loc!) == flag)
                .SelectMany(e => e.Locks.Select(h => LastField(h.Lock))))
            .OfType<GoVar>();

    /// <summary>The write stores the constant true (<c>x.ready = true</c>).</summary>
    private static bool StoresTrue(Event w)
    {
        for (Node? x = w.Origin; x != null && x is not Stmt; x = x.Parent)
            if (x.Parent is AssignStmt a && a.Lhs.Count == a.Rhs.Count && a.Lhs.ToList().IndexOf((Expr)x) is var i and >= 0)
                return a.Tok == Token.Assign && x.SourceFile.Package.Info.ConstValue(a.Rhs[i]) == "true";
        return false;
    }

    /// <summary>Inside a loop of the function that holds it (a later iteration could run the access after the flag).</summary>
    private static bool InLoop(Node n)
    {
        for (Node? x = n.Parent; x != null && x is not (FuncDecl or FuncLit); x = x.Parent)
            if (x is ForStmt or RangeStmt) return true;
        return false;
    }

    /// <summary>The declaration of the function a name refers to, when it has source.</summary>
    private Node? Named(Ident id, TypeInfo info)
    {
        GoObject? obj = id.Parent is SelectorExpr s && s.Sel == id && info.SelectionOf(s) is { } sel ? sel.Obj : info.UseOf(id) ?? info.DefOf(id);
        return obj is GoFunc f && sums.BodyOf(f) is { Node: FuncDecl d } ? d : null;
    }

    /// <summary>The field a selector names (<c>x.f</c>, by its origin), or null.</summary>
    private static GoVar? FieldOf(Expr? e, TypeInfo info) =>
        Unparen(e) is SelectorExpr s && info.SelectionOf(s) is { Kind: SelectionKind.FieldVal, Obj: GoVar { IsField: true } f }
            && f.Type?.Underlying is GoBasic { Name: "bool" } ? f.Origin : null;

    private static GoVar? LastField(Loc l) =>
        l.Steps.Count > 0 && l.Steps[^1] is { Kind: StepKind.Field, Field: { } f } ? f.Origin : null;

    private static Node? Enclosing(Node n)
    {
        for (Node? x = n.Parent; x != null; x = x.Parent)
            if (x is FuncDecl) return x;
        return null;
    }

    private static IEnumerable<Expr> Disjuncts(Expr? e) => Unparen(e) switch
    {
        BinaryExpr { Op: Token.LOr } b => Disjuncts(b.X).Concat(Disjuncts(b.Y)),
        null => [],
        var x => [x],
    };
}
