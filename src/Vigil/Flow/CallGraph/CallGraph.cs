using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Flow.CallGraph;

/// <summary>How a call site reaches its callee.</summary>
public enum CallKind
{
    /// <summary>A function or concrete method called by name (promoted methods, method expressions on concrete types and generic instantiations included), or a function literal called where it is written.</summary>
    Static,
    /// <summary>A method called through an interface (or a type parameter's constraint): one edge per implementation among the loaded types that are converted to interfaces.</summary>
    Interface,
    /// <summary>A call of a function value (a variable, parameter, struct field or method value) whose possible values were followed back to functions, literals or methods.</summary>
    FuncValue,
    /// <summary>A call whose target is not known (see <see cref="CallEdge.Unresolved"/>); the edge has no callee.</summary>
    Dynamic,
}

/// <summary>Why a call stays (partly) unresolved.</summary>
public enum UnresolvedReason
{
    None,
    /// <summary>An interface method with no implementation among the loaded types.</summary>
    NoImplementation,
    /// <summary>A function-typed parameter of a function whose callers are not all known (exported, a method, a literal, or used as a value).</summary>
    Parameter,
    /// <summary>A function-typed struct field assigned somewhere not followed (or never assigned in loaded code).</summary>
    Field,
    /// <summary>A function-typed variable assigned something not followed.</summary>
    Variable,
    /// <summary>A function value returned by a call.</summary>
    CallResult,
    /// <summary>A function value read from a map, slice, array or channel.</summary>
    Element,
    /// <summary>Any other expression (type assertion, conversion...).</summary>
    Other,
}

/// <summary>Whether the call runs in the caller, in a new goroutine, or at the caller's exit.</summary>
public enum CallMode { Call, Go, Defer }

/// <summary>
/// A function of the program: a declared function or method (identified by
/// <see cref="GoObject.Key"/> of its generic origin) or a function literal
/// (identified by its enclosing function's key and its ordinal, "pkg.F$1",
/// "pkg.F$1$2"). Functions from packages not loaded from source have no syntax.
/// </summary>
public sealed class CallGraphNode
{
    internal CallGraphNode(string key, GoFunc? func, Node? syntax, Package? package)
    {
        Key = key;
        Func = func;
        Syntax = syntax;
        Package = package;
    }

    /// <summary>The stable identity: package path + object path.</summary>
    public string Key { get; }
    /// <summary>The declared function or method (its generic origin); null for function literals and synthetic nodes.</summary>
    public GoFunc? Func { get; }
    /// <summary>The FuncDecl or FuncLit, when loaded from source; for a package's initializer node, the package's first file.</summary>
    public Node? Syntax { get; internal set; }
    /// <summary>The package whose source declares it, when loaded from source.</summary>
    public Package? Package { get; internal set; }
    public IReadOnlyList<CallEdge> Out => outEdges;
    internal readonly List<CallEdge> outEdges = [];
    public IReadOnlyList<CallEdge> In => inEdges;
    internal readonly List<CallEdge> inEdges = [];

    public bool IsLiteral => Syntax is FuncLit;
    public override string ToString() => Key;
}

/// <summary>One possible target of one call site (a site with several possible targets has several edges).</summary>
public sealed class CallEdge
{
    internal CallEdge(CallGraphNode caller, CallGraphNode? callee, Node site, CallKind kind, CallMode mode, UnresolvedReason unresolved)
    {
        Caller = caller; Callee = callee; Site = site; Kind = kind; Mode = mode; Unresolved = unresolved;
    }

