using Xunit;
using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Vigil.Flow.Dataflow;

namespace Vigil.Tests.Flow;

/// <summary>
/// The laws every <see cref="ISemilattice{T}"/> must obey (see its
/// documentation), checked with random states for the lattices Vigil ships.
/// A new lattice gets the same treatment by calling <see cref="CheckLaws"/>.
/// </summary>
public class LatticeLawTests
{
    internal static void CheckLaws<T>(ISemilattice<T> l, Gen<T> gen)
    {
        var arb = gen.ToArbitrary();
        bool Eq(T a, T b) => l.Equals(a, b);
        Prop.ForAll(arb, a => Eq(l.Join(a, a), a)).Label("idempotent").QuickCheckThrowOnFailure();
        Prop.ForAll(arb, arb, (a, b) => Eq(l.Join(a, b), l.Join(b, a))).Label("commutative").QuickCheckThrowOnFailure();
        Prop.ForAll(arb, arb, arb, (a, b, c) => Eq(l.Join(l.Join(a, b), c), l.Join(a, l.Join(b, c)))).Label("associative").QuickCheckThrowOnFailure();
        Prop.ForAll(arb, a => Eq(l.Join(l.Bottom, a), a) && Eq(l.Join(a, l.Bottom), a)).Label("bottom is the identity").QuickCheckThrowOnFailure();
        Prop.ForAll(arb, a => Eq(a, a)).Label("equals is reflexive").QuickCheckThrowOnFailure();
        Prop.ForAll(arb, arb, (a, b) => Eq(a, b) == Eq(b, a)).Label("equals is symmetric").QuickCheckThrowOnFailure();
        // Join is monotone: a ⊑ Join(a, b), i.e. Join(a, Join(a, b)) = Join(a, b).
        Prop.ForAll(arb, arb, (a, b) => Eq(l.Join(a, l.Join(a, b)), l.Join(a, b))).Label("upper bound").QuickCheckThrowOnFailure();
    }

    // Small domains, so random states overlap often (that is where bugs hide).
    private static Gen<ImmutableHashSet<int>> SmallSets =>
        Gen.ListOf(Gen.Choose(0, 8)).Select(xs => xs.ToImmutableHashSet());

    [Fact]
    public void Union() => CheckLaws(UnionLattice<int>.Instance, SmallSets);

    [Fact]
    public void Intersection() => CheckLaws(IntersectionLattice<int>.Instance,
        Gen.Frequency((1, Gen.Constant<ImmutableHashSet<int>?>(null)), (4, SmallSets.Select(s => (ImmutableHashSet<int>?)s))));

    [Fact]
    public void Flags() => CheckLaws(FlagsLattice.Instance, Gen.Choose(0, 15).Select(i => (uint)i));

    [Fact]
    public void MapOfFlags()
    {
        var lattice = new MapLattice<string, uint>(FlagsLattice.Instance);
        var entries = Gen.ListOf(Gen.Elements("x", "y", "z", "w").Zip(Gen.Choose(0, 7).Select(i => (uint)i)));
        CheckLaws(lattice, entries.Select(kvs =>
        {
            var m = lattice.Bottom;
            foreach (var (k, v) in kvs) m = lattice.Set(m, k, v);
            return m;
        }));
    }

    [Fact]
    public void ABrokenLatticeIsCaught()
    {
        // Join = "take the left one" is not commutative: the checker must say so.
        var broken = new BrokenLattice();
        Assert.ThrowsAny<Exception>(() => CheckLaws(broken, Gen.Choose(0, 5)));
    }

    private sealed class BrokenLattice : ISemilattice<int>
    {
        public int Bottom => 0;
        public int Join(int a, int b) => a == 0 ? b : a;
        public bool Equals(int a, int b) => a == b;
    }
}
