using System.Text;

namespace Vigil.Fixes;

/// <summary>
/// A unified diff of two versions of a file (the format of <c>diff -u</c> that
/// <c>git apply</c> and <c>patch -p1</c> read), by Myers's O(ND) line diff, with
/// three lines of context.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>The diff of one file, its paths written "a/NAME" and "b/NAME"; empty when the contents are equal.</summary>
    public static string Of(string name, byte[] oldBytes, byte[] newBytes)
    {
        var a = Lines(oldBytes);
        var b = Lines(newBytes);
        var script = Diff(a, b);
        if (script.All(op => op.Kind == ' ')) return "";
        var sb = new StringBuilder();
        sb.Append("--- a/").Append(name).Append('\n');
        sb.Append("+++ b/").Append(name).Append('\n');
        foreach (var (from, to) in Hunks(script))
        {
            int oldStart = script[from].Old, newStart = script[from].New;
            int oldCount = 0, newCount = 0;
            for (int i = from; i < to; i++)
            {
                if (script[i].Kind != '+') oldCount++;
                if (script[i].Kind != '-') newCount++;
            }
            sb.Append($"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
            for (int i = from; i < to; i++)
            {
                var line = script[i].Kind == '+' ? b[script[i].New] : a[script[i].Old];
                sb.Append(script[i].Kind).Append(line);
                if (!line.EndsWith('\n')) sb.Append("\n\\ No newline at end of file\n");
            }
        }
        return sb.ToString();
    }

    private static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    /// <summary>One line of the edit script: kept (' '), deleted ('-') or added ('+'), with its index in each version (where it would be, for the other).</summary>
    private readonly record struct Op(char Kind, int Old, int New);

    /// <summary>The ranges of the script that form hunks: changes with their context, merged when their contexts touch.</summary>
    private static List<(int From, int To)> Hunks(List<Op> script)
    {
        var changes = Enumerable.Range(0, script.Count).Where(i => script[i].Kind != ' ').ToList();
        var hunks = new List<(int, int)>();
        int c = 0;
        while (c < changes.Count)
        {
            int first = changes[c], last = first;
            // Changes separated by at most twice the context share a hunk.
            while (c + 1 < changes.Count && changes[c + 1] - last - 1 <= 2 * Context) last = changes[++c];
            c++;
            hunks.Add((Math.Max(0, first - Context), Math.Min(script.Count, last + 1 + Context)));
        }
        return hunks;
    }

    /// <summary>The lines of a text, each with its line ending; the last may have none.</summary>
    private static List<string> Lines(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }

    /// <summary>
    /// The most lines the middle of two versions may differ by (Myers's D) for a line-by-line script; the
    /// frontiers kept to walk back cost about D² integers. Beyond it (never for fixes, which change a few
    /// lines each) the changed middle is one hunk that deletes it and adds it back. See docs/limits.md.
    /// </summary>
    public const int MaxDistance = 2000;

    /// <summary>Myers's greedy shortest edit script, with the common prefix and suffix taken off first.</summary>
    private static List<Op> Diff(List<string> a, List<string> b)
    {
        int pre = 0;
        while (pre < a.Count && pre < b.Count && a[pre] == b[pre]) pre++;
        int suf = 0;
        while (suf < a.Count - pre && suf < b.Count - pre && a[a.Count - 1 - suf] == b[b.Count - 1 - suf]) suf++;
        int n = a.Count - pre - suf, m = b.Count - pre - suf;
        var script = new List<Op>();
        for (int i = 0; i < pre; i++) script.Add(new Op(' ', i, i));
        script.AddRange(Middle(a, b, pre, n, m) ?? Replaced(pre, n, m));
        for (int i = 0; i < suf; i++) script.Add(new Op(' ', pre + n + i, pre + m + i));
        return script;
    }

    private static IEnumerable<Op> Replaced(int pre, int n, int m) =>
        Enumerable.Range(0, n).Select(i => new Op('-', pre + i, pre)).Concat(Enumerable.Range(0, m).Select(j => new Op('+', pre + n, pre + j)));

    /// <summary>The script of a[pre..pre+n) against b[pre..pre+m); null when they differ by more than <see cref="MaxDistance"/> lines.</summary>
    private static List<Op>? Middle(List<string> a, List<string> b, int pre, int n, int m)
    {
        int max = n + m, offset = max + 1;
        var v = new int[2 * max + 3];
        var frontiers = new List<int[]>(); // frontiers[d][k + d]: the furthest x on diagonal k before step d
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++)
        {
            if (d > MaxDistance) return null;
            var snapshot = new int[2 * d + 1];
            Array.Copy(v, offset - d, snapshot, 0, 2 * d + 1);
            frontiers.Add(snapshot);
            for (int k = -d; k <= d; k += 2)
            {
                int x = k == -d || k != d && v[offset + k - 1] < v[offset + k + 1] ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[pre + x] == b[pre + y]) { x++; y++; }
                v[offset + k] = x;
                if (x >= n && y >= m) { found = d; break; }
            }
        }
        // Walk back through the saved frontiers, collecting the operations in reverse.
        var ops = new List<Op>();
        int cx = n, cy = m;
        for (int d = found; d > 0; d--)
        {
            var f = frontiers[d];
            int k = cx - cy;
            int prevK = k == -d || k != d && f[k - 1 + d] < f[k + 1 + d] ? k + 1 : k - 1;
            int px = f[prevK + d], py = px - prevK;
            while (cx > px && cy > py) { cx--; cy--; ops.Add(new Op(' ', pre + cx, pre + cy)); }
            if (cx == px) { cy--; ops.Add(new Op('+', pre + cx, pre + cy)); }
            else { cx--; ops.Add(new Op('-', pre + cx, pre + cy)); }
        }
        while (cx > 0 && cy > 0) { cx--; cy--; ops.Add(new Op(' ', pre + cx, pre + cy)); }
        ops.Reverse();
        return ops;
    }
}
