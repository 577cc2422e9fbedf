using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Unexported helpers that start goroutines and are only ever called, never passed as values or started
/// themselves: each caller inlines the helper's events with the locks and orderings the caller really has
/// (<c>processConnectInit</c> runs under <c>nc.mu</c> at both of its call sites). Analyzed on its own, the helper
/// would start with no lock held and report what no caller can do. Its pairs are found from the callers instead,
/// which must themselves be analyzed (they start concurrency through the helper).
/// </summary>
internal static class CallerContext
{
    /// <summary>The function declarations of <paramref name="pkg"/> whose pairs are found from their callers.</summary>
    public static HashSet<Node> AnalyzedInCallers(Package pkg, Summaries sums, HashSet<Node> starting)
    {
        var calls = new Dictionary<Node, List<Node>>(); // helper declaration -> the functions that call it
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
                    list.Add(caller);
                }
                else disqualified.Add(decl); // a value, a goroutine, a deferred or recursive call: analyzed on its own
            });
        var result = new HashSet<Node>();
        foreach (var (decl, callers) in calls)
        {
            var d = (FuncDecl)decl;
            if (disqualified.Contains(decl) || d.Name is null || IsExported(d.Name.Name) || d.Name.Name is "main" or "init") continue;
            if (callers.All(starting.Contains)) result.Add(decl);
        }
        return result;
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
