using Vigil.Analysis;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Flow.Cfg;

/// <summary>
/// Finds the functions of the loaded program that provably never return
/// normally: every path through the body ends in a panic (or in a call that
/// never returns). Such a function's calls then end their block like
/// <c>panic</c> does. Computed package by package, dependencies first, and
/// within a package to a fixed point (a function that only calls another
/// always-panicking function always panics too).
/// </summary>
public static class NoReturnAnalysis
{
    public static NoReturnOracle For(ProgramCache cache, GoProgram program) =>
        cache.Get("flow.noreturn", () => Compute(program, cache.Find<NoReturnOracle>(ImportedKey)));

    /// <summary>The program-cache key of the no-return functions of packages loaded from export data (their facts).</summary>
    public const string ImportedKey = "flow.noreturn.imported";

    public static NoReturnOracle Compute(GoProgram program, NoReturnOracle? imported = null)
    {
        var oracle = imported ?? NoReturnOracle.Known;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pkg in program.Packages)
        {
            // Each function's statement-level calls, collected once (a package and
            // its test variant share files: each declaration is looked at once).
            var candidates = new List<(FuncDecl Decl, GoFunc Func, List<CallExpr> Calls)>();
            foreach (var file in pkg.Files)
                foreach (var fd in file.Syntax.Decls.OfType<FuncDecl>())
                {
                    if (fd.Body is null || pkg.Info.DefOf(fd.Name!) is not GoFunc f) continue;
                    if (!seen.Add(f.Key + "|" + file.Path)) continue;
                    var calls = StatementCalls(fd);
                    if (calls.Count > 0) candidates.Add((fd, f, calls));
                }
            // Rounds until nothing new: a function that always calls a function
            // found in the previous round is found in the next.
            bool changed = true;
            while (changed)
            {
                changed = false;
                var found = new List<KeyValuePair<string, NoReturnKind>>();
                for (int i = candidates.Count - 1; i >= 0; i--)
                {
                    var (fd, f, calls) = candidates[i];
                    if (!calls.Any(c => oracle.Classify(c, pkg.Info) != NoReturnKind.Returns)) continue;
                    var kind = NeverReturns(ControlFlowGraph.Build(fd, pkg.Info, oracle));
                    if (kind == NoReturnKind.Returns) continue;
                    found.Add(new(f.Key, kind));
                    candidates.RemoveAt(i);
                }
                if (found.Count > 0) { oracle = oracle.With(found); changed = true; }
            }
        }
        return oracle;
    }

    /// <summary>Whether a graph's exit is reached only by panicking or ending the process.</summary>
    public static NoReturnKind NeverReturns(ControlFlowGraph g)
    {
        bool panics = false, exits = false;
        foreach (var e in g.Exit.Preds)
        {
            if (!e.Source.IsReachable) continue;
            switch (e.Kind)
            {
                case EdgeKind.Panic: panics = true; break;
                case EdgeKind.ProcessExit: exits = true; break;
                default: return NoReturnKind.Returns;
            }
        }
        // A function that loops forever (exit unreachable) is left alone: servers' run loops are not panics.
        return panics ? NoReturnKind.Panics : exits ? NoReturnKind.ExitsProcess : NoReturnKind.Returns;
    }

    /// <summary>The calls made as statements of the function itself (not of its function literals): the only calls that end blocks.</summary>
    private static List<CallExpr> StatementCalls(FuncDecl fd)
    {
        var calls = new List<CallExpr>();
        // One delegate for the whole body (a local function passed on makes one per node).
        var walk = new SyntaxWalk(n =>
        {
            if (n is FuncLit) return false;
            if (n is ExprStmt { X: CallExpr call }) calls.Add(call);
            return n is Stmt;
        });
        fd.Body!.VisitChildren(walk.Walk);
        return calls;
    }
}
