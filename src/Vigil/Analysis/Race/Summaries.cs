using System.Collections.Concurrent;
using Vigil.Flow.CallGraph;
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
}

/// <summary>
/// Program-wide memo shared by every package pass: where each function's body
/// is, and its events (the interprocedural summary callers inline with their
/// own arguments substituted). Computed on demand, once per function.
/// </summary>
public sealed class Summaries
{
    /// <summary>How deep inlined callees go: events more calls below the summarized function than this are left out.</summary>
    public const int MaxCallDepth = 6;
    /// <summary>
    /// A safety net against runaway nesting of summary computations (a cycle the
    /// call graph does not know of); <see cref="Prepare"/> computes summaries
    /// callees first, so nesting stays shallow and this is not reached.
    /// </summary>
    private const int MaxNesting = 32;
    private readonly Dictionary<GoFunc, FunctionRef> bodies = new();
    private readonly ConcurrentDictionary<Node, FunctionEvents> events = new();
    private readonly IReadOnlyDictionary<GoVar, string> capacities;
    private readonly SummaryOrder? order;
    private readonly CallGraph? graph;
    /// <summary>The summaries being computed on this thread, innermost last.</summary>
    [ThreadStatic] private static List<Node>? computing;

    public Summaries(GoProgram program, CallGraph? graph = null)
    {
        Program = program;
        this.graph = graph;
        order = graph is null ? null : new SummaryOrder(graph);
        foreach (var pkg in program.Packages)
            foreach (var file in pkg.Files)
                foreach (var fd in file.Syntax.Decls.OfType<FuncDecl>())
                    if (fd.Body != null && fd.Name != null && !IsRuntimeInternal(pkg.Path) && pkg.Info.DefOf(fd.Name) is GoFunc f)
                        bodies.TryAdd(f, new FunctionRef(fd, pkg));
        capacities = ChannelCapacities.Of(program);
    }

    public GoProgram Program { get; }

    /// <summary>
    /// The runtime and the synchronization packages themselves: they implement goroutines, locks and
    /// atomics with primitives this analysis does not model (runtime locks, atomics on raw memory,
    /// stop-the-world), so their bodies are opaque to callers and they are not analyzed as roots.
    /// </summary>
    public static bool IsRuntimeInternal(string pkgPath) =>
        pkgPath is "runtime" or "sync" or "sync/atomic" or "unsafe" or "internal/sync" or "internal/race" or "internal/abi"
        || pkgPath.StartsWith("runtime/", StringComparison.Ordinal) || pkgPath.StartsWith("internal/runtime/", StringComparison.Ordinal);

    private Dictionary<GoVar, FunctionRef>? funcVars;
    private Dictionary<GoVar, GoVar> pointsTo = [];
    private Dictionary<GoVar, long> constantVars = [];

    /// <summary>The value of a local integer variable defined from a constant and never changed, or null.</summary>
    public long? ConstantOf(GoVar v)
    {
        FuncLitOf(v);
        return constantVars.TryGetValue(v, out var c) ? c : null;
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
        if (funcVars is null) Interlocked.CompareExchange(ref funcVars, IndexFuncVars(), null);
        return funcVars.GetValueOrDefault(v);
    }

