using System.Collections.Immutable;

namespace Vigil.Flow.Dataflow;

/// <summary>Sets ordered by inclusion, joined by union (a "may" analysis: what holds on some path).</summary>
public sealed class UnionLattice<T> : ISemilattice<ImmutableHashSet<T>>
{
    public static UnionLattice<T> Instance { get; } = new();
    public ImmutableHashSet<T> Bottom => ImmutableHashSet<T>.Empty;
    public ImmutableHashSet<T> Join(ImmutableHashSet<T> a, ImmutableHashSet<T> b) =>
        a.Count >= b.Count ? a.Union(b) : b.Union(a);
    public bool Equals(ImmutableHashSet<T> a, ImmutableHashSet<T> b) => a.SetEquals(b);
}

/// <summary>
/// Sets ordered by reverse inclusion, joined by intersection (a "must"
/// analysis: what holds on every path, e.g. locks held). Bottom is
/// represented by null: "not reached yet", the identity of Join.
/// </summary>
public sealed class IntersectionLattice<T> : ISemilattice<ImmutableHashSet<T>?>
{
    public static IntersectionLattice<T> Instance { get; } = new();
    public ImmutableHashSet<T>? Bottom => null;
    public ImmutableHashSet<T>? Join(ImmutableHashSet<T>? a, ImmutableHashSet<T>? b) =>
        a is null ? b : b is null ? a : a.Intersect(b);
    public bool Equals(ImmutableHashSet<T>? a, ImmutableHashSet<T>? b) =>
        a is null ? b is null : b is not null && a.SetEquals(b);
}

/// <summary>
/// Maps from keys to values of a value lattice, joined pointwise; a missing
/// key means the value lattice's bottom (so maps stay small).
/// </summary>
public sealed class MapLattice<TKey, TValue>(ISemilattice<TValue> values) : ISemilattice<ImmutableDictionary<TKey, TValue>>
    where TKey : notnull
{
    public ISemilattice<TValue> Values { get; } = values;
    public ImmutableDictionary<TKey, TValue> Bottom => ImmutableDictionary<TKey, TValue>.Empty;

    public ImmutableDictionary<TKey, TValue> Join(ImmutableDictionary<TKey, TValue> a, ImmutableDictionary<TKey, TValue> b)
    {
        if (a.Count < b.Count) (a, b) = (b, a);
        var r = a;
        foreach (var (k, v) in b)
        {
            var joined = a.TryGetValue(k, out var av) ? Values.Join(av, v) : v;
            if (!a.TryGetValue(k, out var old) || !Values.Equals(old, joined)) r = r.SetItem(k, joined);
        }
        return Normalize(r);
    }

    /// <summary>The value of a key (bottom when absent).</summary>
    public TValue Get(ImmutableDictionary<TKey, TValue> m, TKey k) => m.TryGetValue(k, out var v) ? v : Values.Bottom;

    /// <summary>Sets a key, keeping maps canonical (bottom values are not stored).</summary>
    public ImmutableDictionary<TKey, TValue> Set(ImmutableDictionary<TKey, TValue> m, TKey k, TValue v) =>
        Values.Equals(v, Values.Bottom) ? m.Remove(k) : m.SetItem(k, v);

    public bool Equals(ImmutableDictionary<TKey, TValue> a, ImmutableDictionary<TKey, TValue> b)
    {
        foreach (var (k, v) in a) if (!Values.Equals(v, Get(b, k))) return false;
        foreach (var (k, v) in b) if (!Values.Equals(v, Get(a, k))) return false;
        return true;
    }

    private ImmutableDictionary<TKey, TValue> Normalize(ImmutableDictionary<TKey, TValue> m)
    {
        foreach (var (k, v) in m)
            if (Values.Equals(v, Values.Bottom)) m = m.Remove(k);
        return m;
    }
}

/// <summary>A finite lattice of flags (bitwise or): e.g. {MayBeNil, MayBeNonNil} for one value.</summary>
public sealed class FlagsLattice : ISemilattice<uint>
{
    public static FlagsLattice Instance { get; } = new();
    public uint Bottom => 0;
    public uint Join(uint a, uint b) => a | b;
    public bool Equals(uint a, uint b) => a == b;
}
