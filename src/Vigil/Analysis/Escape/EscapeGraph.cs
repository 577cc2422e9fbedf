using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>
/// A place in one compiled function where something escapes. <see cref="Path"/>
/// is the sequence of source positions inside that function's machine code
/// that lead to it: when the site comes from inlined code, first the call
/// site in the function itself, then the call sites inside the inlined
/// callees, and last the site; otherwise just the site.
/// </summary>
public sealed record Site(EscapeReason Reason, string What, IReadOnlyList<SourcePos> Path)
{
    public SourcePos Pos => Path[^1];
}

/// <summary>A call the compiler kept (not inlined) from one compiled function to another; <see cref="Path"/> as for <see cref="Site"/>.</summary>
public sealed record Edge(string Target, IReadOnlyList<SourcePos> Path);

/// <summary>One compiled function with what escapes in its own code and whom it calls.</summary>
public sealed class GraphNode(CompiledFunction code, SourceFunction? home)
{
    public CompiledFunction Code { get; } = code;
    /// <summary>The source function the symbol was compiled from, when it is in the loaded packages.</summary>
    public SourceFunction? Home { get; } = home;
    public List<Site> Sites { get; } = [];
    public List<Edge> Edges { get; } = [];
    /// <summary>Whether any escape is reachable from here (after exemptions): the fixpoint over the call graph.</summary>
    public bool ReachesEscape { get; set; }
    public override string ToString() => Code.Symbol;
}

/// <summary>
/// The compiled program as Vigil reasons about it: every compiled function
/// with its escape sites and kept calls. Exempted sites and calls are left
/// out, so an exemption applies to every caller (gVisor's semantics).
/// </summary>
public sealed class EscapeGraph
{
    private readonly Dictionary<string, GraphNode> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<GraphNode>> byKey = new(StringComparer.Ordinal);

    public EscapeGraph(CompilerOutput output, SourceIndex index)
    {
        Index = index;
        var records = new Dictionary<(string, int), List<EscapeRecord>>();
        foreach (var r in output.Escapes)
            (records.GetValueOrDefault((r.Inner.File, r.Inner.Line)) ?? (records[(r.Inner.File, r.Inner.Line)] = [])).Add(r);
        var inliner = new InlineAttribution(index);

        foreach (var fn in output.Functions)
        {
            if (nodes.ContainsKey(fn.Symbol)) continue; // dupok: a generic instance or wrapper emitted by several packages
            var home = fn.Entry is { } entry ? index.FunctionAt(entry) : null;
            var node = new GraphNode(fn, home);
            nodes[fn.Symbol] = node;
            var key = SymbolNames.Normalize(fn.Symbol);
            (byKey.GetValueOrDefault(key) ?? (byKey[key] = [])).Add(node);
        }
        foreach (var node in nodes.Values)
            foreach (var call in node.Code.Calls)
                Classify(node, call, records, inliner);
        Fixpoint();
    }

    public SourceIndex Index { get; }
    /// <summary>Exemptions that matched at least one escape or escaping call.</summary>
    public HashSet<(string File, int Line)> UsedExemptions { get; } = [];

    public GraphNode? Find(string symbol) => nodes.GetValueOrDefault(symbol);

    /// <summary>The compiled functions of a source function: one, or one per shape instance of a generic one, plus its closures' symbols are separate.</summary>
    public IReadOnlyList<GraphNode> FunctionsOf(string key) =>
        (IReadOnlyList<GraphNode>?)byKey.GetValueOrDefault(key)?.OrderBy(n => n.Code.Symbol, StringComparer.Ordinal).ToList() ?? [];

    private void Classify(GraphNode node, AsmCall call, Dictionary<(string, int), List<EscapeRecord>> records, InlineAttribution inliner)
    {
        SourcePos pos = call.Pos;
        if (call.Target is null)
        {
            var (reason, what) = ClassifyIndirect(pos);
            AddSite(node, reason, what, inliner.PathTo(node.Home, pos));
            return;
        }
        if (RuntimeModel.Classify(call.Target) is { } rt)
        {
            string what = rt.What;
            IReadOnlyList<SourcePos> path;
            // The compiler's own words for the allocation at this line, with the exact column and the inline chain.
            var recs = records.GetValueOrDefault((pos.File, pos.Line));
            var mine = recs?.Where(r => RecordReason(r) == rt.Reason).ToList() ?? [];
            // Only this function's records: the same inlined callee line may allocate in one caller and not another.
            if (node.Home is { } home) mine = mine.Where(r => InHome(home, r.Outer)).ToList();
            if (mine.Count > 0)
            {
                what = string.Join("; ", mine.Select(r => r.Message).Distinct()) + (rt.Reason == EscapeReason.Builtin ? $" ({call.Target})" : "");
                var r0 = mine[0];
                path = Collapse(r0.InlineChain.Count > 0 ? [r0.Outer, .. r0.InlineChain] : [r0.Outer]);
            }
            else if (rt.Reason == EscapeReason.Stack)
                path = [pos];
            else
                path = inliner.PathTo(node.Home, pos);
            AddSite(node, rt.Reason, what, path);
            return;
        }
        // The ABI wrapper the compiler emits for an assembly function has the function's name and calls the assembly.
        if (call.Target == node.Code.Symbol && node.Home is null)
        {
            AddSite(node, EscapeReason.Unknown, $"call to {SymbolNames.Short(call.Target)}, implemented in assembly", [pos]);
            return;
        }
        if (nodes.ContainsKey(call.Target))
        {
            var path = inliner.PathTo(node.Home, pos);
            var edge = new Edge(call.Target, path);
            if (path.Any(Index.IsExempt)) exemptEdges.Add(edge);
            else node.Edges.Add(edge);
            return;
        }
        if (RuntimeModel.IsKnownClean(call.Target)) return;
        AddSite(node, EscapeReason.Unknown, $"call to {SymbolNames.Short(call.Target)}, whose code Vigil did not compile", inliner.PathTo(node.Home, pos));
    }

