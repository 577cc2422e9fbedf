using Vigil.Findings;

namespace Vigil.Filtering;

/// <summary>
/// Applies the //nolint and //lint:ignore directives of every loaded file to
/// the findings, whatever package reported them (a finding is suppressed by
/// the directive at its own position, wherever its trace passes), and
/// reports broken and unused directives as vigil-directive findings.
/// </summary>
public sealed class Suppressions
{
    public const string DirectiveCheck = "vigil-directive";

    private readonly Dictionary<string, List<Directive>> byFile = new(StringComparer.Ordinal);
    private readonly List<DirectiveProblem> problems = [];

    /// <param name="knownChecks">Every Vigil check id, enabled or not (to tell unknown names).</param>
    public Suppressions(SourceFiles sources, ISet<string> knownChecks, bool nolintNeedsReason)
    {
        foreach (var file in sources.All)
        {
            var found = DirectiveScanner.Scan(file, sources, knownChecks, nolintNeedsReason, problems);
            if (found.Count > 0) byFile[file.Path] = found;
        }
        foreach (var file in sources.AllCached)
        {
            var found = DirectiveScanner.Scan(file.Directives, knownChecks, nolintNeedsReason, problems);
            if (found.Count > 0) byFile[file.Path] = found;
        }
    }

    public IEnumerable<Directive> All => byFile.Values.SelectMany(d => d);

    /// <summary>True when a directive covers the finding (and marks that directive used).</summary>
    public bool Suppresses(Finding f)
    {
        if (!byFile.TryGetValue(f.Location.Path, out var directives)) return false;
        bool hit = false;
        foreach (var d in directives)
        {
            if (f.Location.Line < d.FromLine || f.Location.Line > d.ToLine || !d.Covers(f.Check)) continue;
            d.Used = true; // mark every covering directive, so none of them is reported unused
            hit = true;
        }
        return hit;
    }

    /// <summary>
    /// The vigil-directive findings: problems found while parsing, and (when
    /// <paramref name="reportUnused"/>) directives naming Vigil that hid nothing,
    /// unless the checks they name did not run. A bare //nolint or
    /// //nolint:all is shared with other linters and is never reported unused.
    /// //lint:file-ignore is not either, as in staticcheck.
    /// </summary>
    /// <param name="analyzed">Whether a file's package was analyzed: directives elsewhere could not have been used.</param>
    public List<Finding> DirectiveFindings(SourceFiles sources, ISet<string> enabledChecks, bool reportUnused, Func<string, bool> analyzed)
    {
        var result = new List<Finding>();
        foreach (var p in problems)
            result.Add(Make(sources, p.Location, p.Message) with { SuggestedFixes = p.Fix is { } fix ? [fix] : [] });
        if (!reportUnused) return result;
        foreach (var d in All)
        {
            if (d.Used || d.Generic || d.Kind == DirectiveKind.LintFileIgnore || !analyzed(d.Location.Path)) continue;
            bool ran = d.AllChecks ? enabledChecks.Any(c => c != DirectiveCheck) : d.Checks.Any(c => enabledChecks.Any(e => Directive.Matches(c, e)));
            if (!ran) continue;
            result.Add(Make(sources, d.Location, $"directive \"{d.Text}\" suppresses no finding; remove it"));
        }
        return result;
    }

    private static Finding Make(SourceFiles sources, Syntax.Location at, string message) => new()
    {
        Check = DirectiveCheck,
        Location = at,
        Message = message,
        Package = sources.PackageOf(at.Path) ?? "",
        Function = sources.EnclosingFunction(at),
    };
}
