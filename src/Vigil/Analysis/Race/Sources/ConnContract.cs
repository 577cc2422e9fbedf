using Vigil.Findings;
using Vigil.Flow.CallGraph;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Types that implement <c>net.Conn</c> promise concurrent use: "Multiple goroutines may invoke methods on a Conn
/// simultaneously", and the deadline setters act on "any currently-blocked Read call". So <c>Read</c> runs alongside
/// <c>Write</c>, <c>Close</c> and the deadline setters, and <c>Write</c> alongside <c>Close</c> and the setters, on
/// other goroutines than the one that reads. A field one of those methods writes and another accesses, with no lock
/// in common and no happens-before edge, is a race by that contract, even when the type has no lock at all (a
/// deadline stored by <c>SetReadDeadline</c> and read by a blocked <c>Read</c>).
/// </summary>
/// <remarks>
/// Only the pairs the contract is used for: Read or Write against Close and the deadline setters, with a write the
/// method (or a direct helper) makes holding no lock. Read × Write is left to the other rules: the state the two
/// share lies deep in a protocol's machinery (a TLS handshake either may run), under locks the summaries lose.
/// </remarks>
public static class ConnContract
{
    private static readonly string[] ConnMethods = ["Read", "Write", "Close", "SetDeadline", "SetReadDeadline", "SetWriteDeadline"];
    private static readonly HashSet<string> IoSides = ["Read", "Write"];

    public static IEnumerable<GuardedFields.Violation> Find(Package pkg, Summaries sums, HappensBefore hb)
    {
        MethodSets? sets = null;
        foreach (var (type, methods) in PointerMethods.ByType(pkg))
        {
            if (!methods.Any(m => m.Func.Name == "Read") || !methods.Any(m => m.Func.Name == "Write")) continue; // cheap first
            sets ??= new MethodSets();
            var set = sets.Of(type, pointer: true);
            if (!ConnMethods.All(set.ContainsKey) || ConcurrencyDocs.RulesOut(ConcurrencyDocs.TypeDoc(pkg, type))) continue;
            var canon = methods[0].Receiver;
            var entries = methods
                .Where(m => ConnMethods.Contains(m.Func.Name) && !ConcurrencyDocs.RulesOut(m.Doc))
                .Select(m => (Method: m, Events: (IReadOnlyList<Event>)PointerMethods.Rebind(PointerMethods.EventsOf(sums, m.Ref), m, canon)))
                .ToList();
            var found = new List<(Node At, Event W, PointerMethods.Method A, Event O, PointerMethods.Method B)>();
            foreach (var (a, aEvents) in entries)
            foreach (var (b, bEvents) in entries)
            {
                if (!Paired(a.Func.Name, b.Func.Name)) continue;
                foreach (var w in aEvents)
                {
                    // The write is the method's own (or a direct helper's) and holds no lock: deep writes in a
                    // protocol's machinery (a TLS handshake run from Read) follow locks the summaries do not carry.
                    if (!Field(w, canon, type) || !w.Write || w.Atomic || w.Chain.Count > 1 || w.Locks.Any(l => !l.Once)) continue;
                    var other = bEvents
                        .Where(o => Field(o, canon, type) && RaceFinder.Conflict(w, o, null)
                            && !hb.Ordered(w, aEvents, o, bEvents) && !hb.Ordered(o, bEvents, w, aEvents))
                        .OrderBy(o => o.Write ? 0 : 1)
                        .ThenBy(o => o.Chain.Count)
                        .ThenBy(o => o.Origin.Location.Path, StringComparer.Ordinal)
                        .ThenBy(o => o.Origin.Location.Offset)
                        .FirstOrDefault();
                    if (other is null) continue;
                    found.Add((w.Origin.SourceFile.Package == pkg ? w.Origin : w.Site, w, a, other, b));
                }
            }
            // One finding per write, named from the method that writes it itself (SetReadDeadline rather than
            // SetDeadline, which calls it).
            foreach (var g in found.GroupBy(f => f.At).OrderBy(g => g.Key.Location.Path, StringComparer.Ordinal).ThenBy(g => g.Key.Location.Offset))
            {
                var f = g.OrderBy(x => x.W.Chain.Count).ThenBy(x => x.O.Chain.Count).ThenBy(x => x.A.Func.Name, StringComparer.Ordinal)
                    .ThenBy(x => x.B.Func.Name, StringComparer.Ordinal).First();
                yield return Report(f.At, f.W, f.A, f.O, f.B, type);
            }
        }
    }

    /// <summary>The pairs of methods the contract runs together (either order; a method with itself never).</summary>
    private static bool Paired(string a, string b) =>
        IoSides.Contains(a) != IoSides.Contains(b);

    /// <summary>A plain access to a field of the connection value itself (not of a sync type).</summary>
    private static bool Field(Event e, GoVar canon, GoNamed type) =>
        e.Kind == EventKind.Access && e.Loc is { } loc && loc.Root == canon && loc.Steps.Count >= 2
        && loc.Steps[0].Kind == StepKind.Deref && loc.Steps[1] is { Kind: StepKind.Field, Field: { } f }
        && f.Owner is { } owner && owner.Origin == type.Origin
        && f.Type?.Unalias() is not GoNamed { Obj.Package.Path: "sync" or "sync/atomic" };

    private static GuardedFields.Violation Report(Node at, Event w, PointerMethods.Method a, Event o, PointerMethods.Method b, GoNamed type)
    {
        string verb = o.Write ? "written" : "read";
        string msg = $"data race: {w.Loc} written in {type.Obj.Name}.{a.Func.Name}; {RaceReport.OtherAccess(w, o, verb)} in {type.Obj.Name}.{b.Func.Name}"
            + $" ({type.Obj.Name} implements net.Conn, whose methods may be called from several goroutines at once)";
        var related = new List<RelatedLocation> { RaceReport.OtherAccessStep(o, verb) };
        related.AddRange(RaceReport.ThisAccessSteps(w, at, "written"));
        var held = o.Locks.Where(l => !l.Once).Select(l => l.Lock.ToString()).Distinct().ToList();
        var advice = held.Count > 0 ? RaceAdvice.Hold(held) : RaceAdvice.Unguarded;
        return new GuardedFields.Violation(at, w.Origin, msg, related, RaceReport.Held(w), advice);
    }
}
