using System.Collections.Immutable;
using Vigil.Findings;
using Vigil.Flow.Cfg;
using Vigil.Flow.Dataflow;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>A nil that reaches a dereference: where, what happens there, and the flow that leads to it.</summary>
public sealed record NilReport(Node Site, string Message, ImmutableList<RelatedLocation> Trace, GoFunc? Function)
{
    /// <summary>The callee whose nil result this is, when the nil comes from a call (see Fact.Origin).</summary>
    public string? Origin { get; init; }
    /// <summary>The expression that may be nil at the site (what a suggested nil check tests).</summary>
    public Expr? Subject { get; init; }
}

/// <summary>
/// Flow-sensitive nilness of one function body (a FuncDecl, or a function
/// literal analyzed on its own), computed on its control-flow graph with the
/// shared forward data-flow solver (<c>Vigil.Flow</c>). The state is the nil
/// facts per local access path (<see cref="FlowState"/>, joined by
/// <see cref="FlowLattice"/>); each node of a block is a transfer
/// (assignments, calls, dereferences); the True/False edges of nil checks,
/// comma-ok and err guards, switch and type-switch cases refine it. Once the
/// solver reaches its fixed point, each reachable block is replayed from its
/// entry state to collect what the fixed point implies: the function's
/// summary for callers and, when asked, the nil panics it finds.
/// </summary>
public sealed partial class FunctionAnalysis
{
    private readonly NilWorld world;
    private readonly Package pkg;
    private readonly TypeInfo info;
    private readonly Node root;           // FuncDecl or FuncLit
    private readonly ControlFlowGraph graph;
    private readonly GoFunc? func;        // null for function literals
    private readonly FuncType? type;
    private readonly BlockStmt? body;
    private readonly bool reporting;
    private readonly HashSet<int> untracked = [];        // GoVar ids never tracked: address taken, or assigned in a closure
    private readonly HashSet<int> closedChannels = [];   // local channel vars closed in a literal of the body (a goroutine), unordered
    private readonly HashSet<int> directCloses = [];     // local channel vars closed in the body itself
    private readonly Dictionary<int, NilReport> reports = [];
    private readonly List<GoVar> namedResults = [];
    private readonly Dictionary<int, int> paramIndex = [];  // GoVar id -> summary parameter index
    private FlowState S = FlowState.Entry();  // the state the transfer being run works on
    // False while the solver iterates (transfers only compute states); true in the
    // replay of the fixed point, where sinks report and returns feed the summary.
    private bool collecting;
    private Block? currentBlock;                 // the block being replayed
    private ReturnPaths? returnPaths;

    public FunctionSummary? Summary { get; }

    public FunctionAnalysis(NilWorld world, Package pkg, ControlFlowGraph graph, bool reporting)
    {
        this.world = world;
        this.pkg = pkg;
        info = pkg.Info;
        this.graph = graph;
        root = graph.Function;
        this.reporting = reporting;
        if (root is FuncDecl fd)
        {
            func = fd.Name is null ? null : info.DefOf(fd.Name) as GoFunc;
            type = fd.Type;
            body = fd.Body;
        }
        else if (root is FuncLit fl)
        {
            type = fl.Type;
            body = fl.Body;
        }
        if (func is not null)
        {
            var sig = func.Signature;
            Summary = new FunctionSummary(sig.Results.Count, sig.Params.Count + (sig.Recv is null ? 0 : 1));
        }
    }

    public IReadOnlyCollection<NilReport> Reports => reports.Values;

    /// <summary>Callees whose nil result this function checks (evidence that the nil is real).</summary>
    public IReadOnlyCollection<string> CheckedOrigins => checkedOrigins;
    private readonly HashSet<string> checkedOrigins = new(StringComparer.Ordinal);

    /// <summary>False when the solver's budget ran out: the function then has no summary facts and no reports.</summary>
    public bool Complete { get; private set; } = true;

