using Vigil.Flow;
using Vigil.Flow.CallGraph;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Workers a constructor starts that touch the value only for work other code hands them later:
///
/// <code>
/// func NewServer() *Server {
///     s := &amp;Server{}
///     s.workers = make(chan *job)
///     go s.worker(s.workers)           // waits for work
///     s.id = register(s)               // written after the start...
///     return s
/// }
/// func (s *Server) worker(ch chan *job) { for { j := &lt;-ch; s.handle(j) } }    // ...read only after a receive
/// func (s *Server) Serve() { ... s.workers &lt;- j }                             // the only sender
/// </code>
///
/// The goroutine's access comes after a receive on a channel field (in the same block of its function), and nothing
/// the starting function or the goroutine can call sends on (or closes) a channel kept in that field: the work
/// comes from calls other code makes on the value, after the starter returned, so the starter's accesses come first.
/// The starter must have allocated the value itself (<c>s := &amp;T{...}</c>, the access's root), so no one had it
/// before. The field's channels must go only to sends, receives, closes, <c>len</c>/<c>cap</c>, and to go
/// statements whose function only receives from that parameter (or starts itself again with it): a channel copied
/// anywhere else could be sent on unseen.
/// </summary>
internal sealed class WorkQueues
{
    /// <summary>The call graph nodes searched from the starter and the goroutine before giving up.</summary>
    public const int MaxReachable = 5000;

    private readonly GoProgram program;
    private readonly CallGraph graph;
    private readonly Summaries sums;
    private readonly Lazy<(Dictionary<GoVar, List<Node>> Senders, HashSet<GoVar> Escaping)> channels;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(CallGraphNode, CallGraphNode, GoVar), bool> decided = new();

    private WorkQueues(GoProgram program, CallGraph graph, Summaries sums)
    {
        (this.program, this.graph, this.sums) = (program, graph, sums);
        channels = new(Scan);
    }

    public static WorkQueues For(Pass pass, Summaries sums) => pass.Cache.Get("race.workqueues", () => new WorkQueues(pass.Program, CallGraph.For(pass), sums));

    public bool RulesOut(RacePair pair) =>
        pair.Starter is null && (Fed(pair.A, pair.B, pair.Root) || Fed(pair.B, pair.A, pair.Root));

    private bool Fed(Side g, Side parent, FunctionRef root)
    {
        if (g.Spawn is not { } sp || parent.Spawn is not null || sp.Start is not GoStmt { Call: { } call }) return false;
        if (!AllocatedIn(parent.Access.Loc!.Root, root)) return false;
        var info = sp.Start.SourceFile.Package.Info;
        if (Callees.StaticCallee(call, info) is not { } worker || graph.Node(worker) is not { } workerNode || graph.NodeOf(root.Node) is not { } rootNode) return false;
        var c = g.Access;
        foreach (var r in sp.Child)
        {
            if (r.Kind != EventKind.Acquire || r.Sync != SyncKind.Chan || r.Scope != null) continue;
            if (!r.Loc!.Root.Equals(parent.Access.Loc!.Root) || LastField(r.Loc) is not { } field) continue;
            // After a receive in the same block, or in the body of a range over the queue (a worker draining it).
            bool afterReceive = r.Origin is UnaryExpr { Op: Token.Arrow }
                ? Before(r.Site, c.Site)
                : r.Site == r.Origin && r.Origin.Parent is RangeStmt { Body: { } drained } range && range.X == r.Origin && HappensBefore.Within(c.Site, drained);
            if (!afterReceive) continue;
            if (Decide(rootNode, workerNode, field)) return true;
        }
        return false;
    }

