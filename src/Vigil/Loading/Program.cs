using Vigil.Semantics;

namespace Vigil.Loading;

/// <summary>Everything one load produced: the packages loaded from source and every type and object they refer to.</summary>
public sealed class GoProgram
{
    private readonly StreamTables tables;

    internal GoProgram(IReadOnlyList<Package> packages, StreamTables tables, IReadOnlyList<string> warnings, LoadOptions options)
    {
        Options = options;
        Packages = packages;
        this.tables = tables;
        Warnings = warnings;
    }

    /// <summary>What was loaded, and how (patterns, directory, build tags, tests): analyses that run the Go tool again use the same settings.</summary>
    public LoadOptions Options { get; }

    /// <summary>The packages loaded from source, dependencies before dependents.</summary>
    public IReadOnlyList<Package> Packages { get; }
    /// <summary>What go list said on the side (e.g. a pattern that matched nothing).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public IEnumerable<GoObject> AllObjects => tables.Objects.All();
    public IEnumerable<GoType> AllTypes => tables.Types.All();

    public Package? FindPackage(string pathOrId) =>
        Packages.FirstOrDefault(p => p.Id == pathOrId) ?? Packages.FirstOrDefault(p => p.Path == pathOrId);
}
