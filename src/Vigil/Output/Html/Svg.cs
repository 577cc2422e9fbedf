using System.Globalization;
using System.Text;

namespace Vigil.Output.Html;

/// <summary>
/// The small SVG vocabulary the diagrams share: boxes, monospace labels whose
/// width is known from their length (so layout needs no font metrics), and
/// arrows. Numbers are written with the invariant culture: the same input gives
/// the same bytes on every machine.
/// </summary>
public sealed class Svg
{
    /// <summary>The width of one character of the diagrams' 12px monospace font, as the layout counts it.</summary>
    public const double CharWidth = 7.3;

    private readonly StringBuilder body = new();
    private readonly string arrowId;

    /// <param name="id">Unique in the page: the arrowhead marker is named after it.</param>
    public Svg(string id) => arrowId = "arrow-" + id;

    public static string N(double v) => Math.Round(v, 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>How many characters of the diagram font fit in <paramref name="width"/> pixels.</summary>
    public static int Fit(double width) => Math.Max(4, (int)(width / CharWidth));

    public void Rect(double x, double y, double w, double h, string cls, string? title = null)
    {
        body.Append($"<rect class=\"{cls}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(h)}\" rx=\"6\">");
        if (title is not null) body.Append($"<title>{Html.Text(title)}</title>");
        body.Append("</rect>\n");
    }

    public void Circle(double cx, double cy, double r, string cls) =>
        body.Append($"<circle class=\"{cls}\" cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\"/>\n");

    /// <summary>A label clipped to <paramref name="maxChars"/>; the full text is its tooltip when clipped.</summary>
    public void Text(double x, double y, string text, string cls, int maxChars = int.MaxValue, string anchor = "start")
    {
        var shown = Html.Clip(text, maxChars);
        body.Append($"<text class=\"{cls}\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\">{Html.Text(shown)}");
        if (shown != text) body.Append($"<title>{Html.Text(text)}</title>");
        body.Append("</text>\n");
    }

    /// <summary>A polyline through the points, with an arrowhead at its end unless <paramref name="head"/> is false.</summary>
    public void Arrow(string cls, bool head, params (double X, double Y)[] points)
    {
        var d = string.Join(" ", points.Select((p, i) => (i == 0 ? "M" : "L") + N(p.X) + " " + N(p.Y)));
        body.Append($"<path class=\"{cls}\" d=\"{d}\" fill=\"none\"{(head ? $" marker-end=\"url(#{arrowId})\"" : "")}/>\n");
    }

    /// <summary>The finished element, <paramref name="label"/> as its accessible name.</summary>
    public string ToString(double width, double height, string label) =>
        $"<svg class=\"diagram\" role=\"img\" aria-label=\"{Html.Attr(label)}\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\">\n"
        + $"<defs><marker id=\"{arrowId}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0 L10 5 L0 10 z\" class=\"arrowhead\"/></marker></defs>\n"
        + body + "</svg>\n";
}
