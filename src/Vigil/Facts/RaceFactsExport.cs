using Vigil.Analysis;
using Vigil.Analysis.Race;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Facts;

/// <summary>
/// The race facts of a package's functions (<see cref="RaceFunctionFact"/>), from the race summaries of the load
/// that analyzed it: each function's events (callees included, as a caller with source would inline them), kept
/// when a caller can name their memory — through the receiver, a parameter or a package-level variable — with
/// the locks held as paths of the same kind, and the goroutines it starts with what they do. What only the
/// function's own locals reach is left out, but for the synchronization objects it shares with its goroutines
/// (docs/facts.md, "Race facts").
/// </summary>
public static class RaceFactsExport
{
    /// <param name="reachableOnly">Only exported functions and methods (<see cref="Reachable"/>): what a dependent can call.</param>
    public static SortedDictionary<string, RaceFunctionFact> Of(GoProgram program, ProgramCache cache, Package pkg, bool reachableOnly = false)
    {
        var facts = new SortedDictionary<string, RaceFunctionFact>(StringComparer.Ordinal);
        if (Summaries.IsRuntimeInternal(pkg.Path)) return facts; // opaque to callers from source too
        var sums = Summaries.For(cache, program);
        foreach (var file in pkg.Files)
            foreach (var fd in file.Syntax.Decls.OfType<FuncDecl>())
            {
                if (fd.Body is null || fd.Name is null || pkg.Info.DefOf(fd.Name) is not GoFunc f || sums.BodyOf(f) is not { } body) continue;
                if (reachableOnly && !Reachable.IsExported(f.Name)) continue;
                var fact = Of(body, sums.EventsOf(body), pkg.Info) with { HasGoStatement = sums.HasGoStatement(body) };
                if (fact.Events.Count + fact.Spawns.Count > 0 || fact.HasGoStatement || fact.ExitHeld.Count + fact.ExitReleased.Count + fact.ExitReceived.Count + fact.ExitSent.Count > 0)
                    facts[f.Origin.Key] = fact;
            }
        return facts;
    }

    private static RaceFunctionFact Of(FunctionRef fn, FunctionEvents fe, TypeInfo info)
    {
        var roots = Roots((FuncDecl)fn.Node, info);
        RacePath? PathOf(Loc? l, bool local = false) => l is null ? null : Path(l, roots, local ? fn : null);
        List<RaceLock> Locks(IEnumerable<HeldLock> held) =>
            [.. held.Where(h => !h.Assumed).Select(h => (h, p: PathOf(h.Lock))).Where(x => x.p != null).Select(x => new RaceLock(x.p!, x.h.ReadOnly, x.h.Once))];
        List<RaceEventFact> Events(IEnumerable<Event> list)
        {
            var events = new List<RaceEventFact>();
            int accesses = 0, syncs = 0;
            foreach (var e in list)
            {
                // Past the budget, accesses are dropped (a race through them is missed) but synchronizations are kept up
                // to their own: dropping a release after a kept access would leave the access unordered (a false race).
                bool access = e.Kind == EventKind.Access;
                if (access ? accesses >= RaceFunctionFact.MaxEvents : syncs >= RaceFunctionFact.MaxEvents) continue;
                // A synchronization that holds only in part of the function (Scope) is nothing a caller can use (Substitution.Inline);
                // one of the function's own locals is kept to pair with its goroutines' (Substitution.Object).
                if (e.Kind is not (EventKind.Access or EventKind.Acquire or EventKind.Release) || e.Scope != null
                    || PathOf(e.Loc, local: e.Kind != EventKind.Access) is not { } path) continue;
                var at = e.Imported ?? e.Origin.Location;
                events.Add(new RaceEventFact(e.Kind, e.Sync, path, e.Write, e.Atomic, e.Fresh, e.Nil, e.JoinOnly, e.Unconditional && e.AtTop,
                    Locks(e.Locks), at.Path, at.Line, at.Column));
                if (access) accesses++;
                else syncs++;
            }
            return events;
        }
        var own = Events(fe.Events);
        // Each goroutine start, placed among the events kept (a spawn is ordered after what comes before it).
        var spawns = new List<RaceSpawnFact>();
        int before = 0;
        foreach (var e in fe.Events)
        {
            if (e.Kind != EventKind.Spawn)
            {
                if (before < own.Count && Events([e]) is [var kept] && SameEvent(kept, own[before])) before++;
                continue;
            }
            if (e.Spawn is not { } sp || spawns.Count >= RaceFunctionFact.MaxSpawns) continue;
            var child = Events(sp.Child);
            if (child.Count == 0) continue;
            var at = e.Imported ?? sp.Start.Location;
            spawns.Add(new RaceSpawnFact(before, sp.Many, e.Unconditional && e.AtTop, sp.FunctionName, Locks(e.Locks), child, at.Path, at.Line, at.Column));
        }
        return new(own, spawns, Locks(fe.ExitHeld), Paths(fe.ExitReleased), Paths(fe.ExitReceived), Paths(fe.ExitSent));
        List<RacePath> Paths(IEnumerable<Loc> locs) => [.. locs.Select(l => PathOf(l)).OfType<RacePath>()];
    }

