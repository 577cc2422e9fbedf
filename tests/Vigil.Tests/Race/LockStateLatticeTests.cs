using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Vigil.Analysis.Race;
using Vigil.Semantics;
using Vigil.Tests.Flow;
using Xunit;

namespace Vigil.Tests.Race;

/// <summary>The lockset solver's lattice (held locks, channels received from and sent on; null = not reached) obeys the semilattice laws.</summary>
public class LockStateLatticeTests
{
    private static readonly Loc[] Locs = Enumerable.Range(1, 4).Select(i => Loc.Of(new GoVar { Id = i, Name = "m" + i })).ToArray();

    private static Gen<ImmutableHashSet<T>> Sets<T>(Gen<T> element) => Gen.ListOf(element).Select(xs => xs.ToImmutableHashSet());

    private static readonly Gen<Loc> AnyLoc = Gen.Elements(Locs);

    private static readonly Gen<HeldLock> AnyLock =
        from l in AnyLoc
        from ro in Gen.Elements(false, true)
        select new HeldLock(l, ro);

    private static readonly Gen<LockState?> States = Gen.Frequency(
        (1, Gen.Constant<LockState?>(null)),
        (4, from held in Sets(AnyLock)
            from received in Sets(AnyLoc)
            from sent in Sets(AnyLoc)
            select (LockState?)new LockState(held, received, sent)));

    [Fact]
    public void Laws() => LatticeLawTests.CheckLaws(LockStateLattice.Instance, States);

    [Fact]
    public void PathsMeetByIntersection()
    {
        var a = new LockState([new HeldLock(Locs[0], false), new HeldLock(Locs[1], false)], [Locs[2]], []);
        var b = new LockState([new HeldLock(Locs[1], false)], [Locs[2], Locs[3]], [Locs[0]]);
        var j = LockStateLattice.Instance.Join(a, b)!;
        Assert.Equal([new HeldLock(Locs[1], false)], j.HeldList());
        Assert.Equal([Locs[2]], j.Received.ToList());
        Assert.Empty(j.Sent);
        Assert.Same(a, LockStateLattice.Instance.Join(a, null));
    }
}
