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

    public static Placed Place(RacePair pair)
    {
        var a = pair.A;
        var b = pair.B;
        bool la = a.Access.Locks.Count > 0, lb = b.Access.Locks.Count > 0;
        if (la != lb)
        {
            var unguarded = la ? b : a;
            return new Placed(unguarded.Access.Origin, unguarded, unguarded == a ? b : a, pair);
        }
        Node At(Side s) => s.Spawn is null && la ? s.Access.Origin : s.Access.Site;
        var first = Prefer(a, b, At);
        return new Placed(At(first), first, first == a ? b : a, pair);
    }

    private static Side Prefer(Side a, Side b, Func<Side, Node> at)
    {
        if (a.Access.Write != b.Access.Write) return a.Access.Write ? a : b;
        var x = at(a).Location;
        var y = at(b).Location;
        int c = string.CompareOrdinal(x.Path, y.Path);
        if (c == 0) c = x.Offset.CompareTo(y.Offset);
        return c <= 0 ? a : b;
    }

    public static Finding ToFinding(Placed p)
    {
        var here = p.Here.Access;
        var other = p.Other.Access;
        string name = here.Loc!.ToString();
        string otherName = other.Loc!.ToString();
        var missing = other.Locks.Where(o => !here.Locks.Any(h => h.Lock.Equals(o.Lock))).Select(o => o.Lock.ToString()).Distinct().ToList();
        string without = missing.Count > 0 ? " without holding " + string.Join(", ", missing) : "";
        string holding = other.Locks.Count > 0 ? " holding " + string.Join(", ", other.Locks.Select(l => l.Lock.ToString()).Distinct()) : "";
        string msg = $"data race: {name} {Verb(here)}{without}{Where(p.Here, p.Pair)}; "
            + (otherName == name ? "" : otherName + " ")
            + $"{Verb(other)} at {Short(other.Origin.Location)}{holding}{OtherWhere(p)}";

        var related = new List<RelatedLocation>
        {
            new(other.Origin.Location, $"the other access: {otherName} {Verb(other)}{(other.Origin != other.Site ? " (reached from " + Short(other.Site.Location) + ")" : "")}"),
        };
        if (p.Other.Spawn is { } os) related.Add(new(os.Start.Location, StartText(os) + " here"));
        if (p.Here.Spawn is { } hs && hs != p.Other.Spawn) related.Add(new(hs.Start.Location, StartText(hs) + " here"));
        foreach (var call in here.Chain) related.Add(new(call.Location, "this access is reached through the call here"));
        if (p.At != here.Origin) related.Add(new(here.Origin.Location, $"{name} {Verb(here)} here"));
        return new Finding { Check = "", Location = p.At.Location, Message = msg, Related = related };
    }

    private static string Verb(Event e) => (e.Write ? "written" : "read") + (e.Atomic ? " atomically" : "");

    private static string Where(Side s, RacePair pair) => s.Spawn is { } sp
        ? $" by {StartText(sp)} at {Short(sp.Start.Location)}"
        : $" in {pair.Root.Name} while the goroutine runs";

    private static string OtherWhere(Placed p)
    {
        if (p.Pair.SameGoroutine) return " concurrently by another instance of the same goroutine";
        return p.Other.Spawn is { } sp ? $" by {StartText(sp)} at {Short(sp.Start.Location)}" : $" by {p.Pair.Root.Name}, after it starts the goroutine";
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
