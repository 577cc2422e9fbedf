using Vigil.Findings;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// <c>sync.WaitGroup.Add</c> called inside the goroutine it counts, racing with the starter's <c>Wait</c>:
///
/// <code>
/// for _, it := range items {
///     go func() {
///         wg.Add(1) // Wait below may run first and return while this goroutine still works
///         defer wg.Done()
///         ...
///     }()
/// }
/// wg.Wait()
/// </code>
///
/// The WaitGroup's documentation requires a positive Add that starts from a zero counter to happen before
/// the Wait; the race detector reports this Add against the Wait. Decided on the syntax of the function that
/// has the go statement: the goroutine is a function literal calling <c>X.Add</c> on the WaitGroup the
/// function waits on after the go statement, and nothing counted the goroutine before it started (no
/// <c>X.Add</c> before the go statement in that function: then the counter is already positive, and adding
/// for the goroutine's own children is allowed at any time).
/// </summary>
public static class WaitGroupAddInGoroutine
{
    public static IEnumerable<GuardedFields.Violation> Find(Package pkg)
    {
        foreach (var file in pkg.Files)
            foreach (var go in file.Syntax.Descendants().OfType<GoStmt>())
            {
                if (go.Call?.Fun is not FuncLit { Body: { } body }) continue;
                var starter = EnclosingBody(go);
                if (starter is null) continue;
                foreach (var add in OwnCalls(body, pkg.Info, "Add"))
                {
                    var key = Key(add.Group, pkg.Info);
                    if (key is null) continue;
                    var calls = OwnCalls(starter, pkg.Info, null).Where(c => Key(c.Group, pkg.Info) == key).ToList();
                    // Counted before it started: the goroutine's Add only adds to a positive counter.
                    if (calls.Any(c => c.Method == "Add" && c.Call.End.Offset <= go.Pos.Offset)) continue;
                    var wait = calls.FirstOrDefault(c => c.Method == "Wait" && c.Call.Pos.Offset >= go.End.Offset);
                    if (wait.Call is null) continue;
                    string wg = Text(add.Group);
                    string msg = $"data race: {wg}.Add called inside the goroutine started at {RaceReport.Short(go.Location)}, "
                        + $"racing with {wg}.Wait at {RaceReport.Short(wait.Call.Location)}: Wait can return before the goroutine "
                        + "has counted itself";
                    var related = new List<RelatedLocation>
                    {
                        new(go.Location, "the goroutine is started here, before anything counts it") { Flow = RaceReport.ThisFlow },
                        new(wait.Call.Location, $"the other access: {wg}.Wait") { Flow = RaceReport.OtherFlow },
                    };
                    yield return new GuardedFields.Violation(add.Call, add.Call, msg, related,
                        Advice: $"call {wg}.Add before the go statement, in the goroutine that waits");
                }
            }
    }

    private readonly record struct WgCall(CallExpr Call, Expr Group, string Method);

    /// <summary>The WaitGroup calls in <paramref name="body"/> outside nested function literals (which run when called, or later).</summary>
    private static IEnumerable<WgCall> OwnCalls(BlockStmt body, TypeInfo info, string? method)
    {
        var stack = new Stack<Node>();
        stack.Push(body);
        var children = new List<Node>();
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is CallExpr { Fun: SelectorExpr { Sel: { } sel, X: { } x } } call && (method is null || sel.Name == method)
                && info.ObjectOf(sel) is GoFunc { IsMethod: true, Package.Path: "sync" } f && f.ReceiverNamed?.Obj.Name == "WaitGroup"
                && f.Name is "Add" or "Wait")
                yield return new WgCall(call, x, f.Name);
            children.Clear();
            n.VisitChildren(children.Add);
            for (int i = children.Count - 1; i >= 0; i--)
                if (children[i] is not FuncLit) stack.Push(children[i]);
        }
    }

    /// <summary>The body of the function (declaration or literal) that contains <paramref name="n"/>.</summary>
    private static BlockStmt? EnclosingBody(Node n)
    {
        for (var p = n.Parent; p != null; p = p.Parent)
            switch (p)
            {
                case FuncLit lit: return lit.Body;
                case FuncDecl fd: return fd.Body;
            }
        return null;
    }

    /// <summary>The WaitGroup named: a variable, or a field path from one (<c>s.wg</c>); null for anything else.</summary>
    private static string? Key(Expr e, TypeInfo info) => e switch
    {
        ParenExpr { X: { } inner } => Key(inner, info),
        UnaryExpr { Op: Token.And, X: { } x } => Key(x, info),
        Ident id when info.ObjectOf(id) is GoVar v => $"{v.Location.Path}:{v.Location.Offset}",
        SelectorExpr { X: { } x, Sel: { } sel } when Key(x, info) is { } root => root + "." + sel.Name,
        _ => null,
    };

    private static string Text(Expr e) => e switch
    {
        ParenExpr { X: { } inner } => Text(inner),
        UnaryExpr { Op: Token.And, X: { } x } => Text(x),
        Ident id => id.Name,
        SelectorExpr s => Text(s.X!) + "." + s.Sel?.Name,
        _ => "wg",
    };
}
