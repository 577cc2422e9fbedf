using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// A channel of capacity 1 used as a token that a goroutine gives back when it is done:
///
/// <code>
/// pending := make(chan struct{}, 1)
/// write := func(reqs []*request) { db.writeRequests(reqs); &lt;-pending }   // gives the token back last
/// for {
///     ...
///     select {
///     case r = &lt;-db.writeCh: ...
///     case pending &lt;- struct{}{}:                // takes the token (blocks while a write runs)
///         goto writeCase
///     }
/// writeCase:
///     go write(reqs)
///     reqs = make([]*request, 0, 10)
/// }
/// ...
/// pending &lt;- struct{}{}; write(reqs); return        // the last write, after the token came back
/// </code>
///
/// The memory model: the k-th receive from a channel of capacity 1 is synchronized before the (k+1)-th send
/// completes. When each consumer of the token (a start of the goroutine, a direct call of its function, a receive of
/// the function's own) is preceded by its own send (every path to it from the function's entry and from every
/// consumer passes a send), a send that follows a start on every path completes only after every consumer before it
/// gave its token back, that goroutine included. So one instance's accesses before its receive happen before the next
/// instance starts, and before the starter's code that follows such a send.
/// The channel must be a local of the starting function made with capacity 1 and used only there: sent on in its own
/// body (not in a literal), received in its own body or once at the top level of one function literal held by a local
/// variable that is only started (<c>go write(...)</c>) or called (<c>write(...)</c>) as statements. Decided on the
/// function's control-flow graph (gotos and select cases included); without a graph nothing is ruled out.
/// </summary>
internal sealed class TokenChannels(CfgOrder? cfg, HappensBefore hb)
{
    /// <summary>A token channel and the function literal that gives it back.</summary>
    public sealed record TokenChannel(GoVar Channel, GoVar Worker, FuncLit Body, Node Function, List<Node> Consumers);

    private readonly Dictionary<Node, TokenChannel?> byStart = new();

    /// <summary>The token that orders the instances of the goroutine started at <paramref name="s"/>, or null.</summary>
    public TokenChannel? Of(FunctionRef root, Event s)
    {
        if (cfg is null || s.Path.Count != 1 || s.Origin is not GoStmt go) return null;
        if (!byStart.TryGetValue(go, out var token)) byStart[go] = token = Find(root, go);
        return token;
    }

    /// <summary>Child access <paramref name="c"/> happens before parent access <paramref name="p"/> (after the start) through the token.</summary>
    public bool Orders(TokenChannel t, Event s, Event p, Event c, IReadOnlyList<Event> child)
    {
        if (!GivenBackAfter(t, c, child)) return false;
        // p lies in the starting function's own body or in a call made there: its node on the graph.
        return cfg!.EveryPathPasses(t.Function, [s.Origin], p.Path[0], n => IsSend(n, t), fromEntry: false);
    }

    /// <summary>The goroutine's receive of the token follows its access <paramref name="c"/>.</summary>
    public bool GivenBackAfter(TokenChannel t, Event c, IReadOnlyList<Event> child) =>
        child.Any(e => e.Kind == EventKind.Acquire && e.Sync == SyncKind.Chan && e.Loc is { Steps.Count: 0 } l && l.Root == t.Channel
            && e.AtTop && e.Unconditional && hb.Follows(e, c));

    private TokenChannel? Find(FunctionRef root, GoStmt go)
    {
        var info = root.Package.Info;
        var body = root.Body;
        if (body is null || go.Call?.Fun is not Ident { } fv || info.UseOf(fv) is not GoVar { IsPackageLevel: false } worker) return null;
        // The worker: `w := func(...) { ...; <-ch }`, assigned once.
        FuncLit? lit = null;
        var consumers = new List<Node>();
        foreach (var id in body.Descendants().OfType<Ident>())
        {
            if (info.ObjectOf(id) != worker) continue;
            switch (id.Parent)
            {
                case AssignStmt { Tok: Token.Define, Lhs: [var l], Rhs: [FuncLit f] } when l == id && lit is null: lit = f; break;
                case CallExpr call when call.Fun == id && call.Parent is GoStmt g && g.Call == call && !InLiteral(g, body): consumers.Add(g); break;
                case CallExpr call when call.Fun == id && call.Parent is ExprStmt es && !InLiteral(es, body): consumers.Add(es); break;
                default: return null;
            }
        }
        if (lit?.Body is not { } litBody) return null;
        // The token: received once, as the literal's last statement.
        if (litBody.List is not [.., ExprStmt { X: var last }] || Unparen(last) is not UnaryExpr { Op: Token.Arrow, X: Ident chId }
            || info.UseOf(chId) is not GoVar { IsPackageLevel: false } ch)
            return null;
        bool made = false;
        foreach (var id in body.Descendants().OfType<Ident>())
        {
            if (info.ObjectOf(id) != ch) continue;
            if (id.Parent is AssignStmt { Tok: Token.Define, Lhs: [var l], Rhs: [CallExpr mk] } && l == id && !made
                && Flow.Callees.Builtin(mk, info) is { Name: "make" } && mk.Args.Count == 2 && info.ConstValue(mk.Args[1]) == "1")
            {
                made = true;
                continue;
            }
            if (id.Parent is SendStmt send && send.Chan == id && !InLiteral(send, body)) continue;
            if (id.Parent is UnaryExpr { Op: Token.Arrow } recv && recv.Parent is ExprStmt es)
            {
                if (es.Parent == litBody && litBody.List[^1] == es) continue; // the worker's own
                if (!InLiteral(es, body)) { consumers.Add(es); continue; }
            }
            return null;
        }
        if (!made || consumers.Count == 0) return null;
        var token = new TokenChannel(ch, worker, lit, root.Node, consumers);
        // Each consumer takes its own token: every way to it passes a send, from the entry and from every consumer.
        foreach (var x in consumers)
            if (!cfg!.EveryPathPasses(root.Node, consumers, x, n => IsSend(n, token), fromEntry: true)) return null;
        return token;
    }

    private static bool IsSend(Node n, TokenChannel t) =>
        n is SendStmt { Chan: Ident id } && id.SourceFile.Package.Info.UseOf(id) == t.Channel;

    /// <summary>The node lies in a function literal inside the body (another function's code).</summary>
    private static bool InLiteral(Node n, BlockStmt body)
    {
        for (Node? x = n.Parent; x != null && x != body; x = x.Parent)
            if (x is FuncLit) return true;
        return false;
    }
}
