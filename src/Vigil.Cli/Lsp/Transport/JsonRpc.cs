using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Vigil.Cli.Lsp.Transport;

/// <summary>One JSON-RPC 2.0 message from the client: a request (with an id), a notification, or a response.</summary>
internal sealed class IncomingMessage(JsonElement root)
{
    public string? Method { get; } = root.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
    /// <summary>The request's id as sent (a number or a string), or null for a notification.</summary>
    public JsonElement? Id { get; } = root.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.Number or JsonValueKind.String ? id.Clone() : null;
    public JsonElement? Params { get; } = root.TryGetProperty("params", out var p) && p.ValueKind != JsonValueKind.Null ? p.Clone() : null;
    public bool IsRequest => Method is not null && Id is not null;
    public bool IsNotification => Method is not null && Id is null;

    /// <summary>The params as <typeparamref name="T"/>; a shape the server cannot read is an invalid-params error.</summary>
    public T ParamsAs<T>(JsonTypeInfo<T> type)
    {
        if (Params is not { } p) throw new RpcException(RpcException.InvalidParams, $"{Method}: missing params");
        try { return p.Deserialize(type) ?? throw new RpcException(RpcException.InvalidParams, $"{Method}: null params"); }
        catch (JsonException e) { throw new RpcException(RpcException.InvalidParams, $"{Method}: {e.Message}"); }
    }
}

/// <summary>A request the server answers with a JSON-RPC error instead of a result.</summary>
internal sealed class RpcException(int code, string message) : Exception(message)
{
    public const int ParseError = -32700, InvalidRequest = -32600, MethodNotFound = -32601, InvalidParams = -32602, InternalError = -32603;
    /// <summary>LSP: a request other than initialize before initialize.</summary>
    public const int ServerNotInitialized = -32002;
    public int Code { get; } = code;
}

/// <summary>JSON-RPC 2.0 over the base protocol: parses what comes in, frames what goes out.</summary>
internal sealed class JsonRpc(MessageReader reader, MessageWriter writer)
{
    /// <summary>The next message, or null at the end of input. A body that is not JSON is answered with a parse error and skipped.</summary>
    public IncomingMessage? Receive()
    {
        while (true)
        {
            var body = reader.Read();
            if (body is null) return null;
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) { SendError(null, RpcException.InvalidRequest, "a message must be a JSON object"); continue; }
                return new IncomingMessage(doc.RootElement.Clone());
            }
            catch (JsonException e)
            {
                SendError(null, RpcException.ParseError, $"the message is not JSON: {e.Message}");
            }
        }
    }

    public void Notify<T>(string method, T parameters, JsonTypeInfo<T> type) => Send(w =>
    {
        w.WriteString("method", method);
        w.WritePropertyName("params");
        JsonSerializer.Serialize(w, parameters, type);
    });

    public void Respond<T>(JsonElement id, T result, JsonTypeInfo<T> type) => Send(w =>
    {
        w.WritePropertyName("id");
        id.WriteTo(w);
        w.WritePropertyName("result");
        JsonSerializer.Serialize(w, result, type);
    });

    /// <summary>A response whose result is null (shutdown's).</summary>
    public void RespondNull(JsonElement id) => Send(w =>
    {
        w.WritePropertyName("id");
        id.WriteTo(w);
        w.WriteNull("result");
    });

    public void SendError(JsonElement? id, int code, string message) => Send(w =>
    {
        w.WritePropertyName("id");
        if (id is { } i) i.WriteTo(w); else w.WriteNullValue();
        w.WriteStartObject("error");
        w.WriteNumber("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    private void Send(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("jsonrpc", "2.0");
            members(w);
            w.WriteEndObject();
        }
        writer.Write(buffer.WrittenSpan);
    }
}
