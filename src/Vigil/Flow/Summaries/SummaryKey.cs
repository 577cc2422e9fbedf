using Vigil.Flow.CallGraph;
using Vigil.Semantics;

namespace Vigil.Flow.Summaries;

/// <summary>
/// The stable identity of what a summary describes: a package path and an
/// object path within it ("net/http" + "Client.Do", "p" + "T.field",
/// "p" + "F$1" for F's first function literal, "p" + "" for the package
/// itself). The same in every load and every process, unlike object references.
/// </summary>
public readonly record struct SummaryKey(string Package, string Path) : IComparable<SummaryKey>
{
    public static SummaryKey ForPackage(string packagePath) => new(packagePath, "");

    /// <summary>The key of a function, method, type, field, variable or constant (generic origins for instantiations).</summary>
    public static SummaryKey Of(GoObject o)
    {
        o = o switch { GoFunc f => f.Origin, GoVar v => v.Origin, _ => o };
        string pkg = o.Package?.Path ?? "";
        string key = o.Key;
        string path = pkg.Length > 0 && key.StartsWith(pkg + ".", StringComparison.Ordinal) ? key[(pkg.Length + 1)..] : key;
        return new SummaryKey(pkg, path);
    }

    /// <summary>The key of a call-graph node (declared functions, function literals, package initializers).</summary>
    public static SummaryKey Of(CallGraphNode n)
    {
        if (n.Func is not null) return Of(n.Func);
        string pkg = n.Package?.Path ?? "";
        string path = pkg.Length > 0 && n.Key.StartsWith(pkg + ".", StringComparison.Ordinal) ? n.Key[(pkg.Length + 1)..] : n.Key;
        return new SummaryKey(pkg, path);
    }

    public bool IsPackage => Path.Length == 0;

    public int CompareTo(SummaryKey other)
    {
        int c = string.CompareOrdinal(Package, other.Package);
        return c != 0 ? c : string.CompareOrdinal(Path, other.Path);
    }

    public override string ToString() => IsPackage ? Package : Package.Length == 0 ? Path : $"{Package}.{Path}";
}
