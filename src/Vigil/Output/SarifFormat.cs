using System.Text;
using System.Text.Json;
using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Output;

/// <summary>
/// SARIF 2.1.0 for GitHub code scanning (and any SARIF reader), written by
/// hand with System.Text.Json:
/// - tool.driver.rules: one per check of the run, from the check's docs;
/// - results: ruleId = check id, level error, one location with the full
///   region, paths relative to the repository root under %SRCROOT%, columns
///   in UTF-16 code units (run.columnKind), converted from Go's byte columns;
/// - the trace twice: relatedLocations, linked from the message as
///   [step N](id) (GitHub shows related locations only when linked), and
///   codeFlows, with one threadFlow per RelatedLocation.Flow (a race: one per
///   goroutine; a nil flow: one), the finding's own location last in the
///   flow Finding.Flow names;
/// - partialFingerprints: primaryLocationLineHash as codeql-action computes
///   it, and vigilKey/v1, which leaves line numbers out;
/// - baselineState "new" on every result when a baseline was applied.
/// </summary>
public sealed class SarifFormat : IFormat
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public void Write(TextWriter output, IReadOnlyList<Finding> findings, ReportContext context)
    {
        // Every ruleId needs its rule (GitHub rejects or mislabels results without one): a check that
        // reported under an id outside the run's rules gets a minimal entry.
        var extra = findings.Select(f => f.Check).Distinct().Where(id => context.Rules.All(r => r.Id != id)).Order(StringComparer.Ordinal)
            .Select(id => new Rule(id, id, id)).ToList();
        if (extra.Count > 0) context = context with { Rules = [.. context.Rules, .. extra] };
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUri);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            WriteTool(w, context);
            w.WriteStartObject("automationDetails");
            w.WriteString("id", "vigil/");
            w.WriteEndObject();
            w.WriteStartObject("originalUriBaseIds");
            w.WriteStartObject("%SRCROOT%");
            w.WriteString("uri", new Uri(context.Paths.Root.TrimEnd('/') + "/").AbsoluteUri);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("columnKind", "utf16CodeUnits");
            WriteInvocation(w, context);
            w.WriteStartArray("results");
            var ruleIndex = context.Rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            var keys = new FindingKeys(context);
            var lineHashes = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var f in findings) WriteResult(w, f, context, ruleIndex, keys, lineHashes);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write('\n');
    }

    /// <summary>Whether the run was complete, and why not: a finding-free SARIF from a run whose packages did not load must not look clean.</summary>
    private static void WriteInvocation(Utf8JsonWriter w, ReportContext context)
    {
        w.WriteStartArray("invocations");
        w.WriteStartObject();
        w.WriteBoolean("executionSuccessful", context.ToolErrors.Count == 0);
        if (context.ToolErrors.Count > 0)
        {
            w.WriteStartArray("toolExecutionNotifications");
            foreach (var e in context.ToolErrors)
            {
                w.WriteStartObject();
                w.WriteString("level", "error");
                w.WriteStartObject("message");
                w.WriteString("text", e);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteTool(Utf8JsonWriter w, ReportContext context)
    {
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "Vigil");
        w.WriteString("semanticVersion", SemanticVersion(context.ToolVersion));
        w.WriteStartArray("rules");
        foreach (var r in context.Rules)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("name", Name(r.Id));
            w.WriteStartObject("shortDescription");
            w.WriteString("text", r.Summary.Length <= 1024 ? r.Summary : r.Summary[..1024]);
            w.WriteEndObject();
            w.WriteStartObject("fullDescription");
            w.WriteString("text", r.FullDescription);
            w.WriteEndObject();
            if (r.HelpUri is { } help) w.WriteString("helpUri", help);
            w.WriteStartObject("help");
            w.WriteString("text", r.Explanation);
            w.WriteString("markdown", r.Explanation);
            w.WriteEndObject();
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", context.Level(r.Id));
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteStartArray("tags");
            w.WriteStringValue(r.Id == "vigil-directive" ? "maintainability" : "correctness");
            w.WriteStringValue("go");
            w.WriteEndArray();
            w.WriteString("precision", "high");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter w, Finding f, ReportContext context, Dictionary<string, int> ruleIndex,
        FindingKeys keys, Dictionary<string, string[]> lineHashes)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", f.Check);
        if (ruleIndex.TryGetValue(f.Check, out int index)) w.WriteNumber("ruleIndex", index);
        w.WriteString("level", context.Level(f.Check));
        w.WriteStartObject("message");
        w.WriteString("text", MessageWithLinks(f));
        w.WriteEndObject();

        w.WriteStartArray("locations");
        WriteLocation(w, f.Location, f.End, null, null, context);
        w.WriteEndArray();

        if (f.Related.Count > 0)
        {
            w.WriteStartArray("relatedLocations");
            for (int i = 0; i < f.Related.Count; i++)
                WriteLocation(w, f.Related[i].Location, f.Related[i].End, i + 1, f.Related[i].Message, context);
            w.WriteEndArray();
            WriteCodeFlows(w, f, context);
        }

        w.WriteStartObject("partialFingerprints");
        var lineHash = LineHash(f.Location, context, lineHashes);
        if (lineHash.Length > 0) w.WriteString("primaryLocationLineHash", lineHash);
        w.WriteString("vigilKey/v1", keys.Next(f));
        w.WriteEndObject();

        if (f.SuggestedFixes.Count > 0) WriteFixes(w, f, context);
        if (context.BaselineApplied) w.WriteString("baselineState", "new");
        w.WriteEndObject();
    }

    /// <summary>The message, escaped for SARIF's embedded-link syntax, with links to each related location.</summary>
    private static string MessageWithLinks(Finding f)
    {
        var text = Escape(f.Message);
        string advice = f.Advice is { } a ? "\nTo fix: " + Escape(a) : "";
        if (f.Related.Count == 0) return text + advice;
        var links = string.Join(", ", f.Related.Select((r, i) => $"[{LinkText(r, i)}]({i + 1})"));
        return $"{text} (trace: {links}){advice}";
    }

    /// <summary>Escapes SARIF's embedded-link syntax in plain text.</summary>
    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("[", "\\[").Replace("]", "\\]");

    private static string LinkText(RelatedLocation r, int i)
    {
        var name = System.IO.Path.GetFileName(r.Location.Path);
        return $"{i + 1}: {name}:{r.Location.Line}";
    }

    /// <summary>
    /// One thread flow per flow name, in order of first appearance; the
    /// finding's own location ends the flow named by Finding.Flow (a flow of
    /// its own when no step has that name), unless a step of that flow is
    /// already there.
    /// </summary>
    private static void WriteCodeFlows(Utf8JsonWriter w, Finding f, ReportContext context)
    {
        var flows = f.Related.GroupBy(r => r.Flow).Select(g => (Name: g.Key, Steps: g.Select(r => (r.Location, r.End, r.Message)).ToList())).ToList();
        var own = flows.FindIndex(x => x.Name == f.Flow);
        if (own < 0)
        {
            flows.Add((f.Flow, []));
            own = flows.Count - 1;
        }
        if (!flows[own].Steps.Any(s => s.Location.Path == f.Location.Path && s.Location.Line == f.Location.Line && s.Location.Column == f.Location.Column))
            flows[own].Steps.Add((f.Location, f.End, f.Message));

        w.WriteStartArray("codeFlows");
        w.WriteStartObject();
        w.WriteStartObject("message");
        w.WriteString("text", flows.Count > 1 ? $"{flows.Count} concurrent flows" : "trace");
        w.WriteEndObject();
        w.WriteStartArray("threadFlows");
        foreach (var (name, steps) in flows)
        {
            w.WriteStartObject();
            if (name is not null)
            {
                w.WriteString("id", name);
                w.WriteStartObject("message");
                w.WriteString("text", name);
                w.WriteEndObject();
            }
            w.WriteStartArray("locations");
            for (int i = 0; i < steps.Count; i++)
            {
                bool essential = i == 0 || i == steps.Count - 1;
                WriteThreadFlowLocation(w, steps[i].Location, steps[i].End, steps[i].Message, essential ? "essential" : "important", context);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void WriteThreadFlowLocation(Utf8JsonWriter w, Location at, Location? end, string message, string importance, ReportContext context)
    {
        w.WriteStartObject();
        w.WritePropertyName("location");
        WriteLocation(w, at, end, null, message, context);
        w.WriteString("importance", importance);
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, Location at, Location? end, int? id, string? message, ReportContext context)
    {
        w.WriteStartObject();
        if (id is { } i) w.WriteNumber("id", i);
        w.WriteStartObject("physicalLocation");
        WriteArtifact(w, at.Path, context);
        if (at.IsValid) WriteRegion(w, at, end, context);
        w.WriteEndObject();
        if (message is not null)
        {
            w.WriteStartObject("message");
            w.WriteString("text", message);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteArtifact(Utf8JsonWriter w, string path, ReportContext context)
    {
        w.WriteStartObject("artifactLocation");
        var rel = context.Paths.Relative(path);
        if (System.IO.Path.IsPathRooted(rel))
        {
            w.WriteString("uri", new Uri(rel).AbsoluteUri); // outside the repository (the standard library): absolute
        }
        else
        {
            w.WriteString("uri", string.Join('/', rel.Split('/').Select(Uri.EscapeDataString)));
            w.WriteString("uriBaseId", "%SRCROOT%");
        }
        w.WriteEndObject();
    }

    private static void WriteRegion(Utf8JsonWriter w, Location at, Location? end, ReportContext context)
    {
        w.WriteStartObject("region");
        w.WriteNumber("startLine", at.Line);
        w.WriteNumber("startColumn", context.Sources.ConvertColumn(at.Path, at.Line, at.Column));
        if (end is { IsValid: true } e && e.Path == at.Path && (e.Line > at.Line || (e.Line == at.Line && e.Column > at.Column)))
        {
            w.WriteNumber("endLine", e.Line);
            w.WriteNumber("endColumn", context.Sources.ConvertColumn(e.Path, e.Line, e.Column));
        }
        w.WriteEndObject();
    }

    private static void WriteFixes(Utf8JsonWriter w, Finding f, ReportContext context)
    {
        w.WriteStartArray("fixes");
        foreach (var fix in f.SuggestedFixes)
        {
            w.WriteStartObject();
            w.WriteStartObject("description");
            w.WriteString("text", fix.Message);
            w.WriteEndObject();
            w.WriteStartArray("artifactChanges");
            foreach (var byFile in fix.Edits.GroupBy(e => e.Path))
            {
                w.WriteStartObject();
                WriteArtifact(w, byFile.Key, context);
                w.WriteStartArray("replacements");
                foreach (var e in byFile)
                {
                    w.WriteStartObject();
                    w.WriteStartObject("deletedRegion");
                    w.WriteNumber("byteOffset", e.Start);
                    w.WriteNumber("byteLength", e.End - e.Start);
                    w.WriteEndObject();
                    w.WriteStartObject("insertedContent");
                    w.WriteString("text", e.NewText);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string LineHash(Location at, ReportContext context, Dictionary<string, string[]> cache)
    {
        if (!cache.TryGetValue(at.Path, out var hashes))
        {
            var bytes = context.Sources.Bytes(at.Path);
            cache[at.Path] = hashes = bytes is null ? [] : Fingerprints.LineHashes(Encoding.UTF8.GetString(bytes));
        }
        return at.Line >= 1 && at.Line <= hashes.Length ? hashes[at.Line - 1] : "";
    }

    /// <summary>"vigil-nil" → "VigilNil": SARIF's rule name (an identifier, not the id).</summary>
    private static string Name(string id) =>
        string.Concat(id.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));

    private static string SemanticVersion(string v)
    {
        var core = v.Split('+')[0];
        return System.Text.RegularExpressions.Regex.IsMatch(core, @"^\d+\.\d+\.\d+") ? core : "0.0.0-dev";
    }
}
