namespace Vigil.Loading;

/// <summary>What to load: package patterns as `go list` takes them, from a working directory.</summary>
public sealed record LoadOptions
{
    public required IReadOnlyList<string> Patterns { get; init; }
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;
    /// <summary>Comma-separated build tags, passed to go list -tags.</summary>
    public string? Tags { get; init; }
    /// <summary>Load _test.go files and test packages (as go vet does).</summary>
    public bool Tests { get; init; } = true;
}
