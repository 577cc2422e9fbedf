using Vigil.Loading;

namespace Vigil.Flow.CallGraph;

/// <summary>
/// Prints a call graph for people and golden tests: each function declared in
/// the given packages, then its calls in source order, one target a line:
/// <c>line:col -> target (kind[, go|defer])</c>, with <c>?</c> and the reason
/// for calls whose target is not known.
/// </summary>
public static class CallGraphPrinter
{
    public static void Write(TextWriter w, CallGraph g, IEnumerable<Package> packages)
    {
        var paths = packages.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var n in g.Nodes)
        {
            if (n.Package is null || !paths.Contains(n.Package.Path) || n.Out.Count == 0) continue;
            w.WriteLine(n.Key);
            var edges = n.Out.OrderBy(e => e.Site.Pos.Raw).ThenBy(e => e.Site.SourceFile.Path, StringComparer.Ordinal)
                .ThenBy(e => e.Callee?.Key ?? "", StringComparer.Ordinal);
            foreach (var e in edges)
            {
                var at = e.Site.Location;
                string target = e.Callee?.Key ?? "?";
                string kind = e.Kind == CallKind.Dynamic ? $"dynamic: {Reason(e.Unresolved)}" : e.Kind.ToString().ToLowerInvariant();
                string mode = e.IsIteratorCall ? ", range" : e.Mode == CallMode.Call ? "" : ", " + e.Mode.ToString().ToLowerInvariant();
                string targs = e.TypeArgs.Count == 0 ? "" : $" [{string.Join(", ", e.TypeArgs.Select(t => Semantics.TypeString.Of(t, null)))}]";
                w.WriteLine($"  {Path.GetFileName(at.Path)}:{at.Line}:{at.Column} -> {target}{targs} ({kind}{mode})");
            }
        }
    }

    public static string Reason(UnresolvedReason r) => r switch
    {
        UnresolvedReason.NoImplementation => "no implementation among loaded types",
        UnresolvedReason.Parameter => "function parameter with unknown callers",
        UnresolvedReason.Field => "struct field",
        UnresolvedReason.Variable => "variable",
        UnresolvedReason.CallResult => "result of a call",
        UnresolvedReason.Element => "element of a map, slice or channel",
        _ => "unknown target",
    };
}
