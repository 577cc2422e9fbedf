using System.Text;
using System.Text.Json;
using Vigil.Findings;

namespace Vigil.Output;

/// <summary>
/// The JSON of Go's analysis drivers (go vet -json, singlechecker -json) as
/// one document: {"package": {"check": [{"posn": "file:line:col", "end": ...,
/// "message": "...", "related": [{"posn", "end", "message"}],
/// "suggested_fixes": [{"message", "edits": [{"filename", "start", "end", "new"}]}]}]}}.
/// Paths are absolute, as go vet writes them.
/// </summary>
public sealed class JsonFormat : IFormat
{
    public void Write(TextWriter w, IReadOnlyList<Finding> findings, ReportContext context)
    {
        using var buffer = new MemoryStream();
        Write(buffer, findings);
        w.Write(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    public static void Write(Stream output, IEnumerable<Finding> findings)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
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
                    if (f.Advice is { } advice) w.WriteString("advice", advice);
                    if (f.SuggestedFixes.Count > 0)
                    {
                        w.WriteStartArray("suggested_fixes");
                        foreach (var fix in f.SuggestedFixes)
                        {
                            w.WriteStartObject();
                            w.WriteString("message", fix.Message);
                            w.WriteStartArray("edits");
                            foreach (var e in fix.Edits)
                            {
                                w.WriteStartObject();
                                w.WriteString("filename", e.Path);
                                w.WriteNumber("start", e.Start);
                                w.WriteNumber("end", e.End);
                                w.WriteString("new", e.NewText);
                                w.WriteEndObject();
                            }
                            w.WriteEndArray();
                            w.WriteEndObject();
                        }
                        w.WriteEndArray();
                    }
                    if (f.Related.Count > 0)
                    {
                        w.WriteStartArray("related");
                        foreach (var r in f.Related)
                        {
                            w.WriteStartObject();
                            w.WriteString("posn", r.Location.ToString());
                            if (r.End is { IsValid: true } rend) w.WriteString("end", rend.ToString());
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
