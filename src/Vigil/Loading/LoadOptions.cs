namespace Vigil.Loading;

/// <summary>What to load: package patterns as `go list` takes them, from a working directory.</summary>
public sealed record LoadOptions
{
    public required IReadOnlyList<string> Patterns { get; init; }
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;
    /// <summary>Comma-separated build tags, passed to go list -tags.</summary>
    public string? Tags { get; init; }
    /// <summary>Load _test.go files and test packages (as go vet does).</summary>
    public bool Tests { get; init; } = true;
    /// <summary>Which dependencies are loaded from source for facts (see docs/facts.md).</summary>
    public FactScope Facts { get; init; } = FactScope.Project;
    /// <summary>
    /// Load one go vet unit instead of patterns: the front-end's unit mode
    /// type-checks only that package, its imports from the go command's export
    /// data (no go list, no dependency from source; Facts does not apply).
    /// </summary>
    public VetUnitSource? VetUnit { get; init; }
}

/// <summary>A vet.cfg file the go command wrote, and the id and test owner Vigil gives its package.</summary>
/// <param name="ConfigFile">The vet.cfg (JSON) path.</param>
/// <param name="Id">Vigil's package id, e.g. "p [p.test]".</param>
/// <param name="ForTest">The package whose tests the unit holds, or "" for a plain package.</param>
public sealed record VetUnitSource(string ConfigFile, string Id, string ForTest);

/// <summary>
/// Which dependencies of the matched packages are loaded from source and
/// analyzed for facts (never reported): a package's findings then depend on
/// it and these dependencies only, whatever else a run matched.
/// </summary>
public enum FactScope
{
    /// <summary>Dependencies in the same project as a matched package: its module, std for std, GOPATH for GOPATH.</summary>
    Project,
    /// <summary>Every dependency (slow: std is analyzed with every program).</summary>
    All,
    /// <summary>None: dependencies come from export data only, without summaries.</summary>
    None,
}
