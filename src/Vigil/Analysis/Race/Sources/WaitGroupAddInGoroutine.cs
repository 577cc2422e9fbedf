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
                var starter = FunctionScope.EnclosingBody(go);
                if (starter is null) continue;
                foreach (var add in OwnCalls(body, pkg.Info, "Add"))
                {
                    var key = FunctionScope.VariablePath(add.Group, pkg.Info);
                    if (key is null) continue;
                    var calls = OwnCalls(starter, pkg.Info, null).Where(c => FunctionScope.VariablePath(c.Group, pkg.Info) == key).ToList();
                    // Counted before it started: the goroutine's Add only adds to a positive counter.
                    if (calls.Any(c => c.Method == "Add" && c.Call.End.Offset <= go.Pos.Offset)) continue;
                    var wait = calls.FirstOrDefault(c => c.Method == "Wait" && c.Call.Pos.Offset >= go.End.Offset);
                    if (wait.Call is null) continue;
                    // The goroutine reports after its Add on a channel the starter receives from before Wait: ordered.
                    if (SignalledBeforeWait(body, add.Call, starter, go, wait.Call, pkg.Info)) continue;
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

    /// <summary>
    /// After the Add, the goroutine sends on (or closes) a channel that the starter receives from (or ranges over)
    /// between the go statement and the Wait: the Add happens before the Wait (<c>wg.Add(1); waiting &lt;- true</c>,
    /// then the starter's <c>&lt;-waiting</c> for each goroutine).
    /// </summary>
    private static bool SignalledBeforeWait(BlockStmt goroutine, CallExpr add, BlockStmt starter, GoStmt go, CallExpr wait, TypeInfo info)
    {
        var signalled = FunctionScope.OwnNodes(goroutine)
            .Where(n => n.Pos.Offset >= add.End.Offset)
            .Select(n => n switch
            {
                SendStmt { Chan: { } ch } => ch,
                CallExpr { Fun: Ident { Name: "close" }, Args: [var ch] } => ch,
                _ => null,
            })
            .Where(ch => ch is not null)
            .Select(ch => FunctionScope.VariablePath(ch!, info))
            .Where(k => k is not null)
            .ToHashSet();
        if (signalled.Count == 0) return false;
        return FunctionScope.OwnNodes(starter)
            .Where(n => n.Pos.Offset >= go.End.Offset && n.End.Offset <= wait.Pos.Offset)
            .Select(n => n switch
            {
                UnaryExpr { Op: Token.Arrow, X: { } ch } => ch,
                RangeStmt { X: { } ch } => ch,
                _ => null,
            })
            .Any(ch => ch is not null && FunctionScope.VariablePath(ch, info) is { } k && signalled.Contains(k));
    }

    private readonly record struct WgCall(CallExpr Call, Expr Group, string Method);

    /// <summary>The WaitGroup calls in <paramref name="body"/> outside nested function literals (which run when called, or later).</summary>
    private static IEnumerable<WgCall> OwnCalls(BlockStmt body, TypeInfo info, string? method) =>
        FunctionScope.OwnNodes(body).OfType<CallExpr>()
            .Where(c => c.Fun is SelectorExpr { Sel: { } sel } && (method is null || sel.Name == method)
                && info.ObjectOf(sel) is GoFunc { IsMethod: true, Package.Path: "sync", Name: "Add" or "Wait" } f
                && f.ReceiverNamed?.Obj.Name == "WaitGroup")
            .Select(c => new WgCall(c, ((SelectorExpr)c.Fun!).X!, ((SelectorExpr)c.Fun!).Sel!.Name));

    private static string Text(Expr e) => e switch
    {
        ParenExpr { X: { } inner } => Text(inner),
        UnaryExpr { Op: Token.And, X: { } x } => Text(x),
        Ident id => id.Name,
        SelectorExpr s => Text(s.X!) + "." + s.Sel?.Name,
        _ => "wg",
    };
}