    public void Run()
    {
        if (body is null) return;
        Prescan();
        EnterParameters();
        var result = DataflowSolver.Forward(graph, new DataflowProblem<FlowState>
        {
            Lattice = FlowLattice.Instance,
            Initial = S,
            TransferBlock = TransferBlock,
            TransferEdge = TransferEdge,
        });
        if (!result.Complete) { Complete = false; return; }

        collecting = true;
        world.Fields.BeginFunction(pkg, root);
        foreach (var b in graph.Blocks)
        {
            currentBlock = b;
            TransferBlock(b, result.In(b));
        }
        // Falling off the end returns the named results as they are (a bare return does so in Return);
        // a function none of whose returns is reachable never returns.
        var returnPoint = graph.DeferReturn ?? graph.Exit;
        bool returns = false;
        foreach (var e in returnPoint.Preds)
        {
            if (e.Kind != EdgeKind.Normal || !result.Out(e.Source).Reachable) continue;
            returns = true;
            if (func is not null && (e.Source.Nodes.Count == 0 || e.Source.Nodes[^1] is not ReturnStmt))
            {
                currentBlock = e.Source;
                S = result.Out(e.Source);
                Return(null, body.Rbrace);
            }
        }
        if (Summary is not null) Summary.NoReturn = !returns && !HasRecover();
        currentBlock = null;
    }

    /// <summary>The effect of a block: its nodes in order (the deferred calls of the exit blocks run later and are skipped).</summary>
    private FlowState TransferBlock(Block b, FlowState s)
    {
        if (!s.Reachable || b.Kind is BlockKind.DeferReturn or BlockKind.DeferPanic) return s;
        S = s;
        foreach (var n in b.Nodes)
        {
            if (!S.Reachable) break;
            Transfer(n);
        }
        return S;
    }

    /// <summary>Whether a dereference in the block being replayed happens on every call that returns.</summary>
    private bool OnEveryReturn() =>
        currentBlock is not null && (returnPaths ??= new ReturnPaths(graph)).OnEveryReturn(currentBlock);

    private bool HasRecover() => body!.Descendants().Any(n => n is CallExpr c && c.Fun is Ident { Name: "recover" });

    // ---- set-up -------------------------------------------------------

    private void Prescan()
    {
        foreach (var n in body!.Descendants())
        {
            // A closure assigning a variable declared outside it (seen from its innermost literal,
            // so nested literals cost one walk, not one per enclosing literal).
            if (n is AssignStmt or IncDecStmt or RangeStmt && InnermostLiteral(n) is { } lit)
            {
                IEnumerable<Expr> assigned = n switch
                {
                    AssignStmt a => a.Lhs,
                    IncDecStmt i => [i.X!],
                    RangeStmt r => new[] { r.Key, r.Value }.OfType<Expr>(),
                    _ => [],
                };
                foreach (var e in assigned)
                    if (e is Ident id && info.ObjectOf(id) is GoVar v && !Inside(v, lit)) untracked.Add(v.Id);
            }
            switch (n)
            {
                case UnaryExpr { Op: Token.And, X: Ident id } when info.ObjectOf(id) is GoVar v:
                    untracked.Add(v.Id);
                    break;
                case AssignStmt asg:
                    foreach (var l in asg.Lhs)
                    {
                        if (l is Ident li && info.ObjectOf(li) is GoVar av) assignedVars.Add(av.Id);
                        if (l is SelectorExpr { X: Ident bi, Sel: var fs } && info.UseOf(bi) is GoVar bv && fs is not null && info.UseOf(fs) is GoVar { IsField: true } fv)
                            assignedFields.Add(Key(bv) + ".f" + fv.Id);
                    }
                    break;
                case RangeStmt { Tok: Token.Assign } rs: // for _, m = range ms
                    foreach (var l in new[] { rs.Key, rs.Value })
                        if (l is Ident li && info.ObjectOf(li) is GoVar av) assignedVars.Add(av.Id);
                    break;
                case BinaryExpr { Op: Token.Eql or Token.Neq } cmp when info.IsNilLiteral(Unparen(cmp.X!)) || info.IsNilLiteral(Unparen(cmp.Y!)):
                    {
                        var other = Unparen(info.IsNilLiteral(Unparen(cmp.X!)) ? cmp.Y! : cmp.X!);
                        if (other is Ident oi && info.UseOf(oi) is GoVar ov) nilComparedVars.Add(ov.Id);
                        break;
                    }
                case CallExpr { Fun: Ident { Name: "close" }, Args: [Ident ch] } close when info.UseOf(ch) is GoVar cv:
                    // A close in this body is ordered by the flow (a fact on the channel's path, see
                    // Receive); one in a literal (a goroutine) only when it first waits for the receivers.
                    var fn = Flow.Cfg.FunctionGraphs.EnclosingFunction(close);
                    if (fn == root) directCloses.Add(cv.Id);
                    else if (fn is not null && ClosedChannels.Unordered(close, fn, info)) closedChannels.Add(cv.Id);
                    else break;
                    closeSites.TryAdd(cv.Id, n.Location);
                    break;
            }
        }
    }

