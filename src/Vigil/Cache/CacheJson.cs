using System.Text.Json.Serialization;

namespace Vigil.Cache;

/// <summary>
/// The result cache's JSON, source-generated: the native (AOT) executable has
/// no reflection-based serializer. Default options (property names as
/// declared), as the entries were written before.
/// </summary>
[JsonSerializable(typeof(CacheEntry))]
internal sealed partial class CacheJson : JsonSerializerContext;
