using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Turns a racing pair into a finding placed where the fix belongs (see
/// shared/cases/README.md): with inconsistent locking, at the unguarded access
/// itself; with plain sharing, at the statement of the concurrent code that
/// touches the memory (the call leading into a callee); between equals, the
/// write, then the first in source order. The message names the memory, both
/// accesses, the locks, and the goroutine starts.
/// </summary>
public static class RaceReport
{
    public sealed record Placed(Node At, Side Here, Side Other, RacePair Pair);

    /// <summary>
    /// Places a group of pairs between the same two statements (a statement
    /// like <c>n++</c> both reads and writes, so it races as a read and as a write).
    /// </summary>
    public static Placed Place(IReadOnlyList<RacePair> group)
    {
        foreach (var pair in group.OrderBy(p => UnguardedWrite(p) ? 0 : 1))
        {
            bool la = pair.A.Access.Locks.Count > 0, lb = pair.B.Access.Locks.Count > 0;
            if (la == lb) continue;
            var unguarded = la ? pair.B : pair.A;
            var guarded = unguarded == pair.A ? pair.B : pair.A;
            return new Placed(FirstUnshared(unguarded.Access, guarded.Access), unguarded, guarded, pair);
        }
        var first = group[0];
        // Mixing atomic and plain access: the plain access is the one to fix, wherever it is.
        var mixed = group.FirstOrDefault(p => p.A.Access.Atomic != p.B.Access.Atomic);
        if (mixed != null)
        {
            var plain = mixed.A.Access.Atomic ? mixed.B : mixed.A;
            var atomic = plain == mixed.A ? mixed.B : mixed.A;
            return new Placed(FirstUnshared(plain.Access, atomic.Access), plain, atomic, mixed);
        }
        bool writeA = group.Any(p => p.A.Access.Write), writeB = group.Any(p => p.B.Access.Write);
        bool atomicA = group.All(p => p.A.Access.Atomic), atomicB = group.All(p => p.B.Access.Atomic);
        bool pickA;
        if (atomicA != atomicB) pickA = atomicB; // mixing atomic and plain access: the plain one is the bug
        else if (writeA != writeB) pickA = writeA;
        else
        {
            var x = first.A.Access.Site.Location;
            var y = first.B.Access.Site.Location;
            int c = string.CompareOrdinal(x.Path, y.Path);
            if (c == 0) c = x.Offset.CompareTo(y.Offset);
            pickA = c <= 0;
        }
        // Report the pair whose chosen side is a write when there is one.
        var best = group.FirstOrDefault(p => (pickA ? p.A : p.B).Access.Write == (pickA ? writeA : writeB)) ?? first;
        var here = pickA ? best.A : best.B;
        var other = pickA ? best.B : best.A;
        return new Placed(here.Access.Site, here, other, best);
    }

    private static bool UnguardedWrite(RacePair p) =>
        p.A.Access.Locks.Count == 0 ? p.A.Access.Write : p.B.Access.Locks.Count == 0 && p.B.Access.Write;

    /// <summary>
    /// The deepest point on the way to an unguarded access that the guarded
    /// access does not also go through: the access itself, unless both reach it
    /// through the same helper, then the call that lacks the lock.
    /// </summary>
    internal static Node FirstUnshared(Event unguarded, Event guarded)
    {
        var path = unguarded.Chain.Append(unguarded.Origin).ToList();
        var other = guarded.Chain.Append(guarded.Origin).ToHashSet();
        for (int i = path.Count - 1; i >= 0; i--)
            if (!other.Contains(path[i])) return path[i];
        return unguarded.Site;
    }

    /// <summary>The statement a node belongs to (the unit a user reads as one access).</summary>
    private static Node StatementOf(Node n)
    {
        for (Node? x = n; x != null; x = x.Parent)
            if (x is Stmt and not BlockStmt) return x;
        return n;
    }

    /// <summary>The key grouping pairs between the same two statements, and the pair oriented by it.</summary>
    public static ((Node, Node) Key, RacePair Pair) Orient(RacePair p)
    {
        var a = StatementOf(p.A.Access.Site);
        var b = StatementOf(p.B.Access.Site);
        bool swap = string.CompareOrdinal(a.Location.Path, b.Location.Path) > 0
            || (a.Location.Path == b.Location.Path && a.Pos.Offset > b.Pos.Offset);
        return swap ? ((b, a), p with { A = p.B, B = p.A }) : ((a, b), p);
    }

    public static Finding ToFinding(Placed p)
    {
        var here = p.Here.Access;
        var other = p.Other.Access;
        string name = here.Loc!.ToString();
        string otherName = other.Loc!.ToString();
        var missing = other.Locks.Where(o => !o.Once && !here.Locks.Any(h => h.Lock.Equals(o.Lock))).Select(o => o.Lock.ToString()).Distinct().ToList();
        string without = missing.Count > 0 ? " without holding " + string.Join(", ", missing) : "";
        var otherLocks = other.Locks.Where(l => !l.Once).ToList();
        string holding = otherLocks.Count > 0 ? " holding " + string.Join(", ", otherLocks.Select(l => l.Lock.ToString()).Distinct()) : "";
        string msg = $"data race: {name} {Verb(here)}{without}{Where(p.Here, p.Pair)}; {OtherAccess(here, other, Verb(other))}{holding}{OtherWhere(p)}";

        var related = new List<RelatedLocation> { OtherAccessStep(other, Verb(other)) };
        if (p.Other.Spawn is { } os) related.Add(new(os.StartLocation, StartText(os) + " here") { Flow = OtherFlow });
        if (p.Here.Spawn is { } hs && hs != p.Other.Spawn) related.Add(new(hs.StartLocation, StartText(hs) + " here") { Flow = ThisFlow });
        related.AddRange(ThisAccessSteps(here, p.At, Verb(here)));
        string advice = missing.Count > 0 ? RaceAdvice.Hold(missing) : RaceAdvice.Unguarded;
        return new Finding { Check = "", Location = p.At.Location, Message = msg, Related = related, Flow = ThisFlow, Advice = advice, Locks = Held(here) };
    }

    /// <summary>The locks an access holds, as Finding.Locks and RelatedLocation.Locks carry them: "c.mu", "c.rw (read)".</summary>
    internal static IReadOnlyList<string> Held(Event e) =>
        e.Locks.Where(l => !l.Once).Select(l => l.Lock + (l.ReadOnly ? " (read)" : "")).Distinct().ToList();

    /// <summary>Each step belongs to one of the two goroutines: SARIF shows them as two thread flows.</summary>
    internal const string ThisFlow = "this goroutine", OtherFlow = "other goroutine";

    /// <summary>"c.n written at x.go:12 (inside the call, at y.go:3)": the other access, named when it is other memory than this one.</summary>
    internal static string OtherAccess(Event here, Event other, string verb)
    {
        string name = here.Loc!.ToString(), otherName = other.Loc!.ToString();
        return (otherName == name ? "" : otherName + " ") + $"{verb} at {Short(other.ImportedSite ? OriginOf(other) : other.Site.Location)}"
            + (InsideCall(other) ? $" (inside the call, at {Short(OriginOf(other))})" : "");
    }

    /// <summary>The trace step at the other access.</summary>
    internal static RelatedLocation OtherAccessStep(Event other, string verb) =>
        new(OriginOf(other), $"the other access: {other.Loc} {verb}{(InsideCall(other) ? " (reached from " + Short(other.Site.Location) + ")" : "")}") { Flow = OtherFlow, Locks = Held(other) };

    /// <summary>Where an access really happens: in a callee, or in a dependency known from its facts (<see cref="Event.Imported"/>).</summary>
    private static Location OriginOf(Event e) => e.Imported ?? e.Origin.Location;

    private static bool InsideCall(Event e) => e.Origin != e.Site || e.Imported is not null && !e.ImportedSite;

    /// <summary>The trace steps to this access: the calls leading to it, and the access itself when the finding is placed elsewhere.</summary>
    internal static IEnumerable<RelatedLocation> ThisAccessSteps(Event here, Node at, string verb)
    {
        foreach (var call in here.Chain) yield return new(call.Location, "this access is reached through the call here") { Flow = ThisFlow };
        if (InsideCall(here) && here.Imported is not null) yield return new(here.Origin.Location, "this access is reached through the call here") { Flow = ThisFlow };
        if (at != here.Origin || here.Imported is not null) yield return new(OriginOf(here), $"{here.Loc} {verb} here") { Flow = ThisFlow, Locks = Held(here) };
    }

    private static string Verb(Event e) => (e.Write ? "written" : "read") + (e.Atomic ? " atomically" : "");

    private static string Where(Side s, RacePair pair) => s.Spawn is { } sp
        ? $" by {StartText(sp)} at {Short(sp.StartLocation)}"
        : pair.Starter is { } starter
            ? $" in {pair.Root.Name} while the goroutine started by {starter.Name} runs"
            : $" in {pair.Root.Name} while the goroutine runs";

    private static string OtherWhere(Placed p)
    {
        if (p.Pair.SameGoroutine) return " concurrently by another instance of the same goroutine";
        if (p.Other.Spawn is { } sp) return $" by {StartText(sp)} at {Short(sp.StartLocation)}";
        return p.Pair.Starter is { } starter
            ? $" by {p.Pair.Root.Name}, called while the goroutine started by {starter.Name} runs"
            : $" by {p.Pair.Root.Name}, after it starts the goroutine";
    }

    private static string StartText(SpawnInfo s) => s.Kind switch
    {
        SpawnKind.Handler => "the handler registered",
        SpawnKind.Subtest => "the parallel subtest started",
        SpawnKind.AfterFunc => "the timer function scheduled",
        _ => "the goroutine started",
    };

    public static string Short(Location l) => $"{Path.GetFileName(l.Path)}:{l.Line}";
}
