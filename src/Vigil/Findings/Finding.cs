using Vigil.Syntax;

namespace Vigil.Findings;

/// <summary>One step of a finding's trace, or another place it names (a related position).</summary>
public sealed record RelatedLocation(Location Location, string Message)
{
    /// <summary>
    /// The thread of execution this step belongs to, for findings whose trace
    /// follows more than one goroutine (a race: "this access" and "the other
    /// access"). Steps with the same Flow form one SARIF threadFlow, in order;
    /// null means the finding's single flow. See docs/output.md.
    /// </summary>
    public string? Flow { get; init; }
    /// <summary>Where the step's code ends (go/analysis's Related.End), when known.</summary>
    public Location? End { get; init; }
    /// <summary>
    /// The locks held at this step when it is one of a race's accesses (empty:
    /// none); null for every other step. The HTML report draws them on the
    /// goroutine lanes; the text formats say them in the message.
    /// </summary>
    public IReadOnlyList<string>? Locks { get; init; }
}

/// <summary>One replacement of a byte range of a file, as go/analysis's TextEdit.</summary>
public sealed record TextEdit(string Path, int Start, int End, string NewText);

/// <summary>A change that would fix a finding, as go/analysis's SuggestedFix: independent of other fixes.</summary>
public sealed record SuggestedFix(string Message, IReadOnlyList<TextEdit> Edits);

/// <summary>
/// A problem found in the analyzed code: the check that found it, where, a
/// message in go vet's style, and the trace that explains it.
/// </summary>
public sealed record Finding
{
    /// <summary>The check's id as users write it, e.g. "vigil-nil".</summary>
    public required string Check { get; init; }
    public required Location Location { get; init; }
    public Location? End { get; init; }
    public required string Message { get; init; }
    /// <summary>The trace: each step with its position, in order.</summary>
    public IReadOnlyList<RelatedLocation> Related { get; init; } = [];
    /// <summary>The package (go list ImportPath) the finding belongs to.</summary>
    public string Package { get; init; } = "";
    /// <summary>The function the finding is in, for baselines ("pkg.F", "(*pkg.T).M").</summary>
    public string? Function { get; init; }
    /// <summary>
    /// The thread of execution the finding's own location belongs to, named
    /// as in RelatedLocation.Flow (a race: the goroutine of the reported
    /// access); null for the unnamed flow of an ordinary trace.
    /// </summary>
    public string? Flow { get; init; }
    /// <summary>
    /// What to do about the finding, in words ("check o != nil before this, or …"): shown after the
    /// trace in text, as "advice" in JSON, after the message in SARIF and the CI formats. Not part of
    /// the message, so baselines' keys and want-marked tests don't depend on its wording.
    /// </summary>
    public string? Advice { get; init; }
    /// <summary>The locks held at the reported access of a race (empty: none); null for other findings. See RelatedLocation.Locks.</summary>
    public IReadOnlyList<string>? Locks { get; init; }
    /// <summary>Edits that would fix the finding; emitted in JSON (suggested_fixes) and SARIF (fixes).</summary>
    public IReadOnlyList<SuggestedFix> SuggestedFixes { get; init; } = [];

    /// <summary>The message with the trace lines below it, as the want-harness matches it.</summary>
    public string FullText => Related.Count == 0 ? Message
        : Message + "\n" + string.Join("\n", Related.Select(r => $"\t{r.Location}: {r.Message}"));

    public static int Compare(Finding a, Finding b)
    {
        int c = string.CompareOrdinal(a.Location.Path, b.Location.Path);
        if (c != 0) return c;
        c = a.Location.Line.CompareTo(b.Location.Line);
        if (c != 0) return c;
        c = a.Location.Column.CompareTo(b.Location.Column);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Check, b.Check);
        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    }
}
