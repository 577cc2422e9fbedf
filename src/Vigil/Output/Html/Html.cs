using System.Text;

namespace Vigil.Output.Html;

/// <summary>
/// Escaping for the HTML report: every text that comes from the analyzed code,
/// a finding or a path goes through <see cref="Text"/> (element content) or
/// <see cref="Attr"/> (a quoted attribute value), so a Go string literal such as
/// "&lt;/script&gt;" shows as written and never becomes markup.
/// </summary>
public static class Html
{
    public static string Text(string? s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        if (s.AsSpan().IndexOfAny(Special) < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                // Control characters other than tab and newline cannot appear in HTML text: show them as U+FFFD.
                case < ' ' when c is not '\t' and not '\n': sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The characters <see cref="Text"/> replaces: markup, quotes, and control characters but tab and newline.</summary>
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(
        "&<>\"'" + new string(Enumerable.Range(0, 32).Where(c => c is not '\t' and not '\n').Select(c => (char)c).ToArray()));

    /// <summary>A value for a double-quoted attribute: the same escaping (quotes included), newlines as spaces.</summary>
    public static string Attr(string? s) => Text(s?.Replace('\n', ' '));

    /// <summary>An href only for the schemes a reader follows by hand (http, https, file); anything else (javascript:) is dropped.</summary>
    public static string? SafeHref(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" or "file" ? u.AbsoluteUri : null;

    /// <summary>"s" shortened to at most <paramref name="max"/> characters with an ellipsis (SVG text does not wrap).</summary>
    public static string Clip(string s, int max) => s.Length <= max ? s : s[..Math.Max(0, max - 1)] + "…";
}
