namespace Vigil.Analysis;

/// <summary>
/// An analysis, modelled on go/analysis: a name, its documentation, the
/// analyzers whose results it needs, and a function run once per package.
/// </summary>
public sealed class Analyzer
{
    /// <summary>Lowercase short name used in --checks (e.g. "nil"); findings carry "vigil-" + Name.</summary>
    public required string Name { get; init; }
    /// <summary>First line: a one-line summary; the rest: the check's documentation with examples.</summary>
    public required string Doc { get; init; }
    public IReadOnlyList<Analyzer> Requires { get; init; } = [];
    /// <summary>
    /// Optional: called by the command with the load's options just before
    /// loading, for work that needs only the patterns (the escape check starts
    /// its compile here, to run while the program loads). Must return at once.
    /// </summary>
    public Action<Loading.LoadOptions>? BeforeLoad { get; init; }
    /// <summary>Runs on one package; may report findings through the pass and return a result for dependents.</summary>
    public required Func<Pass, object?> Run { get; init; }

    public string CheckId => "vigil-" + Name;
    public string Summary => Doc.Split('\n')[0];
    public override string ToString() => Name;
}
