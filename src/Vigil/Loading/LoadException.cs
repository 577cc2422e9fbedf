namespace Vigil.Loading;

/// <summary>
/// Loading could not be done at all (no Go, an old Go, go list failed, no
/// package matched): the message says what went wrong and what to do.
/// </summary>
public sealed class LoadException(string message) : Exception(message);
