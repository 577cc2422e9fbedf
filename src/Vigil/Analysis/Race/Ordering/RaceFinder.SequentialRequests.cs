using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A test server asked one request at a time: the handler of <c>srv := httptest.NewServer(h)</c> runs once per request,
/// and when every request comes from the test's own goroutine, each sent after the previous one's response came back,
/// one call of the handler ends its part before the response before the next call starts.
/// <code>
/// backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
///     gotUA = r.Header.Get("User-Agent")   // before the handler answers: before the client's call returns
/// }))
/// for _, ua := range uas { res, _ := client.Do(req(ua)); res.Body.Close() }
/// </code>
/// Both accesses must come before the handler touches its <c>ResponseWriter</c> (after that, the client may already have
/// its response and send the next request). The test function must start no goroutine and no parallel subtest of its
/// own, name the server only as <c>srv.X</c> (never hand the server itself to other code), set no client timeout or
/// deadline (a request given up leaves its handler running), no test-file code reached from it may start goroutines
/// (they could send requests too), and no goroutine it reaches may call an HTTP client function (a crawler under test
/// with several workers); the HTTP client's own goroutines serve the call that started them.
/// </summary>
public sealed partial class RaceFinder
{
    private readonly Dictionary<Event, bool> sequentialServers = new(ReferenceEqualityComparer.Instance);

    /// <summary>Two instances of the handler started at <paramref name="s"/> never overlap at accesses <paramref name="a"/> and <paramref name="b"/>.</summary>
    private bool SequentialRequests(Event s, Event a, Event b, IReadOnlyList<Event> parent)
    {
        if (s.Spawn is not { Kind: SpawnKind.Handler }) return false;
        if (!sequentialServers.TryGetValue(s, out var seq)) sequentialServers[s] = seq = RequestsInSequence(s, parent);
        return seq && BeforeResponse(a) && BeforeResponse(b);
    }

    /// <summary>
    /// The test's own access <paramref name="p"/> against handler access <paramref name="c"/> before its response: the
    /// test sends every request and waits for its answer, so it runs outside every call of the handler's part before
    /// the response (<c>client.Do(req); res.Body.Close(); check(gotUA)</c>).
    /// </summary>
    private bool SequentialRequestsParent(Event s, Event p, Event c, IReadOnlyList<Event> parent)
    {
        if (s.Spawn is not { Kind: SpawnKind.Handler } || FunctionOf(s.Origin) is not { } fn
            || p.Origin.SourceFile.Package.Path != fn.SourceFile.Package.Path)
            return false;
        if (!sequentialServers.TryGetValue(s, out var seq)) sequentialServers[s] = seq = RequestsInSequence(s, parent);
        return seq && BeforeResponse(c);
    }

    private static readonly HashSet<string> GivingUp = ["Timeout", "ResponseHeaderTimeout", "WithTimeout", "WithDeadline", "SetDeadline", "Parallel"];

    /// <summary>The server is started directly in a test function that sends its requests one after another (see the class).</summary>
    private static bool RequestsInSequence(Event s, IReadOnlyList<Event> parent)
    {
        if (s.Site != s.Origin || ServerVar(s.Origin) is not { } srv || FunctionOf(s.Origin) is not { } fn) return false;
        var info = fn.SourceFile.Package.Info;
        foreach (var n in fn.Descendants())
            switch (n)
            {
                case GoStmt: return false;
                case SelectorExpr { Sel.Name: { } name } when GivingUp.Contains(name): return false;
                case Ident id when info.ObjectOf(id) == srv && !(id.Parent is SelectorExpr sel && sel.X == id)
                    && !(id.Parent is AssignStmt def && def.Lhs.Contains(id) && def.Rhs.Contains(s.Origin)) && id.Parent is not ValueSpec: return false;
            }
        // Goroutines the test's own code starts (a helper in a test file called from it) may send requests concurrently;
        // those of the code under test and of the HTTP client serve the call that started them.
        // Nor may any goroutine send requests itself (a crawler under test fetching with several workers).
        return parent.All(e => e.Kind != EventKind.Spawn || e.Spawn is { Kind: SpawnKind.Handler } && e.Site == e.Origin || !InTestFile(e.Origin) && !SendsRequests(e))
            && parent.Where(e => e.Kind == EventKind.Spawn && e.Spawn is { Kind: SpawnKind.Handler })
                .All(h => h.Spawn!.Child.All(c => c.Kind != EventKind.Spawn || !InTestFile(c.Origin) && !SendsRequests(c)));
    }

    private static readonly HashSet<string> RequestCalls = ["Do", "Get", "Head", "Post", "PostForm", "RoundTrip"];

    /// <summary>
    /// The goroutine started at <paramref name="spawn"/> calls an HTTP client function: in the function its start names,
    /// or in any function its events pass through (library calls need not leave events of their own).
    /// </summary>
    private static bool SendsRequests(Event spawn)
    {
        var bodies = new HashSet<Node>();
        if (spawn.Spawn!.Start is GoStmt { Call.Fun: FuncLit lit }) bodies.Add(lit);
        foreach (var e in spawn.Spawn.Child)
            foreach (var n in e.Path)
                if (FunctionOf(n) is { } fn) bodies.Add(fn);
        return bodies.Any(b => b.Descendants().Any(n => n is CallExpr call && call.Fun is SelectorExpr { Sel.Name: { } name }
            && RequestCalls.Contains(name) && Flow.Callees.StaticCallee(call, call.SourceFile.Package.Info) is { Package.Path: "net/http" }));
    }

    private static bool InTestFile(Node n) => n.SourceFile.Path.EndsWith("_test.go", StringComparison.Ordinal);

    /// <summary>
    /// The handler access runs before its handler first touches the <c>ResponseWriter</c>: no statement of the handler
    /// before the access's own mentions it, and that statement mentions it at most as a value it stores.
    /// </summary>
    private static bool BeforeResponse(Event a)
    {
        if (a.Deferred || FunctionOf(a.Site) is not { } h || ResponseWriterParam(h) is not { } w) return false;
        var body = h switch { FuncLit l => l.Body, FuncDecl d => d.Body, _ => null };
        if (body is null) return false;
        Node? stmt = a.Site;
        while (stmt != null && stmt.Parent != body) stmt = stmt.Parent;
        if (stmt is null or DeferStmt or GoStmt) return false;
        var info = h.SourceFile.Package.Info;
        bool Mentions(Node n) => n.Descendants().Any(d => d is Ident id && info.ObjectOf(id) == w);
        foreach (var st in body.List)
        {
            if (st == stmt)
                return !Mentions(st) || st is AssignStmt asg && asg.Rhs.All(r => r is Ident || !Mentions(r)) && !asg.Lhs.Any(Mentions);
            if (Mentions(st)) return false;
        }
        return false;
    }

    /// <summary>The handler's first parameter when it is a <c>net/http</c> <c>ResponseWriter</c>.</summary>
    private static GoVar? ResponseWriterParam(Node h)
    {
        var type = h switch { FuncLit l => l.Type, FuncDecl d => d.Type, _ => null };
        if (type?.Params?.List is not [{ Names: [var name, ..] } first, ..]) return null;
        var info = h.SourceFile.Package.Info;
        return info.TypeOf(first.Type!) is GoNamed { Obj: { Name: "ResponseWriter", Package.Path: "net/http" } } ? info.DefOf(name) as GoVar : null;
    }
}