    /// <summary>The innermost function literal inside this function's body that contains <paramref name="n"/>, or null.</summary>
    private FuncLit? InnermostLiteral(Node n)
    {
        for (var p = n.Parent; p is not null && p != body; p = p.Parent)
            if (p is FuncLit lit) return lit;
        return null;
    }

    private static bool Inside(GoObject o, Node n) =>
        o.Location.Path == n.SourceFile.Path && o.Location.Offset >= n.Pos.Offset && o.Location.Offset < n.End.Offset;

    private void EnterParameters()
    {
        int idx = 0;
        if (root is FuncDecl { Recv: { } recv })
        {
            foreach (var f in recv.List)
                foreach (var name in f.Names)
                    if (info.DefOf(name) is GoVar v) { paramIndex[v.Id] = 0; S = S.Set(Key(v), Fact.OfParam(0)); }
            idx = 1;
        }
        if (type?.Params is { } ps)
            foreach (var f in ps.List)
            {
                if (f.Names.Count == 0) { idx++; continue; }
                foreach (var name in f.Names)
                {
                    if (info.DefOf(name) is GoVar v && func is not null && !untracked.Contains(v.Id) && NilableType(v.Type))
                    {
                        paramIndex[v.Id] = idx;
                        S = S.Set(Key(v), Fact.OfParam(idx));
                    }
                    idx++;
                }
            }
        EnterCallbackParameters();
        if (type?.Results is { } rs)
            foreach (var f in rs.List)
                foreach (var name in f.Names)
                    if (info.DefOf(name) is GoVar v)
                    {
                        namedResults.Add(v);
                        if (Tracked(v) && NilableType(v.Type))
                            S = S.Set(Key(v), ZeroValueSource(v, name, $"named result {v.Name} starts as nil"));
                    }
    }

    /// <summary>
    /// The nil of a variable declared without a value. When the function assigns
    /// the variable later, the author believes it is set wherever it is used (a
    /// search loop, an exhaustive switch, correlated conditions): on std, nearly
    /// all such reports were false alarms. Such a nil is kept as a fact (a later
    /// `x == nil` check still makes its branch nil) but not reported (Origin
    /// "unchecked"). A variable never assigned is reported.
    /// </summary>
    private Fact ZeroValueSource(GoVar v, Ident at, string message)
    {
        var f = Fact.Source(at.Location, message);
        if (!assignedVars.Contains(v.Id)) return f;
        partials ??= new PartialAssignments(body!, info);
        return f with { Origin = UncheckedOrigin, PartialVar = partials.IsPartial(v.Id) ? v.Id : null };
    }

    private PartialAssignments? partials;
    private bool receiverReported;

    /// <summary>An origin no check ever confirms: facts carrying it are never reported.</summary>
    internal const string UncheckedOrigin = "unchecked";

    private readonly HashSet<int> assignedVars = [];
    private readonly HashSet<string> assignedFields = new(StringComparer.Ordinal); // "v<var>.f<field>" assigned somewhere in the body
    private readonly HashSet<int> nilComparedVars = [];

    // ---- paths ----------------------------------------------------------

    // Made once per variable and analysis: the solver evaluates each use at every visit of its block.
    private string Key(GoVar v)
    {
        if (!varKeys.TryGetValue(v.Id, out var key)) varKeys[v.Id] = key = $"v{v.Id}";
        return key;
    }
    private readonly Dictionary<int, string> varKeys = [];

    private bool Tracked(GoVar v) => !v.IsField && !v.IsPackageLevel && !untracked.Contains(v.Id) && v.Name != "_"
        && (root is FuncDecl || Inside(v, root)); // a closure does not track what it captures

    /// <summary>The access path of an expression (a tracked local, then fields), or null.</summary>
    private string? PathOf(Expr? e)
    {
        switch (e)
        {
            case ParenExpr p: return PathOf(p.X);
            case Ident id when id.Name != "_" && info.ObjectOf(id) is GoVar v && Tracked(v): return Key(v);
            case SelectorExpr s when info.SelectionOf(s) is { Kind: SelectionKind.FieldVal, Obj: GoVar f }:
                var x = PathOf(s.X);
                return x is null ? null : $"{x}.f{f.Id}";
            default: return null;
        }
    }

    /// <summary>
    /// Types whose nil value panics when used: pointers, interfaces, maps, channels, functions (not slices);
    /// a type parameter only when every type of its type set is one of those (see <see cref="TypeParams"/>).
    /// </summary>
    internal static bool NilableType(GoType? t) =>
        t?.Unalias() is GoTypeParam tp ? TypeParams.AllNilable(tp) : t?.Underlying is GoPointer or GoInterface or GoMap or GoChan or GoSignature;

