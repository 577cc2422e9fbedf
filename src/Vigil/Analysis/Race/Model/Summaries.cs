using Vigil.Flow.CallGraph;
using Vigil.Flow.Cfg;
using System.Collections.Concurrent;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>What a function does, in its own frame: its events and its net effect on the caller's locks.</summary>
public sealed class FunctionEvents
{
    public static readonly FunctionEvents Empty = new() { Events = [] };
    public required IReadOnlyList<Event> Events { get; init; }
    /// <summary>Locks still held when it returns (a helper that locks for its caller).</summary>
    public IReadOnlyList<HeldLock> ExitHeld { get; init; } = [];
    /// <summary>Caller's locks it releases (a helper that unlocks for its caller).</summary>
    public IReadOnlyList<Loc> ExitReleased { get; init; } = [];
    /// <summary>Channels it has received from on every way it returns normally (a caller may count the call as that receive).</summary>
    public IReadOnlyList<Loc> ExitReceived { get; init; } = [];
    /// <summary>Channels it has sent on or closed on every way it returns normally.</summary>
    public IReadOnlyList<Loc> ExitSent { get; init; } = [];
}

/// <summary>
/// Program-wide memo shared by every package pass: where each function's body
/// is, and its events (the interprocedural summary callers inline with their
/// own arguments substituted). Computed on demand, once per function.
/// </summary>
public sealed class Summaries
{
    /// <summary>How many calls deep a summary looks: a function's events include its callees' down to this depth.</summary>
    public const int MaxCallDepth = 6;
    private readonly Dictionary<GoFunc, FunctionRef> bodies = new();
    private readonly ConcurrentDictionary<(Node, int), FunctionEvents> events = new();
    private readonly IReadOnlyDictionary<GoVar, string> capacities;
    /// <summary>The depth budget of the function being walked on this thread (null: none is).</summary>
    [ThreadStatic] private static int? walking;

    public Summaries(GoProgram program, Func<Node, ControlFlowGraph?>? graphOf = null, Func<CallGraph>? callGraph = null)
    {
        Program = program;
        GraphOf = graphOf ?? (_ => null);
        this.callGraph = callGraph is null ? null : new Lazy<CallGraph>(callGraph);
        foreach (var pkg in program.Packages)
            foreach (var file in pkg.Files)
                foreach (var fd in file.Syntax.Decls.OfType<FuncDecl>())
                    if (fd.Body != null && fd.Name != null && !IsRuntimeInternal(pkg.Path) && pkg.Info.DefOf(fd.Name) is GoFunc f)
                        bodies.TryAdd(f, new FunctionRef(fd, pkg));
        capacities = ChannelCapacities.Of(program);
    }

    public GoProgram Program { get; }

    private readonly Lazy<CallGraph>? callGraph;

    /// <summary>
    /// The one function with source an interface method call or a call of a function value can reach, from the
    /// shared call graph (<see cref="CallGraph"/>); null when it has several possible targets or an unknown one.
    /// Inlining one of several targets would make its locks and accesses look certain.
    /// </summary>
    public FunctionRef? SoleCallee(CallExpr call)
    {
        if (callGraph is null) return null;
        var edges = callGraph.Value.EdgesOf(call);
        if (edges.Count == 0 || edges.Any(e => e.Callee is null || e.Kind == CallKind.Dynamic)) return null;
        var target = edges[0].Callee!;
        if (edges.Any(e => e.Callee != target) || target.Syntax is null || target.Package is null || IsRuntimeInternal(target.Package.Path))
            return null;
        return target.Syntax is FuncDecl { Body: not null } or FuncLit ? new FunctionRef(target.Syntax, target.Package) : null;
    }

    /// <summary>The shared control-flow graph of a function with source (null when there is none).</summary>
    public Func<Node, ControlFlowGraph?> GraphOf { get; }

    /// <summary>
    /// The runtime and the synchronization packages themselves: they implement goroutines, locks and
    /// atomics with primitives this analysis does not model (runtime locks, atomics on raw memory,
    /// stop-the-world), so their bodies are opaque to callers and they are not analyzed as roots.
    /// internal/poll is one of them: every file and network descriptor operation goes through its
    /// fdMutex, a reader/writer/close lock built from atomics and runtime semaphores.
    /// </summary>
    public static bool IsRuntimeInternal(string pkgPath) =>
        pkgPath is "runtime" or "sync" or "sync/atomic" or "unsafe" or "internal/sync" or "internal/race" or "internal/abi" or "internal/poll"
        || pkgPath.StartsWith("runtime/", StringComparison.Ordinal) || pkgPath.StartsWith("internal/runtime/", StringComparison.Ordinal);