    /// <summary>No sender of the field's channels is reachable from the starter or the worker, and the channels do not leave the field.</summary>
    private bool Decide(CallGraphNode root, CallGraphNode worker, GoVar field) =>
        decided.GetOrAdd((root, worker, field), _ =>
        {
            var (senders, escaping) = channels.Value;
            if (escaping.Contains(field) || senders.GetValueOrDefault(field) is not { } sites) return false;
            var reach = graph.ReachableFrom([root, worker]);
            if (reach.Count >= MaxReachable) return false;
            var funcs = reach.Select(n => n.Syntax).OfType<Node>().ToHashSet();
            // The worker closing its own queue (to drain what is left when told to stop) hands it no new work.
            return !sites.Any(s => Enclosing(s) is { } f && funcs.Contains(f) && !(f == worker.Syntax && s.Parent is CallExpr { Fun: Ident { Name: "close" } }));
        });

    /// <summary>Where each channel field is sent on or closed, and the fields whose channels are used in any other way.</summary>
    private (Dictionary<GoVar, List<Node>>, HashSet<GoVar>) Scan()
    {
        var sends = new Dictionary<GoVar, List<Node>>();
        var other = new HashSet<GoVar>();
        foreach (var pkg in program.Packages)
            foreach (var file in pkg.Files)
            {
                var info = pkg.Info;
                SyntaxScan.ForEach(file.Syntax, n =>
                {
                    if (n is not SelectorExpr sel || FieldStores.FieldOf(sel, info) is not { } f || !HoldsChannels(f.Type)) return;
                    switch (Use(sel, info))
                    {
                        case ChanUse.Send:
                            if (!sends.TryGetValue(f, out var list)) sends[f] = list = [];
                            list.Add(sel);
                            break;
                        case ChanUse.Other:
                            other.Add(f);
                            break;
                    }
                });
            }
        return (sends, other);
    }

    private enum ChanUse { Harmless, Send, Other }

    /// <summary>How a read of a channel field (or of one of its elements) uses the channel.</summary>
    private ChanUse Use(SelectorExpr sel, TypeInfo info)
    {
        Node x = sel;
        // Down to the channel itself: s.chans[i].
        while (x.Parent is IndexExpr ix && ix.X == x || x.Parent is ParenExpr) x = x.Parent!;
        var p = x.Parent;
        if (info.TypeOf((Expr)x)?.Underlying is not GoChan)
            // The slice or map of channels itself: made, measured or assigned here; anything else lets channels out.
            return p is AssignStmt a && a.Lhs.Contains((Expr)x) || p is CallExpr { Fun: Ident { Name: "len" or "cap" } }
                || p is RangeStmt { Value: null } r0 && r0.X == x ? ChanUse.Harmless : ChanUse.Other;
        return p switch
        {
            SendStmt s when s.Chan == x => ChanUse.Send,
            UnaryExpr { Op: Token.Arrow } => ChanUse.Harmless,
            CallExpr { Fun: Ident { Name: "close" } } => ChanUse.Send,
            CallExpr { Fun: Ident { Name: "len" or "cap" } } => ChanUse.Harmless,
            AssignStmt a when a.Lhs.Contains((Expr)x) => ChanUse.Harmless,
            RangeStmt r when r.X == x => ChanUse.Harmless,
            CallExpr c when c.Parent is GoStmt && ReceiveOnlyParameter(c, (Expr)x, info) => ChanUse.Harmless,
            _ => ChanUse.Other,
        };
    }

    /// <summary>The go statement's function only receives from the parameter the channel is passed as (or passes it to a go statement of itself).</summary>
    private bool ReceiveOnlyParameter(CallExpr call, Expr arg, TypeInfo info)
    {
        int i = call.Args.ToList().IndexOf(arg);
        if (i < 0 || Callees.StaticCallee(call, info) is not { } f || sums.BodyOf(f)?.Node is not FuncDecl { Body: { } body, Type.Params: { } ps } fd) return false;
        var names = ps.List.SelectMany(l => l.Names.Count == 0 ? [null!] : l.Names).ToList();
        if (i >= names.Count || names[i] is not { } name) return false;
        var finfo = fd.SourceFile.Package.Info;
        if (finfo.DefOf(name) is not GoVar param) return false;
        foreach (var id in body.Descendants().OfType<Ident>())
        {
            if (finfo.ObjectOf(id) != param) continue;
            Node x = id;
            while (x.Parent is ParenExpr) x = x.Parent;
            bool ok = x.Parent is UnaryExpr { Op: Token.Arrow } || x.Parent is RangeStmt rs && rs.X == x
                || x.Parent is CallExpr again && again.Parent is GoStmt && Callees.StaticCallee(again, finfo)?.Origin == f.Origin
                   && again.Args.ToList().IndexOf((Expr)x) == i;
            if (!ok) return false;
        }
        return true;
    }

