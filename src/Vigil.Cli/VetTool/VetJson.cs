using System.Text.Json.Serialization;

namespace Vigil.Cli.VetTool;

/// <summary>One flag as `vigil -flags` describes it to the go command (unitchecker's JSON shape).</summary>
internal sealed record VetFlag(string Name, bool Bool, string Usage);

/// <summary>
/// The vet protocol's JSON (vet.cfg in, -flags out), generated at compile
/// time: the native executable (Native AOT) has no reflection-based serializer.
/// </summary>
[JsonSerializable(typeof(VetConfig))]
[JsonSerializable(typeof(VetFlag[]))]
internal sealed partial class VetJson : JsonSerializerContext;
