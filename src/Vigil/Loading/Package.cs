using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Loading;

/// <summary>A parse, type or list error of a package: the package is still loaded.</summary>
public sealed record PackageError(string Kind, Location Location, string Message)
{
    public override string ToString() => Location.IsValid ? $"{Location}: {Message}" : Message;
}

/// <summary>
/// A package loaded from source: its files with their syntax trees, and the
/// type information that links syntax to types and objects.
/// </summary>
public sealed class Package
{
    /// <summary>go list's ImportPath, which names test variants: "p [p.test]".</summary>
    public string Id { get; internal set; } = "";
    public string Path { get; internal set; } = "";
    public string Name { get; internal set; } = "";
    public string Dir { get; internal set; } = "";
    public string ModulePath { get; internal set; } = "";
    public string GoVersion { get; internal set; } = "";
    public bool IsStandard { get; internal set; }
    /// <summary>For test variants and external test packages: the package under test.</summary>
    public string ForTest { get; internal set; } = "";
    /// <summary>
    /// Loaded from source only for facts: a dependency of a matched package, in
    /// the same project, that analyses see (summaries) but never report on.
    /// </summary>
    public bool IsDependency { get; internal set; }
    public GoPackage? Types { get; internal set; }
    public IReadOnlyList<PackageError> Errors { get; internal set; } = [];
    /// <summary>The package-level objects, in name order.</summary>
    public IReadOnlyList<GoObject> Scope { get; internal set; } = [];
    public IReadOnlyList<SourceFile> Files { get; internal set; } = [];
    public TypeInfo Info { get; internal set; } = null!;
    /// <summary>The package's nodes by id (index 0 is unused).</summary>
    public IReadOnlyList<Node> Nodes { get; internal set; } = [];
    /// <summary>The position of this package in the load (stream order).</summary>
    public int Index { get; internal set; }

    public bool HasErrors => Errors.Count > 0;
    public override string ToString() => Id;
}
