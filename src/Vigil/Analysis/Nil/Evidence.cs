namespace Vigil.Analysis.Nil;

/// <summary>
/// How much evidence a nil returned by a function needs before its callers' dereferences are
/// reported (option `evidence` of the nil check: vigil.yaml `options: nil: evidence: returns`,
/// or `--nil-evidence=returns`). See docs/checks/nil.md, "Evidence levels".
/// </summary>
public enum Evidence
{
    /// <summary>
    /// The default: the callee's doc comment mentions nil and some caller somewhere checks the
    /// result for nil (or the callee returns nil on every path).
    /// </summary>
    Documented,
    /// <summary>
    /// Also a documented nil the callee returns only for arguments it rejects (every such return
    /// is under a condition on its arguments alone: <see cref="Preconditions"/>), which the default
    /// leaves to the caller, who knows what it passes: `new(big.Int).Exp(g, k, p)` with `k > 0`.
    /// </summary>
    Preconditions,
    /// <summary>
    /// Also a literal `nil` the callee returns (not "nil in, nil out") for a result that has no
    /// error or bool beside it: `func (s *Store) ByEmail(e string) *User { ...; return nil }`.
    /// More panics found, more false alarms (callers that know when the nil happens).
    /// </summary>
    Returns,
}

public static class EvidenceOption
{
    public const string Key = "evidence";

    /// <summary>The level the options give (default <see cref="Evidence.Documented"/>); a clear error for an unknown one.</summary>
    public static Evidence From(IReadOnlyDictionary<string, object?> options)
    {
        if (!options.TryGetValue(Key, out var v) || v is null) return Evidence.Documented;
        return (v as string)?.Trim().ToLowerInvariant() switch
        {
            "documented" => Evidence.Documented,
            "preconditions" => Evidence.Preconditions,
            "returns" => Evidence.Returns,
            _ => throw new ArgumentException($"options.nil.evidence: unknown level \"{v}\" (documented, preconditions or returns)"),
        };
    }
}
