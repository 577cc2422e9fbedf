using System.Globalization;
using System.Text;
using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Output.Html;

/// <summary>
/// The lines around a position, read from the file when the report is written:
/// numbered, the position's line marked, and the code from its column to the end
/// of the token there (or to the step's end on the same line) underlined. A file
/// that cannot be read, or a line past its end, gets a note instead.
/// </summary>
public sealed class SourceExcerpt(SourceFiles sources)
{
    /// <summary>Lines shown before and after the position's line.</summary>
    public const int Context = 2;

    private readonly Dictionary<string, int> lineCounts = new(StringComparer.Ordinal);

    public string Render(Location at, Location? end, string shownPath)
    {
        if (!at.IsValid || at.Line < 1)
            return "<p class=\"no-source\">no source position</p>\n";
        var bytes = sources.Bytes(at.Path);
        if (bytes is null)
            return $"<p class=\"no-source\">source not available: {Html.Text(shownPath)} could not be read</p>\n";
        if (!lineCounts.TryGetValue(at.Path, out int lineCount)) lineCounts[at.Path] = lineCount = CountLines(bytes);
        if (at.Line > lineCount)
            return $"<p class=\"no-source\">line {at.Line} is past the end of {Html.Text(shownPath)} ({lineCount} lines): the file changed since the analysis</p>\n";

        var sb = new StringBuilder("<pre class=\"excerpt\">");
        int first = Math.Max(1, at.Line - Context), last = Math.Min(lineCount, at.Line + Context);
        int width = last.ToString(CultureInfo.InvariantCulture).Length;
        for (int line = first; line <= last; line++)
        {
            var text = sources.Line(at.Path, line);
            var number = line.ToString(CultureInfo.InvariantCulture).PadLeft(width);
            bool hit = line == at.Line;
            sb.Append(hit ? "<span class=\"line hit\">" : "<span class=\"line\">");
            // The code in a box of its own, so its tabs count from where the code starts, not from the line number.
            sb.Append("<span class=\"ln\">").Append(number).Append("</span><span class=\"code\">");
            sb.Append(hit ? Underlined(at, end, text) : Html.Text(text));
            // No newline between lines: each is a block of its own (so the marked line's background spans the width).
            sb.Append("</span></span>");
        }
        return sb.Append("</pre>\n").ToString();
    }

    /// <summary>The line with the code at the position wrapped in a mark.</summary>
    private string Underlined(Location at, Location? end, string text)
    {
        int from = Math.Clamp(sources.ConvertColumn(at.Path, at.Line, Math.Max(1, at.Column)) - 1, 0, text.Length);
        int to;
        if (end is { IsValid: true } e && e.Path == at.Path && e.Line == at.Line && e.Column > at.Column)
            to = Math.Clamp(sources.ConvertColumn(at.Path, at.Line, e.Column) - 1, from, text.Length);
        else
        {
            to = from;
            while (to < text.Length && (char.IsLetterOrDigit(text[to]) || text[to] == '_')) to++;
            if (to == from && to < text.Length) to++; // an operator or bracket: mark the one character
        }
        if (at.Column < 1 || to == from) return Html.Text(text);
        return Html.Text(text[..from]) + "<mark>" + Html.Text(text[from..to]) + "</mark>" + Html.Text(text[to..]);
    }

    private static int CountLines(byte[] bytes)
    {
        int n = 1;
        foreach (var b in bytes)
            if (b == (byte)'\n') n++;
        return bytes.Length > 0 && bytes[^1] == (byte)'\n' ? n - 1 : n;
    }
}
