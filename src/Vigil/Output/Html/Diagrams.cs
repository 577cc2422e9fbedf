using Vigil.Analysis.Escape;
using Vigil.Findings;

namespace Vigil.Output.Html;

/// <summary>
/// Which picture a finding gets, by the shape of its trace: several flows
/// (a race's goroutines) become lanes; an escape becomes the call tree of its
/// annotated function; any other trace becomes a path through the functions
/// it crosses (a nil flow). A finding without a trace gets none.
/// </summary>
public sealed class Diagrams(ReportContext context, IReadOnlyList<Finding> all)
{
    public const string EscapeCheck = "vigil-escape";

    /// <summary>The escape findings of each annotated function, in report order.</summary>
    private readonly ILookup<string, Finding> escapes = all
        .Where(f => f.Check == EscapeCheck && f.Function is not null)
        .ToLookup(f => f.Function!, StringComparer.Ordinal);

    public string? For(Finding f, string id)
    {
        var steps = Step.Trace(f);
        var reported = Step.Reported(f);
        if (f.Flow is not null || steps.Select(s => s.Flow).Distinct().Count() > 1)
            return LanesDiagram.Draw(id, steps, reported, Where);
        if (f.Check == EscapeCheck && f.Function is { } fn)
            return CallTreeDiagram.Draw(id, SymbolNames.Short(fn), escapes[fn].Select(e => ChainOf(e, ReferenceEquals(e, f))).ToList());
        if (steps.Count > 0)
            return FlowDiagram.Draw(id, steps, reported, FunctionOf, Where);
        return null;
    }

    /// <summary>
    /// An escape's chain: its steps name the functions entered ("→ p.grow (p.go:43)"), the finding's message the
    /// allocation, which is where the last step is (the finding itself is placed at the call in the annotated function).
    /// </summary>
    private CallTreeDiagram.Chain ChainOf(Finding e, bool highlight) =>
        new(e.Related.Select(r => r.Message.StartsWith("→ ", StringComparison.Ordinal) ? r.Message[2..] : r.Message).ToList(),
            e.Message, Where(e.Related.Count > 0 ? Step.Trace(e)[^1] : Step.Reported(e)), highlight);

    /// <summary>"orders.go:45": short enough for a diagram; the step list below has the full path.</summary>
    public string Where(Step s) => s.Location.IsValid ? $"{Path.GetFileName(s.Location.Path)}:{s.Location.Line}" : Path.GetFileName(s.Location.Path);

    private string FunctionOf(Step s) => context.Sources.EnclosingFunction(s.Location);
}
