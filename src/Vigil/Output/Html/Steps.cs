using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Output.Html;

/// <summary>
/// A place the report shows for a finding: its trace steps numbered from 1 in
/// trace order (the numbers the list, the excerpts and the diagrams share), and
/// the finding's own position as step 0.
/// </summary>
public sealed record Step(int Number, Location Location, string Message, string? Flow, IReadOnlyList<string>? Locks)
{
    public bool IsReported => Number == 0;

    /// <summary>The label a diagram gives the step: its number, or "!" for the reported position.</summary>
    public string Mark => IsReported ? "!" : Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Step Reported(Finding f) => new(0, f.Location, f.Message, f.Flow, f.Locks);

    /// <summary>The trace as numbered steps.</summary>
    public static IReadOnlyList<Step> Trace(Finding f) =>
        f.Related.Select((r, i) => new Step(i + 1, r.Location, r.Message, r.Flow, r.Locks)).ToList();

    /// <summary>Whether two positions are the same place (a trace's last step is often the finding itself).</summary>
    public static bool SamePlace(Location a, Location b) => a.Path == b.Path && a.Line == b.Line && a.Column == b.Column;
}
