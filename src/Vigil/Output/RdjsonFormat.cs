using System.Text;
using System.Text.Json;
using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Output;

/// <summary>
/// reviewdog's Diagnostic Format (rdjson), one document: each finding with
/// its range, severity, code (the check id), the trace as
/// related_locations, and suggested fixes as suggestions. Paths are
/// relative to the working directory (where reviewdog runs); columns are
/// 1-based UTF-8 byte counts, as rdjson specifies and Go reports them.
/// Use: vigil check --format rdjson ./... | reviewdog -f=rdjson -reporter=github-pr-review
/// </summary>
public sealed class RdjsonFormat : IFormat
{
    public void Write(TextWriter output, IReadOnlyList<Finding> findings, ReportContext context)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("source");
            w.WriteString("name", "vigil");
            w.WriteEndObject();
            w.WriteStartArray("diagnostics");
            foreach (var f in findings)
            {
                w.WriteStartObject();
                w.WriteString("message", f.Advice is { } advice ? $"{f.Message}\nto fix: {advice}" : f.Message);
                WriteLocation(w, f.Location, f.End, context);
                w.WriteString("severity", context.Level(f.Check) is "note" ? "INFO" : context.Level(f.Check).ToUpperInvariant());
                w.WriteStartObject("code");
                w.WriteString("value", f.Check);
                w.WriteEndObject();
                if (f.SuggestedFixes.Count > 0)
                {
                    w.WriteStartArray("suggestions");
                    foreach (var e in f.SuggestedFixes[0].Edits) // the first fix: reviewdog applies all suggestions of a diagnostic together
                    {
                        if (context.Sources.LocationAt(e.Path, e.Start) is not { } start || context.Sources.LocationAt(e.Path, e.End) is not { } end) continue;
                        w.WriteStartObject();
                        WriteRange(w, start, end);
                        w.WriteString("text", e.NewText);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                if (f.Related.Count > 0)
                {
                    w.WriteStartArray("related_locations");
                    foreach (var r in f.Related)
                    {
                        w.WriteStartObject();
                        w.WriteString("message", r.Flow is null ? r.Message : $"[{r.Flow}] {r.Message}");
                        WriteLocation(w, r.Location, r.End, context);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write('\n');
    }

    private static void WriteLocation(Utf8JsonWriter w, Location at, Location? end, ReportContext context)
    {
        w.WriteStartObject("location");
        w.WriteString("path", context.Paths.FromWorkingDirectory(at.Path));
        if (at.IsValid) WriteRange(w, at, end is { IsValid: true } e && e.Path == at.Path ? e : null);
        w.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter w, Location start, Location? end)
    {
        w.WriteStartObject("range");
        w.WriteStartObject("start");
        w.WriteNumber("line", start.Line);
        w.WriteNumber("column", start.Column);
        w.WriteEndObject();
        if (end is { } e)
        {
            w.WriteStartObject("end");
            w.WriteNumber("line", e.Line);
            w.WriteNumber("column", e.Column);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