    private Dictionary<GoVar, FunctionRef> IndexFuncVars()
    {
        var found = new Dictionary<GoVar, FunctionRef>();
        var constants = new Dictionary<GoVar, long>();
        var aliases = new Dictionary<GoVar, GoVar>();
        var assigned = new Dictionary<GoVar, int>();
        foreach (var pkg in Program.Packages)
            foreach (var file in pkg.Files)
                foreach (var n in file.Syntax.Descendants())
                {
                    if (n is IncDecStmt { X: Ident incId } && pkg.Info.ObjectOf(incId) is GoVar incVar)
                        assigned[incVar] = assigned.GetValueOrDefault(incVar) + 2;
                    if (n is UnaryExpr { Op: Token.And, X: Ident addrId } && pkg.Info.ObjectOf(addrId) is GoVar addrVar)
                        assigned[addrVar] = assigned.GetValueOrDefault(addrVar) + 2;
                    if (n is RangeStmt { Tok: Token.Assign } rs)
                        foreach (var k in new[] { rs.Key, rs.Value })
                            if (k is Ident rid && pkg.Info.ObjectOf(rid) is GoVar rv2) assigned[rv2] = assigned.GetValueOrDefault(rv2) + 2;
                    if (n is not AssignStmt a) continue;
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
                    }
                }
        foreach (var v in found.Keys.ToList())
            if (assigned.GetValueOrDefault(v) != 1) found.Remove(v);
        foreach (var v in aliases.Keys.ToList())
            if (assigned.GetValueOrDefault(v) != 1) aliases.Remove(v);
        pointsTo = aliases;
        foreach (var v in constants.Keys.ToList())
            if (assigned.GetValueOrDefault(v) != 1) constants.Remove(v);
        constantVars = constants;
        return found;
    }

    public static Summaries For(Pass pass) => pass.Cache.Get("race.summaries", () =>
    {
        var sums = new Summaries(pass.Program, CallGraph.For(pass));
        sums.Prepare();
        return sums;
    });

    /// <summary>
    /// Computes the summaries of the functions the analysis will need (those
    /// reachable from functions that may start goroutines), level by level
    /// from the callees up, each level in parallel: every summary then reads
    /// finished summaries of its callees and the nesting stays shallow.
    /// </summary>
    public void Prepare()
    {
        if (order is null || graph is null) return;
        var roots = graph.Nodes.Where(n => Ref(n) is { } r && RaceAnalyzer.MayStartConcurrency(r, this));
        var needed = graph.ReachableFrom(roots, e => e.Kind is CallKind.Static or CallKind.FuncValue
            || e.Kind == CallKind.Interface && graph.EdgesOf(e.Site).Count == 1).ToHashSet();
        foreach (var level in order.Levels)
        {
            var work = level.Where(needed.Contains).Select(Ref).OfType<FunctionRef>().ToList();
            Parallel.ForEach(work, fn => EventsOf(fn));
        }
    }

    private static FunctionRef? Ref(CallGraphNode n) =>
        n.Syntax is FuncDecl { Body: not null } or FuncLit && n.Package is { } p && !IsRuntimeInternal(p.Path) ? new FunctionRef(n.Syntax, p) : null;

    public FunctionRef? BodyOf(GoFunc f)
    {
        var body = bodies.GetValueOrDefault(f) ?? (f.Origin != f ? bodies.GetValueOrDefault(f.Origin) : null);
        if (body != null || !f.IsMethod) return body;
        // A method of an instantiated generic type: the body is the generic type's method of that name.
        var named = f.ReceiverNamed;
        if (named is null || named.Origin == named) return null;
        var generic = named.Origin.Methods.FirstOrDefault(m => m.Name == f.Name);
        return generic is null ? null : bodies.GetValueOrDefault(generic);
    }

    /// <summary>
    /// The function's events in its own frame. Summaries depend only on the
    /// function, never on which caller or thread asks first: a function that
    /// is not recursive reads its callees' finished summaries; the functions
    /// of a recursion group (<see cref="SummaryOrder"/>) are computed together
    /// by <see cref="IterateGroup"/>.
    /// </summary>
    public FunctionEvents EventsOf(FunctionRef fn)
    {
        int? group = order?.GroupOf(fn);
        if (view is { } v && group == v.Group) return v.Previous.GetValueOrDefault(fn.Node) ?? FunctionEvents.Empty;
        if (events.TryGetValue(fn.Node, out var done)) return done;
        computing ??= [];
        // A safety net for cycles the call graph does not know of, and runaway nesting.
        if (computing.Count > MaxNesting || computing.Contains(fn.Node)) return FunctionEvents.Empty;
        if (group is int g && order!.IsRecursive(g))
        {
            if (iterating.ContainsKey(g)) return FunctionEvents.Empty; // only if the call graph missed an edge
            groupsDone.GetOrAdd(g, _ => new Lazy<Dictionary<Node, FunctionEvents>>(() => IterateGroup(g))).Value.TryGetValue(fn.Node, out var member);
            if (member is not null) return events.GetOrAdd(fn.Node, member);
            // The function's declaration in a package variant the call graph does not cover: read the group's results.
            return events.GetOrAdd(fn.Node, WalkWith(fn, new GroupView(g, groupsDone[g].Value)));
        }
        return events.GetOrAdd(fn.Node, WalkWith(fn, null));
    }

    private FunctionEvents WalkWith(FunctionRef fn, GroupView? groupView)
    {
        var saved = view;
        view = groupView;
        computing!.Add(fn.Node);
        try { return FunctionWalker.Walk(fn, this); }
        finally
        {
            computing.RemoveAt(computing.Count - 1);
            view = saved;
        }
    }

    /// <summary>
    /// The summaries of a recursion group, to a fixed point: each round walks
    /// every member reading the previous round's summaries of the group (the
    /// first round: none), so the result does not depend on the members'
    /// order. Every round inlines one more level of recursion, and events
    /// beyond <see cref="MaxCallDepth"/> calls are left out, so it stops.
    /// </summary>
    private Dictionary<Node, FunctionEvents> IterateGroup(int group)
    {
        var members = order!.Members(group).Select(Ref).OfType<FunctionRef>().ToList();
        var previous = new Dictionary<Node, FunctionEvents>();
        iterating[group] = true;
        try
        {
            for (int round = 0; round <= MaxCallDepth + 1; round++)
            {
                var next = new Dictionary<Node, FunctionEvents>();
                foreach (var m in members) next[m.Node] = WalkWith(m, new GroupView(group, previous));
                bool stable = round > 0 && members.All(m => next[m.Node].Events.Count == previous[m.Node].Events.Count);
                previous = next;
                if (stable) break;
            }
        }
        finally { iterating.Remove(group); }
        return previous;
    }

    /// <summary>A recursion group being iterated on this thread, with its members' summaries of the previous round.</summary>
    private sealed record GroupView(int Group, Dictionary<Node, FunctionEvents> Previous);
    [ThreadStatic] private static GroupView? view;
    [ThreadStatic] private static Dictionary<int, bool>? iteratingOnThread;
    private static Dictionary<int, bool> iterating => iteratingOnThread ??= [];
    private readonly ConcurrentDictionary<int, Lazy<Dictionary<Node, FunctionEvents>>> groupsDone = new();

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

    private readonly ConcurrentDictionary<Node, bool> hasGo = new();

    /// <summary>Whether a body contains a go statement (memoized).</summary>
    public bool HasGoStatement(FunctionRef fn) => hasGo.GetOrAdd(fn.Node, _ => fn.Body?.Descendants().Any(n => n is GoStmt) ?? false);

    /// <summary>A channel variable every make of which has no buffer (see <see cref="ChannelCapacities"/>).</summary>
    public bool IsUnbuffered(Loc chan) => chan.Steps.Count == 0 && capacities.TryGetValue(chan.Root, out var c) && c == "0";

    /// <summary>A channel of capacity one: sending takes the token, receiving gives it back (a mutex).</summary>
    public bool IsSemaphore(Loc chan) => chan.Steps.Count == 0 && capacities.TryGetValue(chan.Root, out var c) && c == "1";
}
