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

    /// <summary>The lines of the file last shown: findings come in file order, so one file's text is decoded once.</summary>
    private (string Path, string[] Lines)? current;

    private string[]? Lines(string path)
    {
        if (current is { } c && c.Path == path) return c.Lines;
        var bytes = sources.Bytes(path);
        if (bytes is null) return null;
        var text = Encoding.UTF8.GetString(bytes);
        var lines = text.Split('\n');
        if (text.EndsWith('\n')) lines = lines[..^1];
        for (int i = 0; i < lines.Length; i++) lines[i] = lines[i].TrimEnd('\r');
        current = (path, lines);
        return lines;
    }

    public string Render(Location at, Location? end, string shownPath)
    {
        if (!at.IsValid || at.Line < 1)
            return "<p class=\"no-source\">no source position</p>\n";
        var lines = Lines(at.Path);
        if (lines is null)
            return $"<p class=\"no-source\">source not available: {Html.Text(shownPath)} could not be read</p>\n";
        int lineCount = lines.Length;
        if (at.Line > lineCount)
            return $"<p class=\"no-source\">line {at.Line} is past the end of {Html.Text(shownPath)} ({lineCount} lines): the file changed since the analysis</p>\n";

        var sb = new StringBuilder("<pre class=\"excerpt\">");
        int first = Math.Max(1, at.Line - Context), last = Math.Min(lineCount, at.Line + Context);
        int width = last.ToString(CultureInfo.InvariantCulture).Length;
        for (int line = first; line <= last; line++)
        {
            var text = lines[line - 1];
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
        int from = CharIndex(text, Math.Max(1, at.Column));
        int to;
        if (end is { IsValid: true } e && e.Path == at.Path && e.Line == at.Line && e.Column > at.Column)
            to = Math.Max(from, CharIndex(text, e.Column));
        else
        {
            to = from;
            while (to < text.Length && (char.IsLetterOrDigit(text[to]) || text[to] == '_')) to++;
            if (to == from && to < text.Length) to++; // an operator or bracket: mark the one character
        }
        if (at.Column < 1 || to == from) return Html.Text(text);
        return Html.Text(text[..from]) + "<mark>" + Html.Text(text[from..to]) + "</mark>" + Html.Text(text[to..]);
    }

    /// <summary>The index in <paramref name="text"/> of Go's 1-based byte column (UTF-8), clamped to the line.</summary>
    private static int CharIndex(string text, int byteColumn)
    {
        int bytes = 0, i = 0;
        while (i < text.Length && bytes < byteColumn - 1)
        {
            int n = char.IsSurrogatePair(text, i) ? 2 : 1;
            bytes += Encoding.UTF8.GetByteCount(text.AsSpan(i, n));
            i += n;
        }
        return i;
    }
}
