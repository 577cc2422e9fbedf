using System.Text;
using Vigil.Findings;

namespace Vigil.Fixes;

/// <summary>
/// Which suggested fixes of a run can be applied together, and the files they
/// produce. Each finding contributes its first fix (go/analysis drivers apply the
/// first too); fixes are taken in the findings' order, and one whose edits
/// overlap an edit already taken is skipped, whole: a fix is applied entirely or
/// not at all. Identical edits (two nil checks importing "errors") are one edit.
/// </summary>
public sealed class FixPlan
{
    /// <summary>A fix that was not taken, and why.</summary>
    public sealed record Skipped(Finding Finding, SuggestedFix Fix, string Reason);

    private FixPlan(IReadOnlyList<(Finding, SuggestedFix)> applied, IReadOnlyList<Skipped> skipped, IReadOnlyDictionary<string, (byte[] Old, byte[] New)> files)
    {
        Applied = applied;
        SkippedFixes = skipped;
        Files = files;
    }

    public IReadOnlyList<(Finding Finding, SuggestedFix Fix)> Applied { get; }
    public IReadOnlyList<Skipped> SkippedFixes { get; }
    /// <summary>Each changed file (absolute path, in ordinal order) with its content before and after.</summary>
    public IReadOnlyDictionary<string, (byte[] Old, byte[] New)> Files { get; }

    /// <param name="read">A file's current bytes; null when it cannot be read (its fixes are skipped).</param>
    public static FixPlan Make(IEnumerable<Finding> findings, Func<string, byte[]?> read)
    {
        var contents = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        var taken = new Dictionary<string, List<TextEdit>>(StringComparer.Ordinal);
        var applied = new List<(Finding, SuggestedFix)>();
        var skipped = new List<Skipped>();
        foreach (var f in findings)
        {
            if (f.SuggestedFixes.Count == 0) continue;
            var fix = f.SuggestedFixes[0];
            if (Problem(fix, taken, contents, read) is { } why)
            {
                skipped.Add(new Skipped(f, fix, why));
                continue;
            }
            foreach (var e in fix.Edits)
            {
                var list = taken.TryGetValue(e.Path, out var l) ? l : taken[e.Path] = [];
                if (!list.Contains(e)) list.Add(e);
            }
            applied.Add((f, fix));
        }
        var files = new SortedDictionary<string, (byte[], byte[])>(StringComparer.Ordinal);
        foreach (var (path, edits) in taken)
        {
            var old = contents[path]!;
            files[path] = (old, Apply(old, edits));
        }
        return new FixPlan(applied, skipped, files);
    }

    /// <summary>Why the fix cannot be taken (its edits overlap each other or one already taken, or fall outside the file); null when it can.</summary>
    private static string? Problem(SuggestedFix fix, Dictionary<string, List<TextEdit>> taken, Dictionary<string, byte[]?> contents, Func<string, byte[]?> read)
    {
        if (fix.Edits.Count == 0) return "it has no edits";
        foreach (var e in fix.Edits)
        {
            if (!contents.TryGetValue(e.Path, out var bytes)) contents[e.Path] = bytes = read(e.Path);
            if (bytes is null) return $"{e.Path} cannot be read";
            if (e.Start < 0 || e.End < e.Start || e.End > bytes.Length) return $"an edit falls outside {e.Path}";
        }
        var mine = fix.Edits.Distinct().ToList();
        for (int i = 0; i < mine.Count; i++)
            for (int j = i + 1; j < mine.Count; j++)
                if (Overlap(mine[i], mine[j])) return "its own edits overlap";
        foreach (var e in mine)
            if (taken.TryGetValue(e.Path, out var list) && list.FirstOrDefault(t => t != e && Overlap(t, e)) is { } other)
                return $"it conflicts with another fix at byte {other.Start} of {Path.GetFileName(e.Path)}";
        return null;
    }

    /// <summary>Two edits of one file touch the same bytes, or insert at the same place (their order would be a guess).</summary>
    private static bool Overlap(TextEdit a, TextEdit b) =>
        a.Path == b.Path && (a.Start < b.End && b.Start < a.End || a.Start == a.End && b.Start == b.End && a.Start == b.Start);

    /// <summary>The bytes with the (non-overlapping) edits applied.</summary>
    public static byte[] Apply(byte[] old, IEnumerable<TextEdit> edits)
    {
        var result = new MemoryStream(old.Length + 256);
        int at = 0;
        foreach (var e in edits.OrderBy(e => e.Start).ThenBy(e => e.End))
        {
            result.Write(old, at, e.Start - at);
            result.Write(Encoding.UTF8.GetBytes(e.NewText));
            at = e.End;
        }
        result.Write(old, at, old.Length - at);
        return result.ToArray();
    }

    /// <summary>
    /// Writes every changed file, all or nothing as far as the file system allows: each new content goes to a
    /// temporary file beside its target first; only when all are written are they renamed over the originals.
    /// </summary>
    public void Write()
    {
        var temps = new List<(string Temp, string Target)>();
        try
        {
            foreach (var (path, (_, content)) in Files)
            {
                var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.vigil-fix-{Environment.ProcessId}");
                File.WriteAllBytes(temp, content);
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
                temps.Add((temp, path));
            }
            foreach (var (temp, target) in temps) File.Move(temp, target, overwrite: true);
            temps.Clear();
        }
        finally
        {
            foreach (var (temp, _) in temps)
                try { File.Delete(temp); } catch (IOException) { }
        }
    }
}
