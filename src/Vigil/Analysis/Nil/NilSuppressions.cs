using Vigil.Filtering;
using Vigil.Findings;
using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// The lines of the program that a <c>//nolint:vigil-nil</c> (or
/// <c>//nolint:vigil</c>, <c>//lint:ignore vigil-nil</c>...) covers, read with
/// the same scanner and scope rules as Vigil's suppression filter
/// (<see cref="DirectiveScanner"/>): a trailing directive covers its line, one
/// above a declaration or statement covers all of it.
/// <para>
/// The filter hides a finding only by its own position. The nil check also
/// needs to know which flows pass through a suppressed line: a dereference
/// the user silenced in a callee must not come back as a finding in each of
/// its callers (see <see cref="Inference"/>).
/// </para>
/// </summary>
public sealed class NilSuppressions
{
    private readonly Dictionary<string, List<(int From, int To)>> byFile = new(StringComparer.Ordinal);

    public NilSuppressions(GoProgram program)
    {
        var sources = new SourceFiles(program, includeDependencies: true); // a flow through a dependency's silenced line too
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { CheckId };
        var problems = new List<DirectiveProblem>(); // reported by the filter, not here
        foreach (var file in sources.All)
        {
            if (!MayHaveDirective(file)) continue;
            foreach (var d in DirectiveScanner.Scan(file, sources, known, nolintNeedsReason: false, problems))
                if (d.Covers(CheckId))
                {
                    if (!byFile.TryGetValue(file.Path, out var list)) byFile[file.Path] = list = [];
                    list.Add((d.FromLine, d.ToLine));
                }
        }
    }

    public const string CheckId = "vigil-nil";

    /// <summary>True when a directive naming vigil-nil covers the line of <paramref name="at"/>.</summary>
    public bool Covers(Location at) =>
        (byFile.TryGetValue(at.Path, out var ranges) && ranges.Any(r => at.Line >= r.From && at.Line <= r.To))
        || Imported?.Silences(at) == true;

    /// <summary>The silenced lines of packages loaded from export data (their facts), for flows through them.</summary>
    public Vigil.Facts.NilImports? Imported { get; init; }

    /// <summary>The covered line ranges of one file (what a package's facts carry for its dependents).</summary>
    public IEnumerable<(int From, int To)> RangesOf(string path) => byFile.GetValueOrDefault(path) ?? [];

    /// <summary>Cheap pre-test: only files with a comment mentioning a directive are scanned.</summary>
    private static bool MayHaveDirective(SourceFile file) =>
        file.Syntax.Comments.Any(g => g.List.Any(c => c.Text.Contains("nolint", StringComparison.Ordinal)
            || c.Text.Contains("lint:", StringComparison.Ordinal)));
}
