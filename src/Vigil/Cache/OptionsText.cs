using System.Collections;
using System.Globalization;
using System.Text;

namespace Vigil.Cache;

/// <summary>
/// A check's options (as vigil.yaml gave them: scalars, lists and maps) as
/// one canonical line for the run fingerprint: map keys sorted, so the same
/// options always give the same text. Written by hand rather than with a
/// serializer because the values are untyped (object), which the native
/// executable's generated serializers cannot take.
/// </summary>
internal static class OptionsText
{
    /// <summary>Deeper nesting than any configuration has is cut with "…" (a budget, docs/limits.md).</summary>
    private const int MaxDepth = 32;

    public static string Of(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, int depth)
    {
        if (depth > MaxDepth) { sb.Append('…'); return; }
        switch (value)
        {
            case null: sb.Append("null"); break;
            case string s: sb.Append('"').Append(s.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"'); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case IFormattable f when value is not IEnumerable: sb.Append(f.ToString(null, CultureInfo.InvariantCulture)); break;
            case IDictionary d:
                sb.Append('{');
                var keys = d.Keys.Cast<object>().Select(k => (Key: k, Text: Convert.ToString(k, CultureInfo.InvariantCulture) ?? "")).OrderBy(k => k.Text, StringComparer.Ordinal).ToList();
                for (int i = 0; i < keys.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, keys[i].Text, depth + 1);
                    sb.Append(':');
                    Write(sb, d[keys[i].Key], depth + 1);
                }
                sb.Append('}');
                break;
            case IEnumerable e:
                sb.Append('[');
                bool first = true;
                foreach (var x in e)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    Write(sb, x, depth + 1);
                }
                sb.Append(']');
                break;
            default: Write(sb, value.ToString(), depth + 1); break;
        }
    }
}
