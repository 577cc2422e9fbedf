using System.Text;
using Vigil.Cli.Lsp.Protocol;

namespace Vigil.Cli.Lsp.Server;

/// <summary>
/// A file's bytes with their lines, to turn Vigil's positions (1-based lines,
/// 1-based byte columns, byte offsets: Go's) into LSP's (0-based lines,
/// UTF-16 code units). Lines end at '\n', as Go counts them.
/// </summary>
internal sealed class SourceText
{
    private readonly byte[] bytes;
    private readonly List<int> lineStarts = [0];

    public SourceText(byte[] bytes)
    {
        this.bytes = bytes;
        for (int i = 0; i < bytes.Length; i++)
            if (bytes[i] == '\n') lineStarts.Add(i + 1);
    }

    public static SourceText Of(string text) => new(Encoding.UTF8.GetBytes(text));

    public int LineCount => lineStarts.Count;

    /// <summary>Whether this is the same content as <paramref name="text"/>.</summary>
    public bool SameAs(string text) => Encoding.UTF8.GetBytes(text).AsSpan().SequenceEqual(bytes);

    /// <summary>The position of a 1-based line and byte column (clamped to the line).</summary>
    public Position At(int line, int column)
    {
        if (line < 1) return new Position(0, 0);
        if (line > lineStarts.Count) return End();
        int start = lineStarts[line - 1];
        int byteOffset = Math.Min(start + Math.Max(column - 1, 0), LineEnd(line - 1));
        return new Position(line - 1, Utf16Length(start, byteOffset));
    }

    /// <summary>The position of a byte offset (clamped to the file).</summary>
    public Position AtOffset(int offset)
    {
        offset = Math.Clamp(offset, 0, bytes.Length);
        int line = lineStarts.BinarySearch(offset);
        if (line < 0) line = ~line - 1;
        return new Position(line, Utf16Length(lineStarts[line], offset));
    }

    /// <summary>The byte offset of a 1-based line and byte column.</summary>
    public int Offset(int line, int column) =>
        line < 1 ? 0 : line > lineStarts.Count ? bytes.Length : Math.Min(lineStarts[line - 1] + Math.Max(column - 1, 0), bytes.Length);

    /// <summary>
    /// Where the expression at a byte offset ends, to give a finding with no
    /// end position a range an editor can underline: at the start of an
    /// operand, the end of its selector chain (s.served, c.mu.count: what a
    /// race names); at a name after a dot (the field a nil dereference
    /// accesses), the end of that name; else one character on.
    /// </summary>
    public int TokenEnd(int offset)
    {
        int i = offset;
        while (i < bytes.Length && IsWordByte(bytes[i])) i++;
        bool operand = offset == 0 || bytes[offset - 1] != '.';
        while (operand && i > offset && i + 1 < bytes.Length && bytes[i] == '.' && IsWordByte(bytes[i + 1]))
            for (i++; i < bytes.Length && IsWordByte(bytes[i]); i++) { }
        if (i > offset) return i;
        if (i < bytes.Length && bytes[i] != '\n') i++;
        while (i < bytes.Length && (bytes[i] & 0xC0) == 0x80) i++; // the rest of a UTF-8 sequence
        return i;
    }

    /// <summary>The text of a 0-based line, without its line break.</summary>
    public string Line(int line) =>
        line < 0 || line >= lineStarts.Count ? "" : Encoding.UTF8.GetString(bytes, lineStarts[line], LineEnd(line) - lineStarts[line]);

    private int LineEnd(int line)
    {
        int end = line + 1 < lineStarts.Count ? lineStarts[line + 1] - 1 : bytes.Length;
        if (end > lineStarts[line] && bytes[end - 1] == '\r') end--;
        return end;
    }

    private Position End() => new(lineStarts.Count - 1, Utf16Length(lineStarts[^1], bytes.Length));

    private int Utf16Length(int from, int to) => to <= from ? 0 : Encoding.UTF8.GetCharCount(bytes, from, to - from);

    private static bool IsWordByte(byte b) => b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'_' || b >= 0x80;
}
