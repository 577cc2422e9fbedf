using Vigil.Loading;

namespace Vigil.Flow.CallGraph;

internal sealed partial class ProgramFacts
{
    /// <summary>
    /// What one package's code tells the call graph (function values stored, types converted to
    /// interfaces, functions used as values), one sorted line per fact: part of the package's
    /// fact hash in the result cache, since a dependent's calls resolve through them.
    /// </summary>
    public static IEnumerable<string> DescribePackage(Package pkg)
    {
        var facts = new ProgramFacts();
        foreach (var file in pkg.Files)
            new SyntaxWalk(n =>
            {
                facts.Visit(n, pkg, pkg.Info);
                return true;
            }).Walk(file.Syntax);
        return facts.Describe();
    }

    private IEnumerable<string> Describe()
    {
        var lines = new List<string>();
        foreach (var (v, list) in Sources) lines.AddRange(list.Select(x => $"source {v.LineKey} {x.Value.Location}"));
        foreach (var (v, why) in Opaque) lines.Add($"opaque {v.LineKey} {why}");
        foreach (var (named, pointer) in Converted) lines.Add($"converted {named.Obj.LineKey} {pointer}");
        lines.AddRange(UsedAsValue.Select(k => "value " + k));
        foreach (var (v, list) in ElementSources) lines.AddRange(list.Select(x => $"element {v.LineKey} {x.Value.Location}"));
        lines.AddRange(OpaqueContainers.Select(v => "opaque-container " + v.LineKey));
        foreach (var (v, c) in RangesOver) lines.Add($"ranges {v.LineKey} {c.LineKey}");
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
