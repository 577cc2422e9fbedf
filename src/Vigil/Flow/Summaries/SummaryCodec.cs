using System.Text;

namespace Vigil.Flow.Summaries;

/// <summary>
/// A summary an analyzer attaches to a function, type, field or package. It
/// must write itself to bytes and read itself back so that it can be cached
/// on disk or computed in another process; Read(Write(x)) must equal x.
/// </summary>
public interface ISummary<TSelf> where TSelf : ISummary<TSelf>
{
    void Write(SummaryWriter w);
    static abstract TSelf Read(SummaryReader r);
}

/// <summary>A named kind of summary (e.g. "nil.func"), typed by its summary class: the key of an analyzer's summaries in a store.</summary>
public sealed class SummaryKind<T>(string name) where T : ISummary<T>
{
    public string Name { get; } = name;
    public override string ToString() => Name;
}

/// <summary>
/// Writes summary fields: unsigned LEB128 integers, zigzag signed ones, length-prefixed UTF-8 strings.
/// An interning writer (<see cref="Interning"/>) writes each string once, in a table before the data, and
/// a string as its index there: what a fact file repeats most (file paths, keys, field names) is stored once.
/// </summary>
public sealed class SummaryWriter
{
    private readonly MemoryStream buffer = new();
    private readonly Dictionary<string, int>? table;
    private readonly List<string>? strings;

    public SummaryWriter() { }

    private SummaryWriter(bool intern)
    {
        if (!intern) return;
        table = new(StringComparer.Ordinal);
        strings = [];
    }

    /// <summary>A writer with a string table: read its bytes back with <see cref="SummaryReader.Interned"/>.</summary>
    public static SummaryWriter Interning() => new(intern: true);

    public void WriteUInt(ulong v)
    {
        while (v >= 0x80) { buffer.WriteByte((byte)(v | 0x80)); v >>= 7; }
        buffer.WriteByte((byte)v);
    }

    public void WriteInt(long v) => WriteUInt((ulong)((v << 1) ^ (v >> 63)));
    public void WriteBool(bool b) => buffer.WriteByte(b ? (byte)1 : (byte)0);

    public void WriteString(string s)
    {
        if (table is not null)
        {
            if (!table.TryGetValue(s, out int index))
            {
                table[s] = index = strings!.Count;
                strings.Add(s);
            }
            WriteUInt((ulong)index);
            return;
        }
        WriteRawString(s);
    }

    private void WriteRawString(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        WriteUInt((ulong)bytes.Length);
        buffer.Write(bytes);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteUInt((ulong)bytes.Length);
        buffer.Write(bytes);
    }

    public void WriteKey(SummaryKey k) { WriteString(k.Package); WriteString(k.Path); }

    public void WriteList<T>(IReadOnlyCollection<T> items, Action<SummaryWriter, T> write)
    {
        WriteUInt((ulong)items.Count);
        foreach (var i in items) write(this, i);
    }

    /// <summary>The bytes written; an interning writer's start with its string table.</summary>
    public byte[] ToArray()
    {
        if (strings is null) return buffer.ToArray();
        var head = new SummaryWriter();
        head.WriteUInt((ulong)strings.Count);
        foreach (var s in strings) head.WriteRawString(s);
        return [.. head.buffer.ToArray(), .. buffer.ToArray()];
    }
}

/// <summary>Reads what <see cref="SummaryWriter"/> wrote; throws <see cref="FormatException"/> on truncated or corrupt input.</summary>
public sealed class SummaryReader(ReadOnlyMemory<byte> data)
{
    private int pos;
    private string[]? strings;

    /// <summary>A reader of what an interning writer (<see cref="SummaryWriter.Interning"/>) wrote: the string table first.</summary>
    public static SummaryReader Interned(ReadOnlyMemory<byte> data)
    {
        var r = new SummaryReader(data);
        ulong n = r.ReadUInt();
        if (n > (ulong)data.Length) throw new FormatException("string table is longer than the data");
        var table = new string[n];
        for (ulong i = 0; i < n; i++) table[i] = r.ReadString();
        r.strings = table;
        return r;
    }

    public bool AtEnd => pos >= data.Length;

    private byte Next() => pos < data.Length ? data.Span[pos++] : throw new FormatException("summary data is truncated");

    public ulong ReadUInt()
    {
        ulong v = 0;
        for (int shift = 0; ; shift += 7)
        {
            if (shift > 63) throw new FormatException("summary integer is too long");
            byte b = Next();
            v |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return v;
        }
    }

    public long ReadInt()
    {
        ulong u = ReadUInt();
        return (long)(u >> 1) ^ -(long)(u & 1);
    }

    public bool ReadBool() => Next() switch { 0 => false, 1 => true, var b => throw new FormatException($"bad boolean {b}") };

    private int ReadLength()
    {
        ulong n = ReadUInt();
        if (n > (ulong)(data.Length - pos)) throw new FormatException("summary length exceeds the data");
        return (int)n;
    }

    public string ReadString()
    {
        if (strings is not null)
        {
            ulong index = ReadUInt();
            return index < (ulong)strings.Length ? strings[index] : throw new FormatException($"string {index} is not in the table");
        }
        int n = ReadLength();
        var s = Encoding.UTF8.GetString(data.Span.Slice(pos, n));
        pos += n;
        return s;
    }

    public ReadOnlyMemory<byte> ReadBytes()
    {
        int n = ReadLength();
        var m = data.Slice(pos, n);
        pos += n;
        return m;
    }

    public SummaryKey ReadKey() => new(ReadString(), ReadString());

    public List<T> ReadList<T>(Func<SummaryReader, T> read)
    {
        ulong n = ReadUInt();
        if (n > (ulong)(data.Length - pos)) throw new FormatException("summary list is longer than the data");
        var list = new List<T>((int)n);
        for (ulong i = 0; i < n; i++) list.Add(read(this));
        return list;
    }
}
