namespace Vigil.Syntax;

/// <summary>A position a person can read: file, 1-based line and byte column, and byte offset.</summary>
public readonly record struct Location(string Path, int Line, int Column, int Offset)
{
    public bool IsValid => Line > 0;
    public override string ToString() => IsValid ? $"{Path}:{Line}:{Column}" : Path;
}

/// <summary>One Go source file of a loaded package.</summary>
public sealed class SourceFile
{
    public SourceFile(string path, byte[] hash, int size, int[] lineStarts)
    {
        Path = path;
        Hash = hash;
        Size = size;
        LineStarts = lineStarts;
    }

    public string Path { get; }
    /// <summary>SHA-256 of the file's content.</summary>
    public byte[] Hash { get; }
    public int Size { get; }
    /// <summary>Byte offset of the first byte of each line.</summary>
    public int[] LineStarts { get; }
    public File Syntax { get; internal set; } = null!;
    public Loading.Package Package { get; internal set; } = null!;

    public bool IsTest => Path.EndsWith("_test.go", StringComparison.Ordinal);

    public Location Location(Pos pos)
    {
        if (!pos.IsValid) return new Location(Path, 0, 0, -1);
        int offset = pos.Offset;
        int line = Array.BinarySearch(LineStarts, offset);
        if (line < 0) line = ~line - 1;
        if (line < 0) line = 0;
        return new Location(Path, line + 1, offset - LineStarts[line] + 1, offset);
    }

    /// <summary>The 1-based line of a position, 0 when it has none.</summary>
    public int Line(Pos pos) => Location(pos).Line;

    public override string ToString() => Path;
}
