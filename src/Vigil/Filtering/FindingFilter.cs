using Vigil.Config;
using Vigil.Findings;

namespace Vigil.Filtering;

/// <summary>What the filters did, for the summary on stderr and for SARIF.</summary>
public sealed record FilterResult
{
    /// <summary>The findings to report, sorted.</summary>
    public required IReadOnlyList<Finding> Reported { get; init; }
    public int Duplicates { get; init; }
    public int OutOfScope { get; init; }
    public int Suppressed { get; init; }
    public int NotNew { get; init; }
    public int InBaseline { get; init; }
    public IReadOnlyList<BaselineEntry> StaleBaseline { get; init; } = [];
    public bool BaselineApplied { get; init; }
}

/// <summary>
/// Turns what the analyzers found into what is reported, in this order:
/// one finding per position for a file shared by a package and its test
/// variant; in-source directives (adding the vigil-directive findings about
/// them); the configured reporting scope (report packages, generated files,
/// exclusion rules); only-new; the baseline. Each step only removes, so
/// the result is the same whatever the order findings came in.
/// </summary>
public sealed class FindingFilter
{
    public required VigilConfig Config { get; init; }
    public required SourceFiles Sources { get; init; }
    public required RepoPaths Paths { get; init; }
    /// <summary>Every check id Vigil knows (for unknown-name problems in directives).</summary>
    public required ISet<string> KnownChecks { get; init; }
    /// <summary>The check ids that ran in this run, plus vigil-directive when it is enabled.</summary>
    public required ISet<string> EnabledChecks { get; init; }
    public NewFindingsFilter? OnlyNew { get; init; }
    public Baseline? Baseline { get; init; }
    /// <summary>When .go files were named: only findings in them are reported (absolute paths).</summary>
    public IReadOnlySet<string>? OnlyFiles { get; init; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> generated = new(StringComparer.Ordinal);

    public FilterResult Apply(IReadOnlyList<Finding> findings)
    {
        var unique = Deduplicate(findings);
        int duplicates = findings.Count - unique.Count;

        // Directives first, over every finding, so that a directive whose finding the config
        // also hides still counts as used.
        var suppressions = new Suppressions(Sources, KnownChecks, Config.DirectivesRequireReason);
        var unsuppressed = unique.Where(f => !suppressions.Suppresses(f)).ToList();
        int suppressed = unique.Count - unsuppressed.Count;
        if (EnabledChecks.Contains(Suppressions.DirectiveCheck))
            unsuppressed.AddRange(suppressions.DirectiveFindings(Sources, EnabledChecks, Config.DirectivesReportUnused,
                path => (OnlyFiles is null || OnlyFiles.Contains(path)) && Sources.PackageOf(path) is { } pkg && Config.Analyze.Allows(PackagePath(pkg))));

        var kept = unsuppressed.Where(InScope).OrderBy(f => f, TotalOrder).ToList();
        int outOfScope = unsuppressed.Count - kept.Count;

        int notNew = 0;
        if (OnlyNew is not null)
        {
            var fresh = kept.Where(OnlyNew.IsNew).ToList();
            notNew = kept.Count - fresh.Count;
            kept = fresh;
        }

        int inBaseline = 0;
        IReadOnlyList<BaselineEntry> stale = [];
        if (Baseline is not null)
        {
            var (fresh, known, staleEntries) = Baseline.Apply(kept, Paths, Sources);
            kept = fresh;
            inBaseline = known;
            stale = staleEntries;
        }

        return new FilterResult
        {
            Reported = kept,
            Duplicates = duplicates,
            OutOfScope = outOfScope,
            Suppressed = suppressed,
            NotNew = notNew,
            InBaseline = inBaseline,
            StaleBaseline = stale,
            BaselineApplied = Baseline is not null,
        };
    }

    /// <summary>
    /// A file of package p is analyzed in p and again in its test variant
    /// "p [p.test]"; the same finding then comes twice. Keep the first in
    /// sorted order (Compare does not look at the package, so sort by it too).
    /// </summary>
    private static List<Finding> Deduplicate(IReadOnlyList<Finding> findings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Finding>();
        foreach (var f in findings.OrderBy(f => f, TotalOrder))
            if (seen.Add(f.Check + "\0" + f.Location + "\0" + f.FullText)) result.Add(f);
        return result;
    }

    /// <summary>
    /// Finding.Compare (position, check, message), then the trace, then the
    /// package (shortest first: "p" before "p [p.test]"): a total order, so
    /// the output never depends on the order analyzers reported in.
    /// </summary>
    public static readonly IComparer<Finding> TotalOrder = Comparer<Finding>.Create((a, b) =>
    {
        int c = Finding.Compare(a, b);
        if (c == 0) c = string.CompareOrdinal(a.FullText, b.FullText);
        if (c == 0) c = a.Package.Length.CompareTo(b.Package.Length);
        return c != 0 ? c : string.CompareOrdinal(a.Package, b.Package);
    });

    private bool InScope(Finding f)
    {
        if (OnlyFiles is not null && !OnlyFiles.Contains(f.Location.Path)) return false;
        if (!Config.Report.Allows(PackagePath(f.Package))) return false;
        if (Sources.Find(f.Location.Path) is { } file && generated.GetOrAdd(file.Path, _ => GeneratedFiles.IsGenerated(file, Config.Generated))) return false;
        if (Sources.FindCached(f.Location.Path) is { } facts && GeneratedFiles.IsGenerated(facts, Config.Generated)) return false;
        var rel = Paths.Relative(f.Location.Path);
        return !Config.Exclude.Any(r => r.Matches(f.Check, rel, f.Message));
    }

    /// <summary>The import path of a package id: "p [p.test]" is p, "p_test [p.test]" is p_test.</summary>
    public static string PackagePath(string id)
    {
        int sp = id.IndexOf(" [", StringComparison.Ordinal);
        return sp < 0 ? id : id[..sp];
    }
}
