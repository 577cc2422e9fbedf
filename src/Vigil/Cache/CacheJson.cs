using System.Text.Json.Serialization;

namespace Vigil.Cache;

/// <summary>
/// The cache entry's JSON, generated at compile time: the native executable
/// (Native AOT) has no reflection-based serializer.
/// </summary>
[JsonSourceGenerationOptions(IncludeFields = false)]
[JsonSerializable(typeof(CacheEntry))]
internal sealed partial class CacheJson : JsonSerializerContext;
