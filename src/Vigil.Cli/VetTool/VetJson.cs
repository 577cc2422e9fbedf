using System.Text.Json.Serialization;

namespace Vigil.Cli.VetTool;

/// <summary>One flag as the go command's `-flags` query wants it (unitchecker's JSON: Name, Bool, Usage).</summary>
internal sealed record VetFlag(string Name, bool Bool, string Usage);

/// <summary>The unit-checker protocol's JSON, source-generated for the native executable (no reflection there).</summary>
[JsonSerializable(typeof(VetConfig))]
[JsonSerializable(typeof(VetFlag[]))]
internal sealed partial class VetJson : JsonSerializerContext;
