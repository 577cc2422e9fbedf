using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Vigil.Cache;

/// <summary>
/// A check's options (vigil.yaml's options.&lt;check&gt;: scalars, lists and maps
/// from YAML) as canonical JSON text for the run fingerprint, written without
/// reflection (the native executable has none for arbitrary object graphs).
/// </summary>
internal static class OptionsText
{
    /// <summary>Maps and lists nest no deeper than this in vigil.yaml; deeper values are cut, not recursed into.</summary>
    private const int MaxDepth = 32;

    public static string Of(IReadOnlyDictionary<string, object?> options)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
            Write(w, options, 0);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter w, object? value, int depth)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case System.Collections.IDictionary map when depth < MaxDepth:
                w.WriteStartObject();
                foreach (System.Collections.DictionaryEntry e in map)
                {
                    w.WritePropertyName(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "");
                    Write(w, e.Value, depth + 1);
                }
                w.WriteEndObject();
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs when depth < MaxDepth:
                w.WriteStartObject();
                foreach (var (k, v) in pairs)
                {
                    w.WritePropertyName(k);
                    Write(w, v, depth + 1);
                }
                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable list when depth < MaxDepth:
                w.WriteStartArray();
                foreach (var item in list) Write(w, item, depth + 1);
                w.WriteEndArray();
                break;
            case IFormattable f: w.WriteStringValue(f.ToString(null, CultureInfo.InvariantCulture)); break;
            default: w.WriteStringValue(value.ToString()); break;
        }
    }
}
