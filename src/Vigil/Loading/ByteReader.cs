namespace Vigil.Loading;

/// <summary>Thrown when the front-end's stream does not follow the format (docs/stream-format.md).</summary>
public sealed class StreamFormatException(string message) : Exception(message);

/// <summary>Reads the stream's primitives (LEB128 varints, bytes) from a buffer.</summary>
internal struct ByteReader(byte[] data, int start = 0)
{
    private readonly byte[] data = data;
    public int Position = start;

    public readonly bool AtEnd => Position >= data.Length;
    public readonly int Remaining => data.Length - Position;

    public ulong Uvarint()
    {
        ulong x = 0;
        int shift = 0;
        while (true)
        {
            if (Position >= data.Length) throw new StreamFormatException("truncated varint");
            byte b = data[Position++];
            if (b < 0x80) return x | ((ulong)b << shift);
            x |= (ulong)(b & 0x7f) << shift;
            shift += 7;
            if (shift > 63) throw new StreamFormatException("varint overflow");
        }
    }

    public int U() => Uvarint() is var x && x <= int.MaxValue ? (int)x : throw new StreamFormatException($"value {x} out of range");

    /// <summary>
    /// A count of elements that follow (each takes at least one byte), checked against
    /// the bytes left: a corrupt count fails here, before anything is allocated for it.
    /// </summary>
    public int Count()
    {
        int n = U();
        return n <= Remaining ? n : throw new StreamFormatException($"count {n} exceeds the {Remaining} bytes left");
    }

    public long Varint()
    {
        ulong ux = Uvarint();
        long x = (long)(ux >> 1);
        if ((ux & 1) != 0) x = ~x;
        return x;
    }

    public byte Byte()
    {
        if (Position >= data.Length) throw new StreamFormatException("truncated stream");
        return data[Position++];
    }

    public bool Bool() => Byte() != 0;

    public ReadOnlySpan<byte> Bytes(int n)
    {
        if (n < 0 || n > data.Length - Position) throw new StreamFormatException("truncated bytes");
        var s = new ReadOnlySpan<byte>(data, Position, n);
        Position += n;
        return s;
    }
}
