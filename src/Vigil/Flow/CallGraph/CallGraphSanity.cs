using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Flow.CallGraph;

/// <summary>
/// Checks a call graph's invariants against the program: every call site of
/// the walked packages that is not a conversion or a builtin call, and every
/// range over a function, has at least one edge (calls are never silently dropped); dynamic edges have no
/// callee and the others have one; each edge is in its caller's Out and its
/// callee's In. Returns the problems found.
/// </summary>
public static class CallGraphSanity
{
    public static List<string> Check(GoProgram program, CallGraph graph)
    {
        var problems = new List<string>();
        foreach (var pkg in CallGraphBuilder.SourcePackages(program))
        {
            var info = pkg.Info;
            foreach (var file in pkg.Files)
                new SyntaxWalk(n =>
                {
                    if (n is CallExpr call && call.Fun is not null && !info.IsType(call.Fun)
                        && Callees.CalleeObject(call, info) is not GoBuiltin && graph.EdgesOf(call).Count == 0)
                        problems.Add($"{call.Location}: call has no edge");
                    if (n is RangeStmt range && CallGraphBuilder.IsRangeOverFunc(range, info) && graph.EdgesOf(range).Count == 0)
                        problems.Add($"{range.Location}: range over a function has no edge to its iterator");
                    return true;
                }).Walk(file.Syntax);
        }
        foreach (var n in graph.Nodes)
            foreach (var e in n.Out)
            {
                if (e.Caller != n) problems.Add($"{e}: in the Out of {n.Key}");
                if ((e.Kind == CallKind.Dynamic) != (e.Callee is null)) problems.Add($"{e}: kind {e.Kind} with callee {e.Callee?.Key ?? "none"}");
                if (e.Callee is not null && !e.Callee.In.Contains(e)) problems.Add($"{e}: missing from its callee's In");
                if (e.Kind == CallKind.Dynamic && e.Unresolved == UnresolvedReason.None) problems.Add($"{e}: dynamic without a reason");
            }
        return problems;
    }
}
