using System.Text;
using System.Xml;
using Vigil.Findings;

namespace Vigil.Output;

/// <summary>
/// JUnit XML for CI dashboards (Jenkins, GitLab's test reports, Azure
/// Pipelines), in the shape golangci-lint writes: one &lt;testsuite&gt; per
/// file with findings, one failing &lt;testcase&gt; per finding (name: the
/// check and position; classname: the package), the trace in the failure's
/// text. A run without findings writes one empty, passing suite, so that a
/// dashboard shows the run rather than nothing.
/// </summary>
public sealed class JUnitFormat : IFormat
{
    public void Write(TextWriter output, IReadOnlyList<Finding> findings, ReportContext context)
    {
        XmlReport.Write(output, w =>
        {
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", "vigil");
            w.WriteAttributeString("tests", findings.Count.ToString());
            w.WriteAttributeString("failures", findings.Count.ToString());
            var byFile = findings.GroupBy(f => context.Paths.FromWorkingDirectory(f.Location.Path)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
            if (byFile.Count == 0) Suite(w, "vigil", 0);
            foreach (var file in byFile)
            {
                Suite(w, file.Key, file.Count());
                foreach (var f in file)
                {
                    var posn = $"{file.Key}:{f.Location.Line}:{f.Location.Column}";
                    w.WriteStartElement("testcase");
                    w.WriteAttributeString("name", $"{f.Check}: {posn}");
                    w.WriteAttributeString("classname", Filtering.FindingFilter.PackagePath(f.Package));
                    w.WriteAttributeString("file", file.Key);
                    w.WriteAttributeString("line", f.Location.Line.ToString());
                    w.WriteStartElement("failure");
                    w.WriteAttributeString("message", $"{posn}: {f.Message}");
                    w.WriteAttributeString("type", context.Level(f.Check));
                    w.WriteString($"{context.Level(f.Check)}: {posn}: {CheckstyleFormat.MessageWithTrace(f, context)} ({f.Check})\n");
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
    }

    /// <summary>Opens a &lt;testsuite&gt;; an empty one is closed at once.</summary>
    private static void Suite(XmlWriter w, string name, int failures)
    {
        w.WriteStartElement("testsuite");
        w.WriteAttributeString("name", name);
        w.WriteAttributeString("tests", failures.ToString());
        w.WriteAttributeString("failures", failures.ToString());
        w.WriteAttributeString("errors", "0");
        if (failures == 0) w.WriteEndElement();
    }
}