    public CallGraphNode Caller { get; }
    /// <summary>Null for <see cref="CallKind.Dynamic"/> edges.</summary>
    public CallGraphNode? Callee { get; }
    /// <summary>
    /// The CallExpr; or, for the implicit call of an iterator by a range over
    /// a function (Go 1.23), the RangeStmt (<see cref="IsIteratorCall"/>).
    /// </summary>
    public Node Site { get; }
    /// <summary>Whether the edge is a range-over-func loop calling its iterator (the loop body runs as the iterator's yield).</summary>
    public bool IsIteratorCall => Site is RangeStmt;
    public CallKind Kind { get; }
    public CallMode Mode { get; }
    public UnresolvedReason Unresolved { get; }
    /// <summary>For calls of generic functions and methods: the type arguments of this instantiation.</summary>
    public IReadOnlyList<GoType> TypeArgs { get; internal set; } = [];

    public override string ToString() => $"{Caller} -> {Callee?.Key ?? "?"} ({Kind}{(Mode == CallMode.Call ? "" : ", " + Mode)})";
}

/// <summary>
/// The call graph of the whole loaded program (see <see cref="CallGraphBuilder"/>
/// for how each kind of call is resolved). Computed once per run:
/// <see cref="For(Analysis.Pass)"/>.
/// </summary>
public sealed class CallGraph
{
    private readonly Dictionary<string, CallGraphNode> nodes;
    private readonly Dictionary<Node, CallGraphNode> bySyntax;
    private readonly Dictionary<Node, List<CallEdge>> bySite;

    internal CallGraph(Dictionary<string, CallGraphNode> nodes, Dictionary<Node, CallGraphNode> bySyntax, Dictionary<Node, List<CallEdge>> bySite)
    {
        this.nodes = nodes;
        this.bySyntax = bySyntax;
        this.bySite = bySite;
        Nodes = nodes.Values.OrderBy(n => n.Key, StringComparer.Ordinal).ToArray();
    }

    public static CallGraph For(Analysis.Pass pass) => For(pass.Cache, pass.Program);

    public static CallGraph For(Analysis.ProgramCache cache, GoProgram program) =>
        cache.Get("flow.callgraph", () => CallGraphBuilder.Build(program));

    /// <summary>Every node, sorted by key.</summary>
    public IReadOnlyList<CallGraphNode> Nodes { get; }
    public IEnumerable<CallEdge> Edges => Nodes.SelectMany(n => n.Out);

    public CallGraphNode? Node(string key) => nodes.GetValueOrDefault(key);
    public CallGraphNode? Node(GoFunc f) => nodes.GetValueOrDefault(f.Origin.Key);
    /// <summary>The node of a FuncDecl or FuncLit loaded from source.</summary>
    public CallGraphNode? NodeOf(Node function) => bySyntax.GetValueOrDefault(function);
    /// <summary>The edges of one call site (empty for builtins and conversions), or of a range over a function (its iterator).</summary>
    public IReadOnlyList<CallEdge> EdgesOf(Node site) => bySite.TryGetValue(site, out var l) ? l : [];
    /// <summary>
    /// The functions reachable from <paramref name="roots"/> (roots included)
    /// along edges accepted by <paramref name="follow"/> (all by default; e.g.
    /// skip <see cref="CallMode.Go"/> edges to stay on one goroutine), in
    /// breadth-first order from the roots.
    /// </summary>
    public IReadOnlyList<CallGraphNode> ReachableFrom(IEnumerable<CallGraphNode> roots, Func<CallEdge, bool>? follow = null)
    {
        var seen = new HashSet<CallGraphNode>();
        var order = new List<CallGraphNode>();
        var queue = new Queue<CallGraphNode>();
        foreach (var r in roots)
            if (seen.Add(r)) { order.Add(r); queue.Enqueue(r); }
        while (queue.Count > 0)
            foreach (var e in queue.Dequeue().Out)
                if (e.Callee is { } c && (follow is null || follow(e)) && seen.Add(c))
                {
                    order.Add(c);
                    queue.Enqueue(c);
                }
        return order;
    }

    /// <summary>The functions a call site may call (known targets only).</summary>
    public IEnumerable<CallGraphNode> Callees(Node site) => EdgesOf(site).Where(e => e.Callee is not null).Select(e => e.Callee!);
}
