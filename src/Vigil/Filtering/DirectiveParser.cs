using Vigil.Syntax;

namespace Vigil.Filtering;

/// <summary>A problem with a directive, reported as a vigil-directive finding.</summary>
public sealed record DirectiveProblem(Location Location, string Message)
{
    /// <summary>The correction, when the problem is a misspelled check name (//nolint:vigil-nill → vigil-nil).</summary>
    public Findings.SuggestedFix? Fix { get; init; }
}

/// <summary>
/// Reads the suppression directives of golangci-lint (//nolint[:names] [// reason])
/// and staticcheck (//lint:ignore CHECKS reason, //lint:file-ignore CHECKS reason)
/// from one comment. Directives that name no Vigil check are kept (a bare
/// //nolint hides Vigil findings too) but never reported as unused.
/// </summary>
public static class DirectiveParser
{
    /// <summary>
    /// Parses one // comment. Returns null when it is no directive. Problems
    /// (malformed, missing reason, unknown Vigil check) are added to
    /// <paramref name="problems"/>; a directive too broken to apply is not returned.
    /// </summary>
    public static Directive? Parse(string text, Location at, ISet<string> knownChecks, bool nolintNeedsReason, List<DirectiveProblem> problems)
    {
        if (!text.StartsWith("//", StringComparison.Ordinal)) return null;
        var body = text[2..];
        if (body.StartsWith("lint:", StringComparison.Ordinal)) return ParseLint(text, body, at, knownChecks, problems);
        var trimmed = body.TrimStart(' ', '/');
        if (!IsNoLint(trimmed)) return null;
        return ParseNoLint(text, body, trimmed, at, knownChecks, nolintNeedsReason, problems);
    }

    /// <summary>Whether <see cref="Parse"/> could take the comment for a directive (it returns null for all others).</summary>
    public static bool MayBeDirective(string text) =>
        text.StartsWith("//", StringComparison.Ordinal)
        && (text.AsSpan(2).StartsWith("lint:", StringComparison.Ordinal) || IsNoLint(text[2..].TrimStart(' ', '/')));

    private static bool IsNoLint(string s) =>
        s.StartsWith("nolint", StringComparison.Ordinal) && (s.Length == 6 || s[6] is ' ' or ':' or '\t');

    private static Directive? ParseNoLint(string text, string body, string trimmed, Location at, ISet<string> known, bool needsReason, List<DirectiveProblem> problems)
    {
        var rest = trimmed[6..];
        var names = new List<string>();
        string reason = "";
        bool malformed = false;
        if (rest.StartsWith(':'))
        {
            rest = rest[1..].TrimStart(' ', '\t'); // "//nolint: name" is tolerated, as NilAway does
            int end = rest.IndexOfAny([' ', '\t']);
            int slashes = rest.IndexOf("//", StringComparison.Ordinal);
            if (slashes >= 0 && (end < 0 || slashes < end)) end = slashes; // "//nolint:vigil-nil// reason"
            var list = end < 0 ? rest : rest[..end];
            rest = end < 0 ? "" : rest[end..];
            foreach (var n in list.Split(','))
            {
                if (n.Length == 0) malformed = true;
                else names.Add(n.ToLowerInvariant());
            }
            if (names.Count == 0) malformed = true;
        }
        rest = rest.Trim();
        if (rest.StartsWith("//", StringComparison.Ordinal)) reason = rest[2..].Trim();
        else if (rest.Length > 0) malformed = true; // text after the names that is not a "// reason"

        bool spaced = body.StartsWith(' ') || body.StartsWith('\t');
        if (spaced && malformed) return null; // "// nolint is not needed here": prose, not a directive

        bool all = names.Count == 0 || names.Contains("all") || names.Contains("vigil");
        var vigilNames = names.Where(n => n.StartsWith("vigil", StringComparison.Ordinal)).ToList();
        bool namesVigil = all || vigilNames.Count > 0;
        if (!namesVigil) return null; // another linter's directive: nothing to do with Vigil

        foreach (var n in vigilNames.Where(n => n != "vigil" && !known.Contains(n)))
            problems.Add(new DirectiveProblem(at, $"//nolint names unknown check \"{n}\"; Vigil's checks are: {string.Join(", ", known.Order(StringComparer.Ordinal))}")
            {
                Fix = Respell(text, text.IndexOf(':', 2), n, at, known),
            });
        if (spaced)
            problems.Add(new DirectiveProblem(at, "directive \"" + text + "\" should be written without a space after //, as \"//" + trimmed.Split(' ')[0] + "\": tools treat \"// nolint\" as prose"));
        if (malformed)
        {
            problems.Add(new DirectiveProblem(at, $"malformed directive \"{text}\"; write //nolint:CHECK[,CHECK] // reason"));
            return null;
        }
        if (needsReason && reason.Length == 0)
            problems.Add(new DirectiveProblem(at, $"directive \"{text}\" needs a reason: //nolint:{(names.Count > 0 ? string.Join(",", names) : "vigil")} // why"));
        return new Directive
        {
            Kind = DirectiveKind.NoLint,
            Text = text,
            Location = at,
            Checks = vigilNames.Where(n => n != "vigil").ToList(),
            AllChecks = all,
            NamesVigil = namesVigil,
            Generic = names.Count == 0 || (names.Contains("all") && vigilNames.Count == 0),
            Reason = reason,
        };
    }

