using System.Text.Json;

namespace Vigil.Analysis.Escape;

/// <summary>
/// Reads the compiler's <c>-json=0,file://DIR</c> log (the format gopls reads;
/// spec in cmd/compile/internal/logopt): DIR/&lt;escaped import path&gt;/&lt;file&gt;.json,
/// newline-delimited, a header line then one LSP-like diagnostic per line.
/// Positions are 1-based lines and byte columns (not LSP's 0-based). The
/// escape decisions are the records with code "escape"/"escapes" and a
/// message; their relatedInformation starts with the inline chain
/// ("inlineLoc", outer to inner) followed by "escflow:" explanation steps.
/// </summary>
public static class CompilerJsonReader
{
    public static List<EscapeRecord> ReadDirectory(string dir)
    {
        var records = new List<EscapeRecord>();
        if (!Directory.Exists(dir)) return records;
        foreach (var file in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(file);
            records.AddRange(Read(reader));
        }
        return records;
    }

    public static List<EscapeRecord> Read(TextReader reader)
    {
        var records = new List<EscapeRecord>();
        string package = "", file = "";
        string? line;
        bool header = true;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            // Most records are inlining costs, bounds checks and parameter leaks: skip them before parsing.
            if (!header && !line.Contains("\"code\":\"escape", StringComparison.Ordinal)) continue;
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (header)
            {
                header = false;
                package = Str(root, "package");
                file = Str(root, "file");
                continue;
            }
            if (ParseRecord(root, package, file) is { } r) records.Add(r);
        }
        return records;
    }

    private static EscapeRecord? ParseRecord(JsonElement root, string package, string file)
    {
        string code = Str(root, "code");
        string message = Str(root, "message");
        if (code is not ("escape" or "escapes") || message.Length == 0) return null;
        var chain = new List<SourcePos>();
        var flow = new List<string>();
        if (root.TryGetProperty("relatedInformation", out var related))
            foreach (var info in related.EnumerateArray())
            {
                string m = Str(info, "message");
                var loc = info.GetProperty("location");
                var pos = Position(loc);
                if (m == "inlineLoc") { if (flow.Count == 0) chain.Add(pos); }
                else if (m.StartsWith("escflow:", StringComparison.Ordinal)) flow.Add(m["escflow:".Length..].Trim());
            }
        var start = root.GetProperty("range").GetProperty("start");
        // The record's own range has no file: it is the file named in the log's header (the outermost file).
        var outer = new SourcePos(file, start.GetProperty("line").GetInt32(), start.GetProperty("character").GetInt32());
        return new EscapeRecord(package, outer, chain, message, flow);
    }

    private static SourcePos Position(JsonElement location)
    {
        string uri = Str(location, "uri");
        var start = location.GetProperty("range").GetProperty("start");
        return new SourcePos(PathOfUri(uri), start.GetProperty("line").GetInt32(), start.GetProperty("character").GetInt32());
    }

    internal static string PathOfUri(string uri)
    {
        string s = uri.StartsWith("file://", StringComparison.Ordinal) ? uri["file://".Length..] : uri;
        return Uri.UnescapeDataString(s);
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
}