    private Dictionary<GoVar, FunctionRef>? funcVars;
    private readonly object indexLock = new();
    private Dictionary<GoVar, GoVar> pointsTo = [];
    private Dictionary<GoVar, SelectorExpr> fieldCopies = [];

    /// <summary>
    /// The field a local pointer is a copy of (<c>t := pc.t</c>, never reassigned, address never taken), or null:
    /// what the local points to is what the field points to, so <c>t.mu</c> is the lock <c>pc.t.mu</c>.
    /// </summary>
    public SelectorExpr? FieldCopyOf(GoVar v)
    {
        FuncLitOf(v);
        return fieldCopies.GetValueOrDefault(v);
    }
    private Dictionary<GoVar, long> constantVars = [];

    /// <summary>The value of a local integer variable defined from a constant and never changed, or null.</summary>
    public long? ConstantOf(GoVar v)
    {
        FuncLitOf(v);
        return constantVars.TryGetValue(v, out var c) ? c : null;
    }

    private Dictionary<GoVar, CallExpr> reflectValues = [];

    /// <summary>The call a local reflect.Value holds (<c>v := reflect.ValueOf(&amp;x)</c>, never reassigned), or null.</summary>
    public CallExpr? ReflectedBy(GoVar v)
    {
        FuncLitOf(v);
        return reflectValues.GetValueOrDefault(v);
    }

    private Dictionary<GoVar, Expr> headerCopies = [];

    /// <summary>
    /// The slice or map a local one is a copy of (<c>s2 := s</c>, <c>o := c.opts</c>; neither local reassigned, no
    /// address taken), or null: both headers share their elements, so <c>o[k] = v</c> writes <c>c.opts</c>'s map.
    /// </summary>
    public Expr? HeaderCopyOf(GoVar v)
    {
        FuncLitOf(v);
        return headerCopies.GetValueOrDefault(v);
    }

    /// <summary>The variable a local pointer always points to (<c>p := &amp;x</c>, never reassigned), or null.</summary>
    public GoVar? AliasOf(GoVar v)
    {
        FuncLitOf(v);
        return pointsTo.GetValueOrDefault(v);
    }

    /// <summary>
    /// The function literal a local variable holds, when it is assigned exactly
    /// once (<c>f := func() {...}</c>): calls of f, even from other closures, call it.
    /// </summary>
    public FunctionRef? FuncLitOf(GoVar v)
    {
        var index = Volatile.Read(ref funcVars);
        if (index is null)
            lock (indexLock) // once: the package passes ask at about the same time
            {
                index = funcVars ?? IndexFuncVars();
                Volatile.Write(ref funcVars, index);
            }
        return index.GetValueOrDefault(v);
    }

