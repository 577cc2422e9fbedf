namespace Vigil.Config;

/// <summary>How serious a finding is, in SARIF's levels (the other formats map from these).</summary>
public enum Severity { Note, Warning, Error }

/// <summary>
/// The severity of each check's findings and the least severity that fails
/// the run (exit status 1): vigil.yaml's `severity:` and `fail-on:`, the
/// counterpart of golangci-lint's severity rules and issues-exit-code.
/// By default the checks are errors, vigil-directive (a malformed or unused
/// suppression) is a warning, and every reported finding fails the run.
/// </summary>
public sealed record Severities
{
    public static readonly Severities Default = new();

    /// <summary>Per check id ("vigil-nil"); a check not listed is an error, vigil-directive a warning.</summary>
    public IReadOnlyDictionary<string, Severity> ByCheck { get; init; } = new Dictionary<string, Severity>(StringComparer.Ordinal);
    /// <summary>Findings at this level or above make the exit status 1; null: no finding does.</summary>
    public Severity? FailOn { get; init; } = Severity.Note;

    public Severity Of(string check) =>
        ByCheck.TryGetValue(check, out var s) ? s : check == "vigil-directive" ? Severity.Warning : Severity.Error;

    public bool Fails(string check) => FailOn is { } least && Of(check) >= least;

    /// <summary>"error", "warning", "note": SARIF's level and vigil.yaml's spelling.</summary>
    public static string Name(Severity s) => s switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" };

    public static Severity? Parse(string text) => text switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "note" or "info" => Severity.Note,
        _ => null,
    };
}
