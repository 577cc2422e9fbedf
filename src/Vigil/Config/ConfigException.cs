namespace Vigil.Config;

/// <summary>A vigil.yaml that cannot be used; the message starts with "file:line:col:".</summary>
public sealed class ConfigException(string message) : Exception(message);
