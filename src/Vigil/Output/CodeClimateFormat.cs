using System.Text;
using System.Text.Json;
using Vigil.Config;
using Vigil.Findings;

namespace Vigil.Output;

/// <summary>
/// GitLab's code quality report (`artifacts: reports: codequality:`), the
/// subset of Code Climate's engine issue format that GitLab reads: a JSON
/// array of {type, check_name, description, categories, severity,
/// fingerprint, location{path, lines{begin}}}, paths relative to the
/// repository root. The trace goes into other_locations (Code Climate's
/// field; GitLab ignores it) and after the description, which is all GitLab
/// shows. Fingerprints are Vigil's stable finding keys, so GitLab's merge
/// request widget tells new findings from old ones across line moves.
/// </summary>
public sealed class CodeClimateFormat : IFormat
{
    public void Write(TextWriter output, IReadOnlyList<Finding> findings, ReportContext context)
    {
        var keys = new FindingKeys(context);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var f in findings)
            {
                w.WriteStartObject();
                w.WriteString("type", "issue");
                w.WriteString("check_name", f.Check);
                w.WriteString("description", CheckstyleFormat.MessageWithTrace(f, context));
                w.WriteStartArray("categories");
                w.WriteStringValue(f.Check == "vigil-directive" ? "Style" : "Bug Risk");
                w.WriteEndArray();
                w.WriteString("severity", Severity(context.Severities.Of(f.Check)));
                w.WriteString("fingerprint", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(keys.Next(f))))[..32]);
                w.WritePropertyName("location");
                WriteLocation(w, f.Location, context);
                if (f.Related.Count > 0)
                {
                    w.WriteStartArray("other_locations");
                    foreach (var r in f.Related) WriteLocation(w, r.Location, context);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write('\n');
    }

    private static void WriteLocation(Utf8JsonWriter w, Syntax.Location at, ReportContext context)
    {
        w.WriteStartObject();
        w.WriteString("path", context.Paths.Relative(at.Path));
        w.WriteStartObject("lines");
        w.WriteNumber("begin", Math.Max(1, at.Line));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>GitLab's scale: info, minor, major, critical, blocker. A possible panic or race is critical.</summary>
    private static string Severity(Severity s) => s switch
    {
        Config.Severity.Error => "critical",
        Config.Severity.Warning => "minor",
        _ => "info",
    };
}
