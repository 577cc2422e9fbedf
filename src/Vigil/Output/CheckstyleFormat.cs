using System.Text;
using System.Xml;
using Vigil.Findings;

namespace Vigil.Output;

/// <summary>
/// Checkstyle XML, as golangci-lint writes it and reviewdog and Jenkins read
/// it: &lt;file name&gt; per file (paths relative to the working directory),
/// &lt;error line column severity message source&gt; per finding. The trace
/// follows the message on tab-indented lines.
/// </summary>
public sealed class CheckstyleFormat : IFormat
{
    public void Write(TextWriter output, IReadOnlyList<Finding> findings, ReportContext context)
    {
        XmlReport.Write(output, w =>
        {
            w.WriteStartElement("checkstyle");
            w.WriteAttributeString("version", "5.0");
            foreach (var byFile in findings.GroupBy(f => context.Paths.FromWorkingDirectory(f.Location.Path)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                w.WriteStartElement("file");
                w.WriteAttributeString("name", byFile.Key);
                foreach (var f in byFile)
                {
                    w.WriteStartElement("error");
                    w.WriteAttributeString("line", f.Location.Line.ToString());
                    w.WriteAttributeString("column", f.Location.Column.ToString());
                    w.WriteAttributeString("severity", context.Severities.Of(f.Check) == Config.Severity.Note ? "info" : context.Level(f.Check));
                    w.WriteAttributeString("message", MessageWithTrace(f, context));
                    w.WriteAttributeString("source", f.Check);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
    }

    internal static string MessageWithTrace(Finding f, ReportContext context) =>
        f.Message + string.Concat(f.Related.Select(r =>
            $"\n\t{context.Paths.FromWorkingDirectory(r.Location.Path)}:{r.Location.Line}:{r.Location.Column}: {(r.Flow is null ? "" : $"[{r.Flow}] ")}{r.Message}"))
        + (f.Advice is { } advice ? "\n\tto fix: " + advice : "");
}
