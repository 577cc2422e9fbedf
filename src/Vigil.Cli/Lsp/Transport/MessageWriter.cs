using System.Text;

namespace Vigil.Cli.Lsp.Transport;

/// <summary>
/// Writes LSP base-protocol messages (Content-Length header, then the UTF-8
/// JSON body). Analyses publish from their own threads, so each message is
/// written whole under a lock.
/// </summary>
internal sealed class MessageWriter(Stream output)
{
    private readonly object gate = new();

    public void Write(ReadOnlySpan<byte> body)
    {
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (gate)
        {
            output.Write(header);
            output.Write(body);
            output.Flush();
        }
    }
}