    private Dictionary<GoVar, FunctionRef> IndexFuncVars()
    {
        var found = new Dictionary<GoVar, FunctionRef>();
        var constants = new Dictionary<GoVar, long>();
        var aliases = new Dictionary<GoVar, GoVar>();
        var copies = new Dictionary<GoVar, SelectorExpr>();
        var headers = new Dictionary<GoVar, (Expr Src, GoVar? SrcVar)>();
        var switched = new Dictionary<GoVar, GoVar>();
        var reflected = new Dictionary<GoVar, CallExpr>();
        var assigned = new Dictionary<GoVar, int>();
        foreach (var pkg in Program.Packages)
            foreach (var file in pkg.Files)
                SyntaxScan.ForEach(file.Syntax, n =>
                {
                    if (n is IncDecStmt { X: Ident incId } && pkg.Info.ObjectOf(incId) is GoVar incVar)
                        assigned[incVar] = assigned.GetValueOrDefault(incVar) + 2;
                    if (n is UnaryExpr { Op: Token.And, X: Ident addrId } && pkg.Info.ObjectOf(addrId) is GoVar addrVar)
                        assigned[addrVar] = assigned.GetValueOrDefault(addrVar) + 2;
                    if (n is RangeStmt { Tok: Token.Assign } rs)
                        foreach (var k in new[] { rs.Key, rs.Value })
                            if (k is Ident rid && pkg.Info.ObjectOf(rid) is GoVar rv2) assigned[rv2] = assigned.GetValueOrDefault(rv2) + 2;
                    // `var p = &x` (or `var i any = &x`) like `p := &x`.
                    if (n is ValueSpec vs && vs.Values.Count == vs.Names.Count)
                        for (int i = 0; i < vs.Names.Count; i++)
                            if (pkg.Info.DefOf(vs.Names[i]) is GoVar { IsPackageLevel: false } dv)
                            {
                                assigned[dv] = assigned.GetValueOrDefault(dv) + 1;
                                if (vs.Values[i] is UnaryExpr { Op: Token.And, X: Ident vt } && pkg.Info.ObjectOf(vt) is GoVar vtv && !vtv.IsField)
                                    aliases[dv] = vtv;
                            }
                    // `switch y := x.(type)`: each case's y is x, converted.
                    if (n is TypeSwitchStmt { Assign: AssignStmt { Rhs: [TypeAssertExpr { X: Ident tsx }] }, Body: { } tsBody }
                        && pkg.Info.ObjectOf(tsx) is GoVar tsv)
                        foreach (var cc in tsBody.List)
                            if (pkg.Info.ImplicitOf(cc) is GoVar implicitVar) switched[implicitVar] = tsv;
                    if (n is not AssignStmt a) return;
                    for (int i = 0; i < a.Lhs.Count; i++)
                    {
                        if (a.Lhs[i] is not Ident id || pkg.Info.ObjectOf(id) is not GoVar v || v.IsPackageLevel) continue;
                        assigned[v] = assigned.GetValueOrDefault(v) + 1;
                        if (a.Tok == Token.Define && a.Rhs.Count == a.Lhs.Count && pkg.Info.ConstValue(a.Rhs[i]) is { } cv
                            && long.TryParse(cv, out long cl))
                            constants[v] = cl;
                        if (a.Tok == Token.Define && a.Rhs.Count == a.Lhs.Count && a.Rhs[i] is FuncLit lit)
                            found[v] = new FunctionRef(lit, pkg);
                        if (a.Tok == Token.Define && a.Rhs.Count == a.Lhs.Count && a.Rhs[i] is UnaryExpr { Op: Token.And, X: Ident target }
                            && pkg.Info.ObjectOf(target) is GoVar tv && !tv.IsField)
                            aliases[v] = tv;
                        if (a.Tok == Token.Define && a.Rhs.Count == a.Lhs.Count && a.Rhs[i] is SelectorExpr { X: Ident } fsel
                            && pkg.Info.SelectionOf(fsel) is { Kind: SelectionKind.FieldVal } && v.Type?.Underlying is GoPointer)
                            copies[v] = fsel;
                        if (a.Tok == Token.Define && a.Rhs.Count == a.Lhs.Count && v.Type?.Underlying is GoSlice or GoMap
                            && (a.Rhs[i] is Ident src && pkg.Info.ObjectOf(src) is GoVar { IsPackageLevel: false, IsField: false }
                                || a.Rhs[i] is SelectorExpr { X: Ident } hsel && pkg.Info.SelectionOf(hsel) is { Kind: SelectionKind.FieldVal }))
                            headers[v] = (a.Rhs[i], a.Rhs[i] is Ident ? pkg.Info.ObjectOf((Ident)a.Rhs[i]) as GoVar : null);
                        if (a.Tok == Token.Define && a.Rhs.Count == a.Lhs.Count && a.Rhs[i] is CallExpr { Fun: SelectorExpr { Sel.Name: "ValueOf" } } rcall
                            && Flow.Callees.StaticCallee(rcall, pkg.Info) is { Package.Path: "reflect" })
                            reflected[v] = rcall;
                    }
                });
        foreach (var v in found.Keys.ToList())
            if (assigned.GetValueOrDefault(v) != 1) found.Remove(v);
        foreach (var v in aliases.Keys.ToList())
            if (assigned.GetValueOrDefault(v) != 1) aliases.Remove(v);
        reflectValues = reflected.Where(r => assigned.GetValueOrDefault(r.Key) == 1).ToDictionary();
        foreach (var (implicitVar, x) in switched)
            if (aliases.TryGetValue(x, out var target) && !assigned.ContainsKey(implicitVar)) aliases[implicitVar] = target;
        pointsTo = aliases;
        foreach (var v in copies.Keys.ToList())
            if (assigned.GetValueOrDefault(v) != 1) copies.Remove(v);
        fieldCopies = copies;
        headerCopies = headers
            .Where(h => assigned.GetValueOrDefault(h.Key) == 1 && (h.Value.SrcVar is null || assigned.GetValueOrDefault(h.Value.SrcVar) == 1))
            .ToDictionary(h => h.Key, h => h.Value.Src);
        foreach (var v in constants.Keys.ToList())
            if (assigned.GetValueOrDefault(v) != 1) constants.Remove(v);
        constantVars = constants;
        return found;
    }

