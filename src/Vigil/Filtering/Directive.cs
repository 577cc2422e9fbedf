using Vigil.Syntax;

namespace Vigil.Filtering;

public enum DirectiveKind { NoLint, LintIgnore, LintFileIgnore }

/// <summary>
/// A suppression comment found in Go source: which checks it names and the
/// lines it covers. <see cref="AllChecks"/> is set by a bare //nolint,
/// //nolint:all and //nolint:vigil (every Vigil check).
/// </summary>
public sealed class Directive
{
    public required DirectiveKind Kind { get; init; }
    /// <summary>The comment as written.</summary>
    public required string Text { get; init; }
    public required Location Location { get; init; }
    /// <summary>Check ids ("vigil-nil") or staticcheck-style globs ("vigil-*") this directive names.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];
    public bool AllChecks { get; init; }
    /// <summary>True when it names Vigil (or everything): only those are checked for being unused.</summary>
    public bool NamesVigil { get; init; }
    /// <summary>True when it names only everything (bare //nolint, //nolint:all), shared with other linters.</summary>
    public bool Generic { get; init; }
    public string Reason { get; init; } = "";
    /// <summary>The covered lines of the directive's file, inclusive.</summary>
    public int FromLine { get; set; }
    public int ToLine { get; set; }
    /// <summary>Set when it hid at least one finding.</summary>
    public bool Used { get; set; }

    public bool Covers(string check) =>
        AllChecks || Checks.Any(c => Matches(c, check));

    /// <summary>A check name or staticcheck-style glob (*, ?), case-insensitive, against a check id.</summary>
    public static bool Matches(string pattern, string check) =>
        System.IO.Enumeration.FileSystemName.MatchesSimpleExpression(pattern, check, ignoreCase: true);
}