    private bool InHome(SourceFunction home, SourcePos p) => home.Contains(p) || home.Decl == Index.DeclarationAt(p)?.Decl;

    /// <summary>
    /// Whether the compiler's escape message is about an allocating builtin
    /// (make, conversions, concatenation) or a plain heap allocation, so that
    /// several escapes on one line are matched to the right runtime calls.
    /// </summary>
    internal static EscapeReason RecordReason(EscapeRecord r)
    {
        string m = r.Message;
        string expr = m.EndsWith(" escapes to heap", StringComparison.Ordinal) ? m[..^" escapes to heap".Length] : m;
        if (expr.StartsWith("make(", StringComparison.Ordinal) || expr.StartsWith("([]byte)(", StringComparison.Ordinal)
            || expr.StartsWith("([]rune)(", StringComparison.Ordinal) || expr.StartsWith("string(", StringComparison.Ordinal)
            || expr.Contains(" + ", StringComparison.Ordinal))
            return EscapeReason.Builtin;
        return EscapeReason.Heap;
    }

    /// <summary>Drops positions followed by another in the same function: a hop is a change of function.</summary>
    private IReadOnlyList<SourcePos> Collapse(IReadOnlyList<SourcePos> path)
    {
        var result = new List<SourcePos>();
        for (int i = 0; i < path.Count; i++)
        {
            if (i + 1 < path.Count && Index.DeclarationAt(path[i]) is { } d && d.Decl == Index.DeclarationAt(path[i + 1])?.Decl) continue;
            result.Add(path[i]);
        }
        return result;
    }

    /// <summary>Calls cut by an exemption; they count as used only if what they call escapes.</summary>
    private readonly List<Edge> exemptEdges = [];

    private void AddSite(GraphNode node, EscapeReason reason, string what, IReadOnlyList<SourcePos> path)
    {
        if (path.Any(Index.IsExempt)) { MarkExempt(path); return; }
        node.Sites.Add(new Site(reason, what, path));
    }

    private void MarkExempt(IReadOnlyList<SourcePos> path)
    {
        foreach (var p in path)
            if (Index.IsExempt(p)) UsedExemptions.Add((p.File, p.Line));
    }

    private (EscapeReason, string) ClassifyIndirect(SourcePos pos)
    {
        var calls = Index.CallsOnLine(pos);
        foreach (var c in calls)
            if (SourceIndex.InfoOf(c) is { } info && StaticCallees.IsInterfaceCall(c, info))
                return (EscapeReason.Interface, $"call through an interface: {Index.Text(c)}");
        foreach (var c in calls)
            if (SourceIndex.InfoOf(c) is { } info && StaticCallees.Resolve(c, info) is null && (info.ModeOf(c.Fun!) & Loading.ExprMode.Type) == 0
                && (info.ModeOf(c.Fun!) & Loading.ExprMode.Builtin) == 0)
                return (EscapeReason.Dynamic, $"call through a function value: {Index.Text(c)}");
        return (EscapeReason.Dynamic, "indirect call");
    }

    /// <summary>Which functions reach an escape, to a fixpoint (cycles included), so unused exemptions can be told apart.</summary>
    private void Fixpoint()
    {
        var callers = new Dictionary<GraphNode, List<GraphNode>>();
        var work = new Queue<GraphNode>();
        foreach (var n in nodes.Values.OrderBy(n => n.Code.Symbol, StringComparer.Ordinal))
        {
            foreach (var e in n.Edges)
                (callers.GetValueOrDefault(nodes[e.Target]) ?? (callers[nodes[e.Target]] = [])).Add(n);
            if (n.Sites.Count > 0) { n.ReachesEscape = true; work.Enqueue(n); }
        }
        // Backwards from the functions with escapes of their own: each caller is marked once, so cycles end.
        while (work.Count > 0)
            foreach (var caller in callers.GetValueOrDefault(work.Dequeue()) ?? [])
                if (!caller.ReachesEscape) { caller.ReachesEscape = true; work.Enqueue(caller); }
        foreach (var e in exemptEdges)
            if (nodes[e.Target].ReachesEscape) MarkExempt(e.Path);
    }
}
