namespace Vigil.Output.Html;

/// <summary>
/// A trace drawn as a path through the functions it crosses (a nil flow: from
/// the nil, through returns, assignments and calls, to the dereference): one
/// box per function, side by side in the order the flow first enters them; each
/// step a numbered dot in its function's box, one row per step, and an arrow
/// from each step to the next. Rows make the order plain even when the flow
/// comes back to a function it left.
/// </summary>
public static class FlowDiagram
{
    private const double ColumnWidth = 300, Gap = 28, Header = 34, Row = 46, Pad = 12;

    /// <param name="functionOf">The function a step is in ("(*Store).Find"), "" when unknown.</param>
    public static string Draw(string id, IReadOnlyList<Step> steps, Step reported, Func<Step, string> functionOf, Func<Step, string> where)
    {
        // The step at the reported place is drawn as the reported one; when no step is there, the report ends the path.
        var path = steps.ToList();
        int at = path.FindIndex(s => Step.SamePlace(s.Location, reported.Location));
        if (at < 0) { path.Add(reported); at = path.Count - 1; }
        var columns = new List<string>();
        var columnOf = new int[path.Count];
        for (int i = 0; i < path.Count; i++)
        {
            var fn = functionOf(path[i]);
            if (fn.Length == 0) fn = Path.GetFileName(path[i].Location.Path);
            int c = columns.IndexOf(fn);
            if (c < 0) { columns.Add(fn); c = columns.Count - 1; }
            columnOf[i] = c;
        }

        var svg = new Svg(id);
        double width = Pad * 2 + columns.Count * ColumnWidth + (columns.Count - 1) * Gap;
        double height = Pad * 2 + Header + path.Count * Row;
        double X(int c) => Pad + c * (ColumnWidth + Gap);
        double Y(int i) => Pad + Header + i * Row + 14;
        for (int c = 0; c < columns.Count; c++)
        {
            svg.Rect(X(c), Pad, ColumnWidth, height - 2 * Pad, "fn-box", columns[c]);
            svg.Text(X(c) + 10, Pad + 20, columns[c], "fn-name", Svg.Fit(ColumnWidth - 20));
        }
        for (int i = 0; i + 1 < path.Count; i++)
        {
            double x1 = X(columnOf[i]) + 16, y1 = Y(i), x2 = X(columnOf[i + 1]) + 16, y2 = Y(i + 1);
            // Down to the gap between the rows, across, then down: no segment runs over a step's label.
            double mid = y1 + Row * 0.62;
            if (columnOf[i] == columnOf[i + 1]) svg.Arrow("flow", true, (x1, y1 + 9), (x2, y2 - 10));
            else svg.Arrow("flow", true, (x1, y1 + 9), (x1, mid), (x2, mid), (x2, y2 - 10));
        }
        for (int i = 0; i < path.Count; i++)
        {
            var s = path[i];
            bool hit = i == at;
            double x = X(columnOf[i]) + 16, y = Y(i);
            svg.Circle(x, y, 9, hit ? "dot dot-end" : "dot");
            svg.Text(x, y + 4, s.Mark, "dot-mark", anchor: "middle");
            int fit = Svg.Fit(ColumnWidth - 36);
            svg.Text(x + 16, y + 4, s.Message, hit ? "label label-end" : "label", fit);
            svg.Text(x + 16, y + 19, where(s), "where", fit);
        }
        return svg.ToString(width, height, $"flow through {columns.Count} function{(columns.Count == 1 ? "" : "s")} in {path.Count} steps");
    }
}