    public static Summaries For(Pass pass) => For(pass.Cache, pass.Program);

    public static Summaries For(ProgramCache cache, GoProgram program) => cache.Get("race.summaries", () =>
    {
        return new Summaries(program, fn => FunctionGraphs.For(cache, program, fn.SourceFile.Package).Of(fn),
            () => CallGraph.For(cache, program)) { Imported = cache.Find<Vigil.Facts.RaceImports>(Vigil.Facts.RaceImports.CacheKey) };
    });

    /// <summary>The race facts of dependencies loaded from export data (go vet's -facts=vetx), for callees without a body.</summary>
    public Vigil.Facts.RaceImports? Imported { get; init; }

    public FunctionRef? BodyOf(GoFunc f)
    {
        var body = bodies.GetValueOrDefault(f) ?? (f.Origin != f ? bodies.GetValueOrDefault(f.Origin) : null);
        if (body != null || !f.IsMethod) return body;
        // A method of an instantiated generic type: the body is the generic type's method of that name.
        var named = f.ReceiverNamed;
        if (named is null || named.Origin == named) return null;
        // A loop, not a lambda over f: capturing the parameter made a closure at every call, the common ones included.
        foreach (var m in named.Origin.Methods)
            if (m.Name == f.Name) return bodies.GetValueOrDefault(m);
        return null;
    }

    /// <summary>
    /// The function's events in its own frame, as seen from the function being
    /// walked on this thread (or as a root when none is): a summary with depth
    /// budget d includes its callees' summaries with budget d - 1, and one with
    /// budget 0 none. So each summary depends only on the function and the
    /// budget, never on which caller or thread asked first; recursion ends when
    /// the budget does. A summary the budget did not cut (its calls go at most
    /// k deep, k &lt;= d) is the same for every budget from k up: it is computed
    /// once and serves them all.
    /// </summary>
    public FunctionEvents EventsOf(FunctionRef fn)
    {
        int budget = walking is int current ? current - 1 : MaxCallDepth;
        if (budget < 0)
        {
            NoteCalleeDepth(Cut);
            return FunctionEvents.Empty;
        }
        if (complete.TryGetValue(fn.Node, out var whole) && whole.Depth <= budget)
        {
            NoteCalleeDepth(whole.Depth);
            return whole.Events;
        }
        if (events.TryGetValue((fn.Node, budget), out var done))
        {
            NoteCalleeDepth(Cut);
            return done;
        }
        var saved = (walking, deepestCallee);
        (walking, deepestCallee) = (budget, -1);
        RaceStats.Walked(budget);
        FunctionEvents result;
        int depth;
        try
        {
            result = FunctionWalker.Walk(fn, this);
            depth = deepestCallee < 0 ? 0 : Math.Min(Cut, deepestCallee + 1);
        }
        finally
        {
            (walking, deepestCallee) = saved;
        }
        if (depth <= budget) result = complete.GetOrAdd(fn.Node, (result, depth)).Events;
        else result = events.GetOrAdd((fn.Node, budget), result);
        NoteCalleeDepth(depth <= budget ? depth : Cut);
        return result;
    }

    /// <summary>
    /// The function's events as a summary with the given depth budget, as if a caller at that depth asked: the
    /// program-wide rules about a type's methods look less deep than a goroutine's root does.
    /// </summary>
    public FunctionEvents EventsOf(FunctionRef fn, int budget)
    {
        var saved = (walking, deepestCallee);
        walking = Math.Min(budget, MaxCallDepth) + 1;
        try
        {
            return EventsOf(fn);
        }
        finally
        {
            (walking, deepestCallee) = saved;
        }
    }

