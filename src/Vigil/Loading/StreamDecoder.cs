using System.Text;

namespace Vigil.Loading;

/// <summary>
/// Reads the front-end's stream: the header, then records (schema, package chunks, a fatal
/// error, the end). Each chunk's table delta is decoded in stream order; package bodies
/// decode in parallel.
/// </summary>
internal static class StreamDecoder
{
    /// <summary>What a front-end stream holds: its tables, its packages, and the fatal error it ended with, if any.</summary>
    internal sealed record Contents(StreamTables Tables, List<Package> Packages, string? Fatal);

    internal const string Truncated = "the stream ends in the middle of a record";

    /// <summary>
    /// Decodes a whole front-end stream (docs/stream-format.md). Whatever the bytes, this
    /// returns or throws <see cref="StreamFormatException"/>: a corrupt or truncated stream
    /// is an error with a message, never another exception, and no count is trusted before
    /// the bytes it promises are there (<see cref="ByteReader.Count"/>).
    /// </summary>
    internal static Contents Read(Stream stream, Action<string>? progress = null)
    {
        var tables = new StreamTables();
        var bodies = new List<Task<Package>>();
        string? fatal = null;
        try
        {
            ReadHeader(stream);
            while (true)
            {
                int tag = stream.ReadByte();
                if (tag < 0) break;
                ulong len = ReadUvarint(stream);
                // A record is read whole before it is decoded: its length must be there.
                if (stream.CanSeek && len > (ulong)(stream.Length - stream.Position)) throw new EndOfStreamException();
                if (len > int.MaxValue) throw new StreamFormatException($"record length {len} out of range");
                var payload = ReadPayload(stream, (int)len);
                if (tag == 1)
                {
                    var r = new ByteReader(payload);
                    string schema = Encoding.UTF8.GetString(r.Bytes(r.U()));
                    if (schema != Syntax.SyntaxSchema.Text)
                        throw new StreamFormatException("the front-end's syntax schema differs from the one Vigil was built with; rebuild Vigil");
                }
                else if (tag == 2)
                {
                    var r = new ByteReader(payload);
                    DeltaDecoder.Decode(ref r, tables);
                    int start = r.Position, index = bodies.Count;
                    bodies.Add(Task.Run(() => SyntaxDecoder.DecodePackage(payload, start, tables, index)));
                    progress?.Invoke($"loading packages: {bodies.Count}");
                }
                else if (tag == 3)
                {
                    var r = new ByteReader(payload);
                    fatal = Encoding.UTF8.GetString(r.Bytes(r.U()));
                }
                else if (tag == 4) break;
                else throw new StreamFormatException($"unknown record tag {tag}");
            }
            // Bodies decode in parallel; the first failure (in stream order) is the one reported.
            var packages = new List<Package>(bodies.Count);
            foreach (var b in bodies) packages.Add(b.GetAwaiter().GetResult());
            return new Contents(tables, packages, fatal);
        }
        catch (EndOfStreamException)
        {
            throw new StreamFormatException(Truncated);
        }
        catch (Exception e) when (e is not (StreamFormatException or OutOfMemoryException))
        {
            // Corrupt data that passed the format's checks but not the model's (a wrong kind of
            // entry where another was expected, an id out of its table): still a format error.
            throw new StreamFormatException($"inconsistent stream ({e.GetType().Name}: {e.Message})");
        }
        finally
        {
            foreach (var b in bodies) _ = b.Exception; // observed: a failure is reported once, above
        }
    }

    /// <summary>Reads a record's payload, growing the buffer as bytes arrive, so a corrupt length on a pipe cannot allocate more than what is really sent.</summary>
    private static byte[] ReadPayload(Stream stream, int len)
    {
        const int Step = 64 << 20;
        if (len <= Step) { var small = new byte[len]; stream.ReadExactly(small); return small; }
        var ms = new MemoryStream();
        var buffer = new byte[Step];
        for (int left = len; left > 0;)
        {
            int n = stream.Read(buffer, 0, Math.Min(left, buffer.Length));
            if (n == 0) throw new EndOfStreamException();
            ms.Write(buffer, 0, n);
            left -= n;
        }
        return ms.ToArray();
    }

    private static void ReadHeader(Stream s)
    {
        Span<byte> magic = stackalloc byte[8];
        s.ReadExactly(magic);
        if (!magic.SequenceEqual("VIGILFE\0"u8)) throw new StreamFormatException("not a Vigil front-end stream");
        ulong version = ReadUvarint(s);
        if (version != 2) throw new StreamFormatException($"stream version {version} is not supported (expected 2)");
    }

    private static ulong ReadUvarint(Stream s)
    {
        ulong x = 0;
        int shift = 0;
        while (true)
        {
            int b = s.ReadByte();
            if (b < 0) throw new EndOfStreamException();
            if (b < 0x80) return x | ((ulong)b << shift);
            x |= (ulong)(b & 0x7f) << shift;
            shift += 7;
        }
    }
}
