using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A test server's handler runs only for requests sent to the server, and nobody can send one before learning
/// its address: code after <c>srv := httptest.NewServer(h)</c> and before the first use of <c>srv</c>
/// (<c>srv.URL</c>, <c>srv.Client()</c>, passing <c>srv</c> on) runs before any call of the handler.
/// <code>
/// frontend := httptest.NewServer(proxy)
/// defer frontend.Close()             // runs at exit
/// proxy.Director = director          // no request yet: the handler has not run
/// http.Get(frontend.URL)
/// </code>
/// </summary>
public sealed partial class RaceFinder
{
    /// <summary>Parent access <paramref name="p"/> comes before the first use of the test server started at <paramref name="s"/>.</summary>
    private static bool BeforeServerUsed(Event p, Event s, IReadOnlyList<Event> parent)
    {
        if (s.Spawn is not { Kind: SpawnKind.Handler } || s.Site != s.Origin || p.Deferred || p.Seq < s.Seq || ServerVar(s.Origin) is not { } srv)
            return false;
        if (InLoop(s.Origin) || InLoop(p.Site) || FunctionOf(s.Origin) is not { } fn || FunctionOf(p.Site) != fn) return false;
        // Without loops, source order between the two points covers every path from one to the other. The variable is
        // defined by the call, so no closure made earlier can hold it.
        int from = s.Origin.End.Offset, to = p.Site.End.Offset; // the access's own call may pass the server on
        var info = fn.SourceFile.Package.Info;
        return !fn.Descendants().Any(d => d is Ident id && id.Pos.Offset >= from && id.Pos.Offset < to
            && info.ObjectOf(id) == srv && !InDeferStmt(id));
    }

    /// <summary>The variable that <c>v := httptest.NewServer(h)</c> (or <c>NewTLSServer</c>) defines.</summary>
    private static GoVar? ServerVar(Node start)
    {
        if (start is not CallExpr call || Flow.Callees.StaticCallee(call, call.SourceFile.Package.Info) is not { } f
            || f.Package?.Path != "net/http/httptest" || f.Name is not ("NewServer" or "NewTLSServer"))
            return null;
        var info = call.SourceFile.Package.Info;
        return call.Parent switch
        {
            AssignStmt { Lhs.Count: 1, Rhs.Count: 1, Tok: Token.Define } a when a.Rhs[0] == call && a.Lhs[0] is Ident id => info.ObjectOf(id) as GoVar,
            ValueSpec { Names.Count: 1, Values.Count: 1 } vs when vs.Values[0] == call => info.ObjectOf(vs.Names[0]) as GoVar,
            _ => null,
        };
    }

    private static Node? FunctionOf(Node n)
    {
        for (Node? x = n.Parent; x != null; x = x.Parent)
            if (x is FuncDecl or FuncLit) return x;
        return null;
    }

    private static bool InLoop(Node n)
    {
        for (Node? x = n.Parent; x != null && x is not (FuncDecl or FuncLit); x = x.Parent)
            if (x is ForStmt or RangeStmt) return true;
        return false;
    }

    private static bool InDeferStmt(Node n)
    {
        for (Node? x = n; x != null && x is not (FuncDecl or FuncLit); x = x.Parent)
            if (x is DeferStmt) return true;
        return false;
    }
}