    private static bool SameEvent(RaceEventFact a, RaceEventFact b) =>
        a.Kind == b.Kind && a.Sync == b.Sync && a.Write == b.Write && a.Line == b.Line && a.Column == b.Column && a.Path == b.Path;

    /// <summary>The receiver (-1) and the parameters (by index) of a declaration.</summary>
    private static Dictionary<GoVar, int> Roots(FuncDecl fd, TypeInfo info)
    {
        var roots = new Dictionary<GoVar, int>();
        if (fd.Recv?.List is [{ Names: [var rn, ..] }, ..] && info.DefOf(rn) is GoVar rv) roots[rv] = RaceRoot.Receiver;
        int i = 0;
        foreach (var field in fd.Type?.Params?.List ?? [])
        {
            if (field.Names.Count == 0) { i++; continue; }
            foreach (var n in field.Names)
            {
                if (info.DefOf(n) is GoVar pv) roots[pv] = i;
                i++;
            }
        }
        return roots;
    }

    /// <summary>
    /// The path of a location a caller can name, or null (a local, an allocation of the function); with
    /// <paramref name="localsOf"/>, a local of that function too (a synchronization object).
    /// </summary>
    private static RacePath? Path(Loc l, Dictionary<GoVar, int> roots, FunctionRef? localsOf)
    {
        RaceRoot root;
        if (roots.TryGetValue(l.Root, out int index)) root = new RaceRoot(index);
        else if (l.Root is { IsPackageLevel: true, IsField: false, Id: >= 0 }) root = RaceRoot.OfGlobal(l.Root.Key, l.Root.Name);
        else if (localsOf != null && l.Root.Id >= 0 && localsOf.Declares(l.Root)) root = RaceRoot.OfLocal(l.Root.Key, l.Root.Name);
        else return null;
        var steps = new List<RaceStep>(l.Steps.Count);
        foreach (var s in l.Steps)
        {
            // An index held by a variable of the callee means nothing to a caller: any element.
            string? key = s.Key is { } k && (k.StartsWith("c:", StringComparison.Ordinal) || k.StartsWith("r:", StringComparison.Ordinal)) ? k : null;
            steps.Add(s.Kind == StepKind.Field
                ? new RaceStep(s.Kind, FieldIndex(s.Field!), s.Field!.Name, s.Field.Key, Display: s.Display)
                : new RaceStep(s.Kind, Key: key, Display: s.Display));
        }
        return new RacePath(root, steps);
    }

    private static int FieldIndex(GoVar field) =>
        field.Owner?.Origin.Underlying is GoStruct st ? st.Fields.ToList().FindIndex(f => f == field || f.Origin == field) : -1;
}
