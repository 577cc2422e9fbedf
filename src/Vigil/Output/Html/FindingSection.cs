using System.Text;
using Vigil.Findings;

namespace Vigil.Output.Html;

/// <summary>
/// One finding as an article: severity, check (linked to its documentation),
/// position and function, the message, its diagram, and the source around the
/// reported position and around every numbered trace step. The data-*
/// attributes are what the page's filters match.
/// </summary>
public sealed class FindingSection(ReportContext context, Diagrams diagrams)
{
    private readonly SourceExcerpt excerpts = new(context.Sources);
    /// <summary>Each check's rule and documentation link, looked up once (the link reads the embedded page).</summary>
    private readonly Dictionary<string, (Rule? Rule, string? Href)> rules = new(StringComparer.Ordinal);

    public string Render(Finding f, string id)
    {
        var level = context.Level(f.Check);
        if (!rules.TryGetValue(f.Check, out var known))
        {
            var r = context.Rules.FirstOrDefault(r => r.Id == f.Check);
            rules[f.Check] = known = (r, Html.SafeHref(r?.HelpUri));
        }
        var (rule, href) = known;
        var pos = Position(f.Location);
        var function = f.Function ?? context.Sources.EnclosingFunction(f.Location);
        var search = string.Join("\n", new[] { f.Message, pos, function }.Concat(f.Related.Select(r => r.Message + " " + Position(r.Location)))).ToLowerInvariant();

        var sb = new StringBuilder();
        sb.Append($"<article class=\"finding sev-{level}\" id=\"{id}\" data-check=\"{Html.Attr(f.Check)}\" data-package=\"{Html.Attr(f.Package)}\" data-severity=\"{level}\" data-search=\"{Html.Attr(search)}\">\n");
        sb.Append("<header>");
        sb.Append($"<span class=\"sev\">{level}</span> ");
        sb.Append(href is null
            ? $"<span class=\"check\">{Html.Text(f.Check)}</span> "
            : $"<a class=\"check\" href=\"{Html.Attr(href)}\" title=\"{Html.Attr(rule!.Summary)}\">{Html.Text(f.Check)}</a> ");
        sb.Append($"<a class=\"pos\" href=\"#{id}\">{Html.Text(pos)}</a>");
        if (function.Length > 0) sb.Append($" <span class=\"func\">in {Html.Text(function)}</span>");
        sb.Append("</header>\n");
        sb.Append($"<p class=\"message\">{Html.Text(f.Message)}</p>\n");

        if (diagrams.For(f, id) is { } svg) sb.Append("<div class=\"diagram-wrap\">\n").Append(svg).Append("</div>\n");

        // The reported position gets its own excerpt unless a trace step shows the same place.
        var steps = Step.Trace(f);
        var reportedStep = steps.FirstOrDefault(s => s.Flow == f.Flow && Step.SamePlace(s.Location, f.Location));
        if (reportedStep is null)
            sb.Append("<div class=\"reported\"><div class=\"step-head\"><span class=\"num num-reported\">!</span> reported here ")
              .Append($"<span class=\"pos\">{Html.Text(pos)}</span></div>\n")
              .Append(excerpts.Render(f.Location, f.End, context.Paths.Relative(f.Location.Path))).Append("</div>\n");
        if (f.Related.Count > 0)
        {
            sb.Append("<ol class=\"steps\">\n");
            foreach (var s in steps)
            {
                var at = Position(s.Location);
                bool isReported = s == reportedStep;
                sb.Append($"<li id=\"{id}-s{s.Number}\"><div class=\"step-head\"><span class=\"num{(isReported ? " num-reported" : "")}\">{s.Number}</span> {Html.Text(s.Message)} <span class=\"pos\">{Html.Text(at)}</span>");
                if (isReported) sb.Append(" <span class=\"here\">reported here</span>");
                if (s.Flow is not null) sb.Append($" <span class=\"flow\">{Html.Text(s.Flow)}</span>");
                if (s.Locks is { } locks) sb.Append(locks.Count == 0 ? " <span class=\"held held-none\">no lock held</span>" : $" <span class=\"held\">holding {Html.Text(string.Join(", ", locks))}</span>");
                sb.Append("</div>\n");
                sb.Append(excerpts.Render(s.Location, f.Related[s.Number - 1].End, context.Paths.Relative(s.Location.Path)));
                sb.Append("</li>\n");
            }
            sb.Append("</ol>\n");
        }
        sb.Append("</article>\n");
        return sb.ToString();
    }

    /// <summary>"dir/file.go:12:3", relative to the repository root (as SARIF and baselines name files).</summary>
    public string Position(Syntax.Location at)
    {
        var path = context.Paths.Relative(at.Path);
        return at.IsValid ? $"{path}:{at.Line}:{at.Column}" : path;
    }
}
