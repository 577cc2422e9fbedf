using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A lock held at every call site: an unexported helper that starts goroutines, is only ever called (never passed
/// as a value, started or deferred), and whose every caller holds a lock around the call
/// (<c>processConnectInit</c> runs under <c>nc.mu</c> at both of its call sites). Analyzed on its own, the helper
/// would start with no lock held and report what no caller can do. Its pairs are found from the callers instead,
/// which inline its events with the locks they really hold (they are analyzed: they start concurrency through the
/// helper). Helpers called without a lock somewhere stay roots of their own: inlining budgets could lose a pair.
/// </summary>
internal static class CallerContext
{
    /// <summary>The function declarations of <paramref name="pkg"/> whose pairs are found from their callers.</summary>
    public static HashSet<Node> AnalyzedInCallers(Package pkg, Summaries sums, HashSet<Node> starting)
    {
        // A helper qualifies only when every caller starts concurrency: with none starting, none does, and the walk
        // of every identifier of the package (most packages of a program) is skipped.
        if (starting.Count == 0) return [];
        var calls = new Dictionary<Node, List<(Node Caller, CallExpr Call)>>(); // helper declaration -> its call sites
        var disqualified = new HashSet<Node>();
        foreach (var file in pkg.Files)
            SyntaxScan.ForEach(file.Syntax, n =>
            {
                if (n is not Ident id) return;
                var sel = n.Parent is SelectorExpr s && s.Sel == n ? s : null;
                var obj = sel != null && pkg.Info.SelectionOf(sel) is { } selection ? selection.Obj : pkg.Info.ObjectOf(id);
                if (obj is not GoFunc f || sums.BodyOf(f) is not { Node: FuncDecl decl } || decl.Name == n) return;
                Node use = (Node?)sel ?? n;
                if (use.Parent is CallExpr call && call.Fun == use && call.Parent is not GoStmt and not DeferStmt
                    && Enclosing(call) is { } caller && caller != decl)
                {
                    if (!calls.TryGetValue(decl, out var list)) calls[decl] = list = [];
                    list.Add((caller, call));
                }
                else disqualified.Add(decl); // a value, a goroutine, a deferred or recursive call: analyzed on its own
            });
        var result = new HashSet<Node>();
        foreach (var (decl, callers) in calls)
        {
            var d = (FuncDecl)decl;
            if (disqualified.Contains(decl) || d.Name is null || IsExported(d.Name.Name) || d.Name.Name is "main" or "init") continue;
            // Every caller must start concurrency before any caller's summary is worth computing.
            if (callers.All(c => starting.Contains(c.Caller)) && callers.All(c => HoldsALock(new FunctionRef(c.Caller, pkg), c.Call, sums))) result.Add(decl);
        }
        return result;
    }

    /// <summary>
    /// The caller holds some lock around the call: every event the call inlines holds one lock in common (the
    /// helper's own lock acquires are recorded before they hold, so what they all share is the caller's). A call
    /// whose events were not inlined (budgets) says nothing, and the helper is analyzed on its own.
    /// </summary>
    private static bool HoldsALock(FunctionRef caller, CallExpr call, Summaries sums)
    {
        HashSet<HeldLock>? common = null;
        foreach (var e in sums.EventsOf(caller).Events)
        {
            if (e.Site != call) continue;
            if (common is null) common = [.. e.Locks.Where(h => !h.Once)];
            else common.IntersectWith(e.Locks);
            if (common.Count == 0) return false;
        }
        return common is { Count: > 0 };
    }

    private static bool IsExported(string name) => name.Length > 0 && char.IsUpper(name[0]);

    /// <summary>The function declaration or literal whose body holds <paramref name="n"/>.</summary>
    private static Node? Enclosing(Node n)
    {
        for (Node prev = n; prev.Parent is { } x; prev = x)
            if (x is FuncDecl fd && fd.Body == prev || x is FuncLit fl && fl.Body == prev) return x;
        return null;
    }
}
