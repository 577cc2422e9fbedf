namespace Vigil.Analysis;

/// <summary>The checks Vigil offers, by name, in the order they are documented.</summary>
public static class Registry
{
    /// <summary>Every user-visible check. Each check adds its analyzer here.</summary>
    public static IReadOnlyList<Analyzer> Checks { get; } =
    [
        Nil.NilAnalyzer.Analyzer,
        Race.RaceAnalyzer.Analyzer,
        Escape.EscapeCheck.Analyzer,
    ];

    public static Analyzer? Find(string name) =>
        Checks.FirstOrDefault(a => a.Name == name || a.CheckId == name);
}
