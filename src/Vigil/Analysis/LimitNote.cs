using System.Collections.Concurrent;

namespace Vigil.Analysis;

/// <summary>
/// A budget of a check that some code of the run exceeded (docs/limits.md): the check
/// gave up on those subjects (functions, packages), so findings through them may be
/// missing. The run says so (a count on stderr, the list with VIGIL_DEBUG=1) rather
/// than drop them silently.
/// </summary>
/// <param name="Check">The check's id (vigil-nil).</param>
/// <param name="Limit">What happened to the subjects, as the summary line says it: "still changing when the inference budget (8 rounds) ran out".</param>
/// <param name="Doc">Where the budget is documented (docs/checks/nil.md#limits).</param>
/// <param name="Subjects">What hit it, sorted.</param>
public sealed record LimitNote(string Check, string Limit, string Doc, IReadOnlyList<string> Subjects)
{
    /// <summary>The summary line: what, how many, what it means, how to see them.</summary>
    public string Summary =>
        $"{Check}: {Subjects.Count} function{(Subjects.Count == 1 ? "" : "s")} {Limit} ({Doc}); findings through {(Subjects.Count == 1 ? "it" : "them")} may be missing (set VIGIL_DEBUG=1 to list {(Subjects.Count == 1 ? "it" : "them")})";
}

/// <summary>Collects limit notes from every pass, once per (check, limit, subject), whatever the scheduling.</summary>
public sealed class LimitNotes
{
    private readonly ConcurrentDictionary<(string Check, string Limit, string Doc), ConcurrentDictionary<string, bool>> hits = new();

    public void Add(string check, string limit, string doc, string subject) =>
        hits.GetOrAdd((check, limit, doc), _ => new(StringComparer.Ordinal)).TryAdd(subject, true);

    public IReadOnlyList<LimitNote> ToList() =>
        hits.OrderBy(h => h.Key.Check, StringComparer.Ordinal).ThenBy(h => h.Key.Limit, StringComparer.Ordinal)
            .Select(h => new LimitNote(h.Key.Check, h.Key.Limit, h.Key.Doc, h.Value.Keys.Order(StringComparer.Ordinal).ToList()))
            .ToList();
}
