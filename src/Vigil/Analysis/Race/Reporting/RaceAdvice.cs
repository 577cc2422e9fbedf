namespace Vigil.Analysis.Race;

/// <summary>
/// What to do about a race (Finding.Advice): the lock to take when the other
/// access holds one that this one lacks, atomics when the other access is
/// atomic, otherwise the three ways Go code shares memory safely.
/// </summary>
internal static class RaceAdvice
{
    /// <summary>The other access holds <paramref name="locks"/> and this one does not: take them here.</summary>
    public static string Hold(IReadOnlyList<string> locks) =>
        $"hold {string.Join(" and ", locks)} around this access, as the other access does";

    /// <summary>The other access uses sync/atomic and this one does not.</summary>
    public static string Atomic(string name) =>
        $"access {name} with sync/atomic here too, or guard every access with one mutex";

    /// <summary>A write holding only the read side of an RWMutex.</summary>
    public static string WriteSide(string lockName) =>
        $"take the write side of {lockName} (Lock, not RLock) around this write";

    /// <summary>A package-level value of a type not safe for concurrent use, changed without a lock.</summary>
    public static string Shared(string name) =>
        $"guard {name} with a package-level mutex in every function that uses it, or give each caller its own value";

    /// <summary>Neither access holds a lock: there is none to name.</summary>
    public const string Unguarded = "guard both accesses with one mutex, use sync/atomic, or hand the value over a channel";
}
