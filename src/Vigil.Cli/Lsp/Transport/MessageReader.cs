using System.Text;

namespace Vigil.Cli.Lsp.Transport;

/// <summary>The peer broke the base protocol (a header without Content-Length, a body cut short).</summary>
internal sealed class TransportException(string message) : Exception(message);

/// <summary>
/// Reads the LSP base protocol's messages from a stream: ASCII headers
/// ("Content-Length: N", optionally "Content-Type: ...") ending with an empty
/// line, then exactly N bytes of UTF-8 JSON.
/// </summary>
internal sealed class MessageReader(Stream input)
{
    /// <summary>A message body no larger than this (a whole open file travels in didOpen).</summary>
    public const int MaxBody = 256 << 20;

    private readonly byte[] one = new byte[1];

    /// <summary>The next message's body, or null at the end of the stream (between messages).</summary>
    public byte[]? Read()
    {
        int? length = null;
        bool any = false;
        while (true)
        {
            var line = ReadHeaderLine(atStart: !any);
            if (line is null) return null;
            any = true;
            if (line.Length == 0) break;
            int colon = line.IndexOf(':');
            if (colon < 0) throw new TransportException($"malformed header line \"{line}\"");
            var name = line[..colon].Trim();
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            if (!int.TryParse(line[(colon + 1)..].Trim(), out int n) || n < 0 || n > MaxBody)
                throw new TransportException($"bad Content-Length \"{line[(colon + 1)..].Trim()}\" (0 to {MaxBody} bytes)");
            length = n;
        }
        if (length is not { } size) throw new TransportException("a message without a Content-Length header");
        var body = new byte[size];
        int read = 0;
        while (read < size)
        {
            int got = input.Read(body, read, size - read);
            if (got == 0) throw new TransportException($"the stream ended {size - read} bytes before the end of a message");
            read += got;
        }
        return body;
    }

    /// <summary>One header line without its CR LF; null at the end of the stream before any byte of a message.</summary>
    private string? ReadHeaderLine(bool atStart)
    {
        var bytes = new List<byte>();
        while (true)
        {
            if (input.Read(one, 0, 1) == 0)
            {
                if (atStart && bytes.Count == 0) return null;
                throw new TransportException("the stream ended inside a message header");
            }
            if (one[0] == '\n')
            {
                if (bytes.Count > 0 && bytes[^1] == '\r') bytes.RemoveAt(bytes.Count - 1);
                return Encoding.ASCII.GetString(bytes.ToArray());
            }
            if (bytes.Count > 8192) throw new TransportException("a message header line longer than 8 KiB");
            bytes.Add(one[0]);
        }
    }
}