    /// <summary>Each function's solved lockset, reused by its walks at other depth budgets when its callees' lock effects agree.</summary>
    internal SolvedLockFlows LockFlows { get; } = new();

    /// <summary>The deepest summary the function being walked on this thread has read so far (saved and restored around a trial read).</summary>
    internal static int DeepestCalleeRead
    {
        get => deepestCallee;
        set => deepestCallee = value;
    }

    /// <summary>The depth of a summary the budget cut: deeper than any budget.</summary>
    private const int Cut = MaxCallDepth + 1;

    private static void NoteCalleeDepth(int depth)
    {
        if (walking is not null) deepestCallee = Math.Max(deepestCallee, depth);
    }

    /// <summary>Summaries no budget cut, with how deep their calls go.</summary>
    private readonly ConcurrentDictionary<Node, (FunctionEvents Events, int Depth)> complete = new();
    /// <summary>The deepest summary the function being walked on this thread has read (-1: none).</summary>
    [ThreadStatic] private static int deepestCallee;

    private readonly ConcurrentDictionary<Node, GoVar> allocations = new();
    private int nextAllocation;

    /// <summary>
    /// A variable standing for the object allocated at a site (&amp;T{...}, new(T)):
    /// every pointer to it names the same memory. It belongs to the allocating function.
    /// </summary>
    public GoVar Allocation(Node site, Package pkg, string name) => allocations.GetOrAdd(site, n => new GoVar
    {
        Id = -1 - Interlocked.Increment(ref nextAllocation),
        Name = name,
        Location = n.Location,
        Package = pkg.Types,
    });

    private readonly ConcurrentDictionary<ControlFlowGraph, bool[][]> mayAffect = new();

    /// <summary>
    /// For each block of a function's graph (by index), whether evaluating each of its nodes may change the
    /// lock state (<see cref="LockFlow.MayAffect"/>). Memoized per graph: every depth budget solves the graph
    /// again, and an array read per node visit costs less than a lookup by node.
    /// </summary>
    internal bool[][] LockAffectingNodes(ControlFlowGraph g) => mayAffect.GetOrAdd(g, static g =>
    {
        var flags = new bool[g.Blocks.Count][];
        foreach (var b in g.Blocks)
        {
            var f = flags[b.Index] = new bool[b.Nodes.Count];
            for (int i = 0; i < f.Length; i++) f[i] = LockFlow.MayAffect(b.Nodes[i]);
        }
        return flags;
    });

    private readonly ConcurrentDictionary<(Node, int), GoVar?> returnedLocals = new();

    /// <summary>The local pointer a function returns as result <paramref name="index"/> (<see cref="ReturnedLocals"/>; memoized).</summary>
    public GoVar? ReturnedLocal(FunctionRef fn, int index) => returnedLocals.GetOrAdd((fn.Node, index), _ => ReturnedLocals.Of(fn, index,
        (at, type) => new GoVar { Id = -1 - Interlocked.Increment(ref nextAllocation), Name = "result", Type = type, Location = at.Location, Package = fn.Package.Types }));

    private readonly ConcurrentDictionary<Node, bool> hasGo = new();

    /// <summary>Whether a body contains a go statement (memoized).</summary>
    public bool HasGoStatement(FunctionRef fn) => hasGo.GetOrAdd(fn.Node, _ => fn.Body != null && SyntaxScan.Any(fn.Body, n => n is GoStmt));

    /// <summary>A channel variable every make of which has no buffer (see <see cref="ChannelCapacities"/>).</summary>
    public bool IsUnbuffered(Loc chan) => chan.Steps.Count == 0 && capacities.TryGetValue(chan.Root, out var c) && c == "0";

    /// <summary>A channel of capacity one: sending takes the token, receiving gives it back (a mutex).</summary>
    /// <summary>The constant buffer size of a channel variable made in one place, or null.</summary>
    public long? CapacityOf(Loc chan) =>
        chan.Steps.Count == 0 && capacities.TryGetValue(chan.Root, out var c) && long.TryParse(c, out long n) ? n : null;

    public bool IsSemaphore(Loc chan) => chan.Steps.Count == 0 && capacities.TryGetValue(chan.Root, out var c) && c == "1";
}
