using System.Text.Json;
using Vigil.Findings;

namespace Vigil.Output;

/// <summary>
/// The JSON shape of Go's analysis drivers (go vet -json):
/// {"package": {"check": [{"posn": "file:line:col", "message": "...", "related": [...]}]}}.
/// </summary>
public static class JsonFormat
{
    public static void Write(Stream output, IEnumerable<Finding> findings)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        foreach (var byPkg in findings.GroupBy(f => f.Package).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(byPkg.Key);
            w.WriteStartObject();
            foreach (var byCheck in byPkg.GroupBy(f => f.Check).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                w.WritePropertyName(byCheck.Key);
                w.WriteStartArray();
                foreach (var f in byCheck)
                {
                    w.WriteStartObject();
                    w.WriteString("posn", f.Location.ToString());
                    if (f.End is { IsValid: true } end) w.WriteString("end", end.ToString());
                    w.WriteString("message", f.Message);
                    if (f.Related.Count > 0)
                    {
                        w.WriteStartArray("related");
                        foreach (var r in f.Related)
                        {
                            w.WriteStartObject();
                            w.WriteString("posn", r.Location.ToString());
                            w.WriteString("message", r.Message);
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }
}
