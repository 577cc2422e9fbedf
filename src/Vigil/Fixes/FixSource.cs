using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Vigil.Syntax;

namespace Vigil.Fixes;

/// <summary>
/// The bytes of a loaded file as a fix sees them: read from disk and checked
/// against the hash the front-end computed, so that byte offsets of the syntax
/// tree are offsets of this text. A file whose bytes differ (cgo's rewritten
/// files, a file edited during the run) gets no fixes: an edit at the wrong
/// offset would break it.
/// </summary>
public sealed class FixSource
{
    private static readonly ConditionalWeakTable<SourceFile, FixSource?> cache = [];

    private FixSource(SourceFile file, byte[] bytes)
    {
        File = file;
        Bytes = bytes;
        Newline = bytes.AsSpan().IndexOf("\r\n"u8) >= 0 ? "\r\n" : "\n";
    }

    public SourceFile File { get; }
    public byte[] Bytes { get; }
    /// <summary>The file's line ending ("\r\n" when it uses them), for inserted lines.</summary>
    public string Newline { get; }

    /// <summary>The file's verified bytes, or null when they cannot be read or are not what was analyzed.</summary>
    public static FixSource? Of(SourceFile file) => cache.GetValue(file, Read);

    private static FixSource? Read(SourceFile file)
    {
        try
        {
            var bytes = System.IO.File.ReadAllBytes(file.Path);
            return bytes.Length == file.Size && SHA256.HashData(bytes).AsSpan().SequenceEqual(file.Hash) ? new FixSource(file, bytes) : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>The 1-based line a node starts on.</summary>
    public int Line(Node n) => File.Line(n.Pos);

    /// <summary>The source text of a node.</summary>
    public string Text(Node n) => Text(n.Pos.Offset, n.End.Offset);

    public string Text(int start, int end) => Encoding.UTF8.GetString(Bytes, start, end - start);

    /// <summary>The offset of the first byte of the line holding <paramref name="offset"/>.</summary>
    public int LineStart(int offset)
    {
        int i = Math.Min(offset, Bytes.Length);
        while (i > 0 && Bytes[i - 1] != (byte)'\n') i--;
        return i;
    }

    /// <summary>The offset just after the newline that ends the line holding <paramref name="offset"/> (the file's length on its last line).</summary>
    public int NextLineStart(int offset)
    {
        int nl = Array.IndexOf(Bytes, (byte)'\n', offset);
        return nl < 0 ? Bytes.Length : nl + 1;
    }

    /// <summary>
    /// The whitespace that indents the line of <paramref name="offset"/>, or null when
    /// something other than whitespace comes before the offset on its line.
    /// </summary>
    public string? IndentBefore(int offset)
    {
        int start = LineStart(offset);
        for (int i = start; i < offset; i++)
            if (Bytes[i] is not ((byte)' ' or (byte)'\t')) return null;
        return Encoding.ASCII.GetString(Bytes, start, offset - start);
    }

    /// <summary>The whitespace at the start of the line holding <paramref name="offset"/>.</summary>
    public string LineIndent(int offset)
    {
        int start = LineStart(offset), i = start;
        while (i < Bytes.Length && Bytes[i] is (byte)' ' or (byte)'\t') i++;
        return Encoding.ASCII.GetString(Bytes, start, i - start);
    }

    /// <summary>True when only whitespace (or a line comment) follows <paramref name="offset"/> on its line.</summary>
    public bool RestOfLineIsBlank(int offset)
    {
        for (int i = offset; i < Bytes.Length && Bytes[i] != (byte)'\n'; i++)
        {
            if (Bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r') continue;
            return Bytes[i] == (byte)'/' && i + 1 < Bytes.Length && Bytes[i + 1] == (byte)'/';
        }
        return true;
    }

    /// <summary>An insertion of <paramref name="text"/> at <paramref name="offset"/>.</summary>
    public Findings.TextEdit Insert(int offset, string text) => new(File.Path, offset, offset, text);
}
