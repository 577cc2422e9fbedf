using Vigil.Findings;

namespace Vigil.Output.Html;

/// <summary>
/// --format html=FILE: one self-contained page to open from a CI artifact:
/// the findings grouped by package and check, with filters, the source around
/// every trace step, and a diagram of each trace (see docs/output.md). The
/// same findings and sources give the same bytes: no time or machine in it.
/// </summary>
public sealed class HtmlFormat : IFormat
{
    public void Write(TextWriter w, IReadOnlyList<Finding> findings, ReportContext context) => PageFrame.Write(w, findings, context);
}
