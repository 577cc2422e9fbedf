using System.Text;
using Vigil.Findings;

namespace Vigil.Output.Html;

/// <summary>
/// The page around the findings: head with the inline style, the summary and
/// filters, the package and check groups, and the inline script. The page loads
/// nothing: its Content-Security-Policy allows no fetch, image, font or frame
/// from anywhere, only the inline style and script it carries.
/// </summary>
public static class PageFrame
{
    public const string Policy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

    public static void Write(TextWriter w, IReadOnlyList<Finding> findings, ReportContext context)
    {
        var diagrams = new Diagrams(context, findings);
        var section = new FindingSection(context, diagrams);
        var packages = findings.Select(f => f.Package).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();
        var checks = findings.Select(f => f.Check).Distinct().OrderBy(c => CheckOrder(context, c)).ThenBy(c => c, StringComparer.Ordinal).ToList();
        var levels = new[] { "error", "warning", "note" }.Where(l => findings.Any(f => context.Level(f.Check) == l)).ToList();

        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{Policy}\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append($"<title>Vigil: {Count(findings.Count, "finding")}</title>\n");
        sb.Append("<style>\n").Append(Resources.Css).Append("</style>\n</head>\n<body>\n");

        sb.Append("<header class=\"top\">\n<h1>Vigil report</h1>\n");
        sb.Append($"<p class=\"summary\">{Count(findings.Count, "finding")} in {Count(packages.Count, "package")}");
        foreach (var c in checks) sb.Append($" · <span class=\"count\">{Html.Text(c)}: {findings.Count(f => f.Check == c)}</span>");
        sb.Append($" · vigil {Html.Text(context.ToolVersion)}</p>\n");
        foreach (var e in context.ToolErrors) sb.Append($"<p class=\"tool-error\">{Html.Text(e)}</p>\n");
        if (findings.Count > 0)
        {
            sb.Append("<form class=\"filters\" id=\"filters\">\n");
            Select(sb, "check", "check", checks);
            Select(sb, "package", "package", packages);
            Select(sb, "severity", "severity", levels);
            sb.Append("<label>text <input type=\"search\" name=\"text\" placeholder=\"message, file, function\"></label>\n");
            sb.Append($"<span class=\"shown\" id=\"shown\">{Count(findings.Count, "finding")}</span>\n</form>\n");
        }
        sb.Append("</header>\n<main>\n");
        if (findings.Count == 0) sb.Append("<p class=\"empty\">No findings.</p>\n");

        int n = 0;
        foreach (var pkg in packages)
        {
            var inPkg = findings.Where(f => f.Package == pkg).ToList();
            sb.Append($"<section class=\"package\" data-package=\"{Html.Attr(pkg)}\">\n<h2>{Html.Text(pkg.Length > 0 ? pkg : "(no package)")} <small>{Count(inPkg.Count, "finding")}</small></h2>\n");
            foreach (var check in checks.Where(c => inPkg.Any(f => f.Check == c)))
            {
                var group = inPkg.Where(f => f.Check == check).ToList();
                var rule = context.Rules.FirstOrDefault(r => r.Id == check);
                sb.Append($"<section class=\"check-group\" data-check=\"{Html.Attr(check)}\">\n<h3>{Html.Text(check)}");
                if (rule is not null) sb.Append($" <small>{Html.Text(rule.Summary)}</small>");
                sb.Append($" <small>({group.Count})</small></h3>\n");
                foreach (var f in group) sb.Append(section.Render(f, $"f{++n}"));
                sb.Append("</section>\n");
            }
            sb.Append("</section>\n");
        }
        sb.Append("<p class=\"empty\" id=\"none-shown\" hidden>No finding matches the filters.</p>\n</main>\n");
        sb.Append("<script>\n").Append(Resources.Js).Append("</script>\n</body>\n</html>\n");
        w.Write(sb.ToString());
    }

    private static void Select(StringBuilder sb, string name, string label, IReadOnlyList<string> values)
    {
        sb.Append($"<label>{label} <select name=\"{name}\"><option value=\"\">all</option>");
        foreach (var v in values) sb.Append($"<option value=\"{Html.Attr(v)}\">{Html.Text(v.Length > 0 ? v : "(none)")}</option>");
        sb.Append("</select></label>\n");
    }

    /// <summary>Checks in the order the run lists them (documentation order), unknown ones last.</summary>
    private static int CheckOrder(ReportContext context, string check)
    {
        for (int i = 0; i < context.Rules.Count; i++)
            if (context.Rules[i].Id == check) return i;
        return int.MaxValue;
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
