using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Filtering;

/// <summary>
/// Finds the directives of one file and the lines each covers, with
/// golangci-lint's scope rules for //nolint:
/// - a trailing comment (code before it on its line) covers its line;
/// - a comment on its own line covers the whole node that starts on the next
///   line at the same column (a declaration, a statement, a field, a case);
///   with no such node, the next line;
/// - a comment above the package clause covers the file;
/// and staticcheck's for //lint:ignore (the line it is on when trailing, else
/// the line below its comment group) and //lint:file-ignore (the file).
/// </summary>
public static class DirectiveScanner
{
    public static List<Directive> Scan(SourceFile file, SourceFiles sources, ISet<string> knownChecks, bool nolintNeedsReason, List<DirectiveProblem> problems) =>
        Scan(Sites(file, sources), knownChecks, nolintNeedsReason, problems);

    /// <summary>The comments of a file that may be directives, with the syntax facts that decide their scope (no config involved).</summary>
    public static List<DirectiveSite> Sites(SourceFile file, SourceFiles sources)
    {
        var sites = new List<DirectiveSite>();
        var syntax = file.Syntax;
        int packageLine = file.Line(syntax.Package);
        ILookup<int, Node>? nodesByLine = null;
        foreach (var group in syntax.Comments)
        {
            int groupEnd = file.Line(group.End);
            foreach (var c in group.List)
            {
                if (!DirectiveParser.MayBeDirective(c.Text)) continue;
                var at = file.Location(c.Pos);
                bool trailing = HasCodeBefore(sources.Line(file.Path, at.Line), at.Column);
                int? below = null;
                if (!trailing)
                {
                    nodesByLine ??= syntax.Descendants()
                        .Where(n => n is not (CommentGroup or Comment or Syntax.File) && n.Pos.IsValid)
                        .ToLookup(n => file.Line(n.Pos));
                    below = NodeBelowEnd(file, nodesByLine[groupEnd + 1], at.Column);
                }
                sites.Add(new DirectiveSite(c.Text, at, trailing, packageLine, groupEnd, below));
            }
        }
        return sites;
    }

    /// <summary>The directives among <paramref name="sites"/>, parsed with the run's settings, each with the lines it covers.</summary>
    public static List<Directive> Scan(IEnumerable<DirectiveSite> sites, ISet<string> knownChecks, bool nolintNeedsReason, List<DirectiveProblem> problems)
    {
        var found = new List<Directive>();
        foreach (var site in sites)
        {
            var at = site.Location;
            var d = DirectiveParser.Parse(site.Text, at, knownChecks, nolintNeedsReason, problems);
            if (d is null) continue;
            if (d.Kind == DirectiveKind.LintFileIgnore || (d.Kind == DirectiveKind.NoLint && !site.Trailing && at.Line < site.PackageLine))
            {
                d.FromLine = 1;
                d.ToLine = int.MaxValue;
            }
            else if (site.Trailing)
            {
                d.FromLine = d.ToLine = at.Line;
            }
            else if (d.Kind == DirectiveKind.LintIgnore)
            {
                d.FromLine = d.ToLine = site.GroupEndLine + 1;
            }
            else
            {
                d.FromLine = at.Line;
                d.ToLine = site.NodeBelowEnd ?? site.GroupEndLine + 1;
            }
            found.Add(d);
        }
        return found;
    }

    /// <summary>The last line of the largest of <paramref name="nodes"/> (those starting on one line) that starts at <paramref name="column"/>.</summary>
    private static int? NodeBelowEnd(SourceFile file, IEnumerable<Node> nodes, int column)
    {
        int? end = null;
        foreach (var n in nodes)
        {
            if (file.Location(n.Pos).Column != column) continue;
            int last = file.Line(n.End.IsValid ? Pos.FromOffset(Math.Max(n.Pos.Offset, n.End.Offset - 1)) : n.Pos);
            if (end is null || last > end) end = last;
        }
        return end;
    }

    private static bool HasCodeBefore(string lineText, int byteColumn)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(lineText);
        for (int i = 0; i < Math.Min(byteColumn - 1, bytes.Length); i++)
            if (bytes[i] is not ((byte)' ' or (byte)'\t')) return true;
        return false;
    }
}