    private static bool HoldsChannels(GoType? t)
    {
        for (int depth = 0; t != null && depth < 4; depth++)
        {
            switch (t.Unalias().Underlying)
            {
                case GoChan: return true;
                case GoSlice s: t = s.Elem; break;
                case GoArray a: t = a.Elem; break;
                case GoMap m: t = m.Elem; break;
                default: return false;
            }
        }
        return false;
    }

    /// <summary>The root is a local the starter set to a new allocation (<c>s := &amp;T{...}</c>), never reassigned.</summary>
    /// <remarks>
    /// A constructor's result counts as made here (<c>w, err := sw.newWriter(id)</c>, whose <c>newWriter</c> does
    /// <c>w := &amp;sortedWriter{...}; go w.handleRequests(); return w, nil</c>): the race summaries link the callee's
    /// returned local to this variable (<see cref="ReturnedLocals"/>), so the constructor's goroutine is this value's.
    /// One constructor level is followed.
    /// </remarks>
    private bool AllocatedIn(GoVar root, FunctionRef f, bool throughCallee = true)
    {
        if (root.IsPackageLevel || !f.Declares(root) || f.Body is not { } body) return false;
        var info = f.Package.Info;
        var assigns = body.Descendants().OfType<AssignStmt>().Where(a => a.Lhs.Any(l => l is Ident id && info.ObjectOf(id) == root)).ToList();
        if (assigns is not [{ Tok: Token.Define, Rhs: [var r] } a]) return false;
        if (a.Lhs.Count == 1 && (r is UnaryExpr { Op: Token.And, X: CompositeLit } || r is CallExpr nc && Callees.Builtin(nc, info) is { Name: "new" }))
            return true;
        int index = a.Lhs.ToList().FindIndex(l => l is Ident id && info.ObjectOf(id) == root);
        return throughCallee && r is CallExpr call && Callees.StaticCallee(call, info) is { } callee && sums.BodyOf(callee) is { } made
            && sums.ReturnedLocal(made, index) is { } local && AllocatedIn(local, made, throughCallee: false);
    }

    /// <summary><paramref name="later"/> is inside a statement after <paramref name="first"/>'s in the block that holds first's statement.</summary>
    private static bool Before(Node first, Node later)
    {
        for (Node s = first; s.Parent is { } p && s is not (FuncDecl or FuncLit); s = p)
        {
            // `case req := <-w.reqCh: process(req)`: the case's body runs after its receive.
            if (p is CommClause cc && cc.Comm == s)
                return cc.Body.Any(t => later.Pos.Offset >= t.Pos.Offset && later.End.Offset <= t.End.Offset && later.SourceFile == t.SourceFile);
            if (p is BlockStmt b)
            {
                int i = b.List.ToList().IndexOf((Stmt)s);
                return b.List.Skip(i + 1).Any(t => later.Pos.Offset >= t.Pos.Offset && later.End.Offset <= t.End.Offset && later.SourceFile == t.SourceFile);
            }
        }
        return false;
    }

    private static GoVar? LastField(Loc l)
    {
        for (int i = l.Steps.Count - 1; i >= 0; i--)
            if (l.Steps[i] is { Kind: StepKind.Field, Field: { } f }) return f.Origin;
        return null;
    }

    private static Node? Enclosing(Node n)
    {
        for (var x = n.Parent; x != null; x = x.Parent)
            if (x is FuncDecl or FuncLit) return x;
        return null;
    }
}