    // ---- reporting ----------------------------------------------------------

    // Kept: every return of every pass names the function in its traces.
    private string FuncName => funcName ??= func?.FullName is { } n ? ShortName(n) : "function literal";
    private string? funcName;

    internal static string ShortName(string fullName)
    {
        // "(*example.com/x/p.T).M" -> "(*p.T).M"; "a/b.F" -> "b.F"
        var sb = new System.Text.StringBuilder();
        int start = 0;
        for (int i = 0; i < fullName.Length; i++)
        {
            char c = fullName[i];
            if (c is '(' or '*' or ')' or ' ' or '[' or ',') { sb.Append(fullName, start, i - start + 1); start = i + 1; }
            else if (c == '/') start = i + 1;
        }
        sb.Append(fullName, start, fullName.Length - start);
        return sb.ToString();
    }

    /// <summary>A use of <paramref name="f"/> that panics if it is nil: report it, or record a parameter requirement.</summary>
    private void Sink(Expr subject, Fact f, Node site, string action) => SinkInCallee(subject, f, site, action, null);

    /// <summary>
    /// A use that panics on nil, directly or (with <paramref name="calleeTrace"/>) in the callee
    /// the value is passed to, whose own dereference explains why.
    /// </summary>
    private void SinkInCallee(Expr subject, Fact f, Node site, string action, ImmutableList<RelatedLocation>? calleeTrace)
    {
        if (!S.Reachable) return;
        if (collecting) Collect(subject, f, site, action, calleeTrace);
        // After the use, the value is known non-nil on the paths that go on.
        if (PathOf(subject) is { } p && f.Kind != Nilness.NonNil) S = S.Refine(p, Fact.Checked);
    }

    private void Collect(Expr subject, Fact f, Node site, string action, ImmutableList<RelatedLocation>? calleeTrace)
    {
        var at = site.Location;
        if (f.Kind == Nilness.Nilable)
        {
            if (!reporting || inFailureReport > 0 || reports.ContainsKey(site.Id) || NilFromOutsideTest(f) || DeliberateCrashInTest(subject, f)) return;
            var trace = Fact.Append(f.Trace, new RelatedLocation(at, action));
            foreach (var step in calleeTrace ?? []) trace = Fact.Append(trace, step);
            // The nil of a variable one optional branch assigns, used after that branch: reported as it is.
            var origin = f is { Origin: UncheckedOrigin, PartialVar: { } pv } && partials!.UsedAfterBranch(pv, site) ? null : f.Origin;
            reports[site.Id] = new NilReport(site, $"nil panic: {ExprText.Of(subject)} may be nil here ({action})", trace, func) { Origin = origin, Subject = subject };
        }
        else if (f.Kind == Nilness.Param && f.ParamIndex == 0 && reporting && !receiverReported && func is { IsMethod: true }
            && world.Receivers.Promised(func) is { } promise && PathOf(subject) is { } sp && !sp.Contains('.'))
        {
            // A method of a type whose methods accept a nil receiver, using its own unchecked.
            receiverReported = true;
            var named = func.ReceiverNamed!.Obj.Name;
            var trace = ImmutableList.Create(
                new RelatedLocation(func.Location, $"{promise.Checked} of the {promise.Total} pointer methods of {named} check their receiver for nil first: callers may call them on a nil {named}"),
                new RelatedLocation(at, action));
            reports[site.Id] = new NilReport(site, $"nil panic: {ExprText.Of(subject)} may be nil here ({action})", trace, func);
        }
        if (f.Kind == Nilness.Param && Summary is not null && f.ParamIndex < Summary.Params.Length && OnEveryReturn())
        {
            var step = ImmutableList.Create(new RelatedLocation(at, $"{FuncName} {ParamName(f.ParamIndex)}: {action}"));
            Summary.Params[f.ParamIndex] ??= calleeTrace is null ? step : step.AddRange(calleeTrace.Take(Fact.MaxTrace - 1));
        }
    }

    private string ParamName(int index)
    {
        if (func is null) return "parameter";
        var sig = func.Signature;
        if (sig.Recv is not null)
        {
            if (index == 0) return $"receiver {sig.Recv.Name}";
            index--;
        }
        return index < sig.Params.Count ? $"parameter {sig.Params[index].Name}" : "parameter";
    }
}
