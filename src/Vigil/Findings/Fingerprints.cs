using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Findings;

/// <summary>
/// Identities of a finding that outlive edits: GitHub code scanning's
/// primaryLocationLineHash (computed as codeql-action's fingerprints.ts does,
/// so alerts match whether or not the upload action recomputes it), and
/// Vigil's own key, which leaves line numbers out so it survives code moving.
/// </summary>
public static partial class Fingerprints
{
    private const int BlockSize = 100;
    private const ulong Mod = 37;

    /// <summary>
    /// codeql-action's rolling hash for every line of <paramref name="text"/>:
    /// over the next 100 characters (UTF-16 units) from the line's start,
    /// skipping spaces and tabs, CR LF read as LF; "hex:occurrence".
    /// Index 0 is line 1.
    /// </summary>
    public static string[] LineHashes(string text)
    {
        var hashes = new List<string>();
        var window = new int[BlockSize];
        var lineNumbers = Enumerable.Repeat(-1, BlockSize).ToArray();
        ulong hashRaw = 0, firstMod = 1;
        for (int i = 0; i < BlockSize; i++) firstMod *= Mod;
        int index = 0, lineNumber = 0;
        bool lineStart = true, prevCR = false;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);

        void Output()
        {
            var value = hashRaw.ToString("x");
            counts[value] = counts.GetValueOrDefault(value) + 1;
            int line = lineNumbers[index];
            while (hashes.Count < line) hashes.Add("");
            hashes[line - 1] = $"{value}:{counts[value]}";
            lineNumbers[index] = -1;
        }
        void Update(int current)
        {
            int begin = window[index];
            window[index] = current;
            hashRaw = Mod * hashRaw + (ulong)(long)current - firstMod * (ulong)(long)begin;
            index = (index + 1) % BlockSize;
        }
        void Process(int current)
        {
            if (current == ' ' || current == '\t' || (prevCR && current == '\n')) { prevCR = false; return; }
            if (current == '\r') { current = '\n'; prevCR = true; }
            else prevCR = false;
            if (lineNumbers[index] != -1) Output();
            if (lineStart) { lineStart = false; lineNumber++; lineNumbers[index] = lineNumber; }
            if (current == '\n') lineStart = true;
            Update(current);
        }

        foreach (char c in text) Process(c);
        Process(65535); // codeql-action's EOF marker
        for (int i = 0; i < BlockSize; i++)
        {
            if (lineNumbers[index] != -1) Output();
            Update(0);
        }
        return hashes.ToArray();
    }

    /// <summary>
    /// Vigil's key for a finding, stable across line moves: a hash of the
    /// check, the repository-relative file, the enclosing function and the
    /// message with positions taken out. Findings sharing all four are told
    /// apart by their occurrence number, in output order.
    /// </summary>
    public static string VigilKeyBase(string check, string file, string function, string message)
    {
        var input = string.Join("\0", check, file, function, NormalizeMessage(message));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(input));
        return Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    /// <summary>The message without positions ("x.go:12:3" becomes "x.go"), so it does not change when code moves.</summary>
    public static string NormalizeMessage(string message) =>
        PositionPattern().Replace(message.Split('\n')[0].Trim(), "$1");

    [GeneratedRegex(@"(\.go)(:\d+){1,2}")]
    private static partial Regex PositionPattern();
}