    private static Directive? ParseLint(string text, string body, Location at, ISet<string> known, List<DirectiveProblem> problems)
    {
        var fields = body.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var kind = fields[0] switch
        {
            "lint:ignore" => DirectiveKind.LintIgnore,
            "lint:file-ignore" => DirectiveKind.LintFileIgnore,
            _ => (DirectiveKind?)null,
        };
        if (kind is null) return null;
        var patterns = fields.Length > 1 ? fields[1].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
        bool namesVigil = patterns.Any(p => p.StartsWith("vigil", StringComparison.OrdinalIgnoreCase) || known.Any(k => Directive.Matches(p, k)));
        if (!namesVigil && patterns.Length > 0) return null; // staticcheck's own (//lint:ignore SA5011 ...)
        if (fields.Length < 3)
        {
            problems.Add(new DirectiveProblem(at, $"malformed linter directive \"{text}\"; missing the required reason field? Write //{fields[0]} CHECK[,CHECK] reason"));
            return null;
        }
        foreach (var p in patterns.Where(p => !p.Contains('*') && !p.Contains('?') && !known.Contains(p.ToLowerInvariant())))
            problems.Add(new DirectiveProblem(at, $"//{fields[0]} names unknown check \"{p}\"; Vigil's checks are: {string.Join(", ", known.Order(StringComparer.Ordinal))}")
            {
                Fix = Respell(text, text.IndexOf(fields[0], StringComparison.Ordinal) + fields[0].Length, p, at, known),
            });
        return new Directive
        {
            Kind = kind.Value,
            Text = text,
            Location = at,
            Checks = patterns,
            NamesVigil = true,
            Reason = string.Join(' ', fields[2..]),
        };
    }

    /// <summary>
    /// The fix of a misspelled check name: the one known check within two edits of it (vigil-nill, vigil-rcae),
    /// put in place of the name where it appears in the comment after <paramref name="from"/>; null when no
    /// single check is that close.
    /// </summary>
    private static Findings.SuggestedFix? Respell(string text, int from, string name, Location at, ISet<string> known)
    {
        var close = known.Select(k => (k, d: Vigil.Analysis.Escape.AnnotationParser.Distance(name.ToLowerInvariant(), k))).Where(x => x.d <= 2).OrderBy(x => x.d).ToList();
        if (close.Count == 0 || close.Count > 1 && close[1].d == close[0].d || from < 0 || at.Offset < 0) return null;
        for (int i = text.IndexOf(name, from, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(name, i + 1, StringComparison.OrdinalIgnoreCase))
        {
            bool starts = text[i - 1] is ':' or ',' or ' ' or '\t';
            bool ends = i + name.Length == text.Length || text[i + name.Length] is ',' or ' ' or '\t' or '/';
            if (!starts || !ends) continue;
            int start = at.Offset + System.Text.Encoding.UTF8.GetByteCount(text.AsSpan(0, i));
            var edit = new Findings.TextEdit(at.Path, start, start + System.Text.Encoding.UTF8.GetByteCount(name), close[0].k);
            return new Findings.SuggestedFix($"name the check {close[0].k}", [edit]);
        }
        return null;
    }
}
