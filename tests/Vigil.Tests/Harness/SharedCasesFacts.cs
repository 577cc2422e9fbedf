namespace Vigil.Tests.Harness;

/// <summary>
/// A test of the acceptance cases beside the repository (../shared/cases). A fresh clone
/// has no such directory: the test is then skipped with a one-line reason, not failed
/// (Vigil's own tests/testdata covers every check without it).
/// </summary>
public sealed class SharedCasesFactAttribute : FactAttribute
{
    public SharedCasesFactAttribute() => Skip = SharedCasesSkip.Reason;
}

/// <inheritdoc cref="SharedCasesFactAttribute"/>
public sealed class SharedCasesTheoryAttribute : TheoryAttribute
{
    public SharedCasesTheoryAttribute() => Skip = SharedCasesSkip.Reason;
}

internal static class SharedCasesSkip
{
    /// <summary>Null when the shared cases are there; else why the test does not run.</summary>
    public static string? Reason { get; } = Directory.Exists(Repo.SharedCases) ? null
        : $"needs the acceptance cases at {Repo.SharedCases}, which are not beside this checkout";
}
