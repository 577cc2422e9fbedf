using System.Text.Json;
using Vigil.Findings;

namespace Vigil.Filtering;

/// <summary>A baseline file that cannot be used: exit status 2 with this message.</summary>
public sealed class BaselineException(string message) : Exception(message);

/// <summary>
/// One baseline entry: findings of a check in a file and function with a
/// message, how many. No line numbers, so entries survive code moving (the
/// PHPStan and ESLint bulk-suppression design).
/// </summary>
public sealed record BaselineEntry(string Check, string File, string Function, string Message, int Count);

/// <summary>
/// Known findings recorded by `vigil baseline write`, hidden by
/// `vigil check --baseline FILE` so only new ones are reported. Entries
/// that match fewer findings than they count are stale: the code improved,
/// and the baseline should be rewritten.
/// </summary>
public sealed class Baseline
{
    public const int FormatVersion = 1;

    public Baseline(IReadOnlyList<BaselineEntry> entries) => Entries = entries;

    public IReadOnlyList<BaselineEntry> Entries { get; }

    public static (string Check, string File, string Function, string Message) KeyOf(Finding f, RepoPaths paths, SourceFiles sources) =>
        (f.Check, paths.Relative(f.Location.Path), f.Function ?? sources.EnclosingFunction(f.Location), Fingerprints.NormalizeMessage(f.Message));

    public static Baseline From(IEnumerable<Finding> findings, RepoPaths paths, SourceFiles sources) =>
        new(findings.GroupBy(f => KeyOf(f, paths, sources))
            .Select(g => new BaselineEntry(g.Key.Check, g.Key.File, g.Key.Function, g.Key.Message, g.Count()))
            .OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Function, StringComparer.Ordinal)
            .ThenBy(e => e.Check, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal)
            .ToList());

    public void Write(string path)
    {
        using var stream = System.IO.File.Create(path);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteNumber("version", FormatVersion);
        w.WriteString("tool", "vigil");
        w.WriteStartArray("findings");
        foreach (var e in Entries)
        {
            w.WriteStartObject();
            w.WriteString("check", e.Check);
            w.WriteString("file", e.File);
            w.WriteString("function", e.Function);
            w.WriteString("message", e.Message);
            w.WriteNumber("count", e.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    public static Baseline Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (!root.TryGetProperty("version", out var v) || v.GetInt32() != FormatVersion)
                throw new BaselineException($"{path}: not a Vigil baseline of version {FormatVersion}; rewrite it with 'vigil baseline write {path}'");
            var entries = new List<BaselineEntry>();
            foreach (var e in root.GetProperty("findings").EnumerateArray())
                entries.Add(new BaselineEntry(
                    e.GetProperty("check").GetString() ?? "", e.GetProperty("file").GetString() ?? "",
                    e.GetProperty("function").GetString() ?? "", e.GetProperty("message").GetString() ?? "",
                    e.GetProperty("count").GetInt32()));
            return new Baseline(entries);
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new BaselineException($"{path}: cannot read the baseline: {e.Message}");
        }
    }

    /// <summary>
    /// Splits findings into those the baseline knows (up to each entry's
    /// count, in order) and new ones; returns the stale entries with how many
    /// of their findings are gone.
    /// </summary>
    public (List<Finding> New, int Known, List<BaselineEntry> Stale) Apply(IReadOnlyList<Finding> findings, RepoPaths paths, SourceFiles sources)
    {
        var remaining = new Dictionary<(string, string, string, string), int>();
        foreach (var e in Entries) remaining[(e.Check, e.File, e.Function, e.Message)] = remaining.GetValueOrDefault((e.Check, e.File, e.Function, e.Message)) + e.Count;
        var fresh = new List<Finding>();
        int known = 0;
        foreach (var f in findings)
        {
            var key = KeyOf(f, paths, sources);
            if (remaining.TryGetValue(key, out int n) && n > 0) { remaining[key] = n - 1; known++; }
            else fresh.Add(f);
        }
        var stale = Entries.Where(e => remaining.GetValueOrDefault((e.Check, e.File, e.Function, e.Message)) > 0)
            .Select(e => e with { Count = remaining[(e.Check, e.File, e.Function, e.Message)] })
            .Distinct().ToList();
        return (fresh, known, stale);
    }
}
