using Vigil.Findings;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Lock discipline inferred from a type's own methods. A struct with a mutex says its
/// methods run concurrently: that is what the mutex is for. A field its methods access
/// holding the mutex (a write among those accesses, and more often held than not) is
/// guarded by it; an access by another method without the mutex races with the guarded
/// ones when two methods run at once. No goroutine of the analyzed code is needed: a
/// library type whose concurrent callers live elsewhere is checked too (the reasoning
/// Infer's RacerD applies to Java classes that use locks).
/// </summary>
/// <remarks>
/// Only what a caller can reach is a concurrent entry: the exported pointer methods and
/// the goroutines they start, and methods the package starts as goroutines. Unexported
/// helpers are seen through those entries, with the locks their callers hold.
/// Constructors are not methods: fields filled before the value is shared never count.
/// </remarks>
public static class GuardedFields
{
    /// <summary>An access by one entry of the type, with its field path and locks in the type's terms.</summary>
    private sealed record Access(Event Event, Entry Entry, GoVar Field, Loc Path, IReadOnlyList<TypeLock> Locks);

    /// <summary>A lock named from the receiver (<c>.mu</c> of the type) or a package-level one, and whether only its read side is held.</summary>
    private readonly record struct TypeLock(string Key, Loc Shown, bool ReadOnly);

    /// <summary>Code that can run concurrently with the type's other entries: a method, or a goroutine one starts.</summary>
    /// <param name="Events">Its events in its own frame; <paramref name="SharedLazily"/>: the same with the receiver renamed to the
    /// type's canonical one, so that sync objects of two entries compare. <paramref name="Start"/>: for a goroutine, the
    /// method's go statement.</param>
    private sealed record Entry(FunctionRef Method, GoVar Receiver, string Name, SpawnInfo? Spawn, IReadOnlyList<Event> Events,
        Lazy<IReadOnlyList<Event>> SharedLazily, Event? Start = null)
    {
        /// <summary>Renamed only when a pair needs happens-before (most fields never get that far).</summary>
        public IReadOnlyList<Event> Shared => SharedLazily.Value;

        /// <summary>A method callers call (rather than one the package only starts as a goroutine).</summary>
        public bool Exported { get; init; }
    }

    /// <summary>An unguarded access that races with a guarded one: where it is reported, and the access itself.</summary>
    /// <param name="Locks">The locks held at the unguarded access (Finding.Locks), when known.</param>
    public sealed record Violation(Node At, Node Access, string Message, IReadOnlyList<RelatedLocation> Related, IReadOnlyList<string>? Locks = null, string? Advice = null)
    {
        /// <summary>Taking the guarding lock in the method, when that is safe (<see cref="LockFix"/>).</summary>
        public IReadOnlyList<SuggestedFix> Fixes { get; init; } = [];
    }


    /// <param name="finder">Its happens-before rules order two entries' accesses through the objects they share, and its
    /// hand-back rule (<see cref="RaceFinder.HandedBack"/>) orders a goroutine's access before the starter's write when nil.</param>
    /// <param name="exclusive">Two methods that never run at once (<see cref="BusyFlags"/>): their pairs are dropped.</param>
    public static List<Violation> Find(Package pkg, Summaries sums, RaceFinder finder, Func<FunctionRef, FunctionRef, bool>? exclusive = null)
    {
        var found = new List<Violation>();
        HashSet<GoFunc>? startedOnce = null;
        foreach (var (type, methods) in PointerMethods.ByType(pkg))
        {
            if (!(HasMutex(type) || CallsAtomics(methods)) || ConcurrencyDocs.RulesOut(ConcurrencyDocs.TypeDoc(pkg, type))
                || OneGoroutineTypes.IsIterator(type)) continue;
            var canon = methods[0].Receiver;
            var started = startedOnce ??= StartedMethods(pkg);
            var accesses = new List<Access>();
            foreach (var entry in Entries(methods, started, sums, canon))
                foreach (var e in entry.Events)
                    if (!finder.ExcludedByArgument(e) && Normalize(e, entry, type, canon) is { } a) accesses.Add(a); // not on this path: `if prev` on findGE(key, false)
            var byEntry = accesses.ToLookup(a => a.Entry);
            foreach (var byField in accesses.GroupBy(a => a.Field).OrderBy(g => g.Key.Location.Offset))
                found.AddRange(Check(byField.ToList(), byEntry, type, pkg, finder, exclusive));
        }
        return found;
    }

    /// <summary>The accesses of one field by the type's entries: the guarded ones decide the discipline, the others break it.</summary>
    private static IEnumerable<Violation> Check(List<Access> accesses, ILookup<Entry, Access> byEntry, GoNamed type, Package pkg, RaceFinder finder,
        Func<FunctionRef, FunctionRef, bool>? exclusive)
    {
        if (IsSyncType(accesses[0].Field.Type)) yield break;
        if (accesses.Any(a => a.Event.Atomic))
        {
            foreach (var v in MixedAtomic(accesses, type, pkg, finder)) yield return v;
            yield break;
        }
        // The lock held at the most accesses of the field, a write under its write side among them, is the one guarding
        // it. Writes under only the read side of an RWMutex say the lock is held for something else (Rows.Next holds
        // closemu's read side against a concurrent Close while it fills its own buffers).
        var guard = accesses
            .SelectMany(a => a.Locks.Select(l => (l.Key, l.ReadOnly, a)))
            .GroupBy(x => x.Key)
            .Where(g => g.Any(x => x.a.Event.Write && !x.ReadOnly))
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (guard is null)
        {
            // No write under any write side. A write under only the read side of an RWMutex still races with itself:
            // readers hold the read side together, so two calls of `s.mu.RLock(); s.hits[k]++` overlap.
            var readSide = accesses
                .Where(a => a.Event.Write)
                .SelectMany(a => a.Locks.Where(l => l.ReadOnly).Select(l => l.Key))
                .Distinct()
                .OrderBy(k => k, StringComparer.Ordinal)
                .FirstOrDefault();
            if (readSide is null) yield break;
            // Only writes the code makes itself: a library method called under the read side (`b.buf.Read(p)` of a
            // bytes.Buffer, a write by UnsafeLibraryTypes' table) says less about the author's intent (a test's reader is
            // often alone), and other packages' code is theirs.
            var underReadSide = accesses.Where(a => a.Locks.Any(l => l.Key == readSide) && a.Event.Origin is not CallExpr
                && a.Event.Origin.SourceFile.Package == pkg).ToList();
            foreach (var v in ReadSideWrites(underReadSide, readSide, type, pkg, finder)) yield return v;
            yield break;
        }
        var guarded = guard.Select(x => x.a).ToList();
        foreach (var v in ReadSideWrites(guarded, guard.Key, type, pkg, finder)) yield return v;
        // An access holding another lock follows a discipline of its own (crypto/tls's handshake lock and output lock
        // guard some fields at different stages; a lock of the connection it points to): only accesses holding none
        // break this one.
        var unguarded = accesses.Where(a => !a.Event.Locks.Any(l => !l.Once)).ToList();
        // Counted by place in the source: a method reached as an entry and as a goroutine another entry starts is one place.
        int held = Places(guarded), free = Places(unguarded);
        var setter = held < 2 || held <= free ? LockedSetter(guarded) : null;
        if (free == 0 || (held < 2 || held <= free) && setter is null) yield break;
        var reported = new HashSet<Node>();
        foreach (var u in unguarded.OrderBy(a => a.Event.Write ? 0 : 1))
        {
            if (!u.Event.Write && CheckedFirst(u, guarded)) continue;
            var other = guarded
                .Where(g => (u.Event.Write || g.Event.Write) && Loc.Overlap(u.Path, g.Path) && !CommonLock(u, g)
                    && !Ordered(u, g, finder) && (u.Event.Write || !PublishedBefore(u, g, guard.Key, byEntry))
                    && !(u.Entry.Spawn is null && g.Entry.Spawn is null && exclusive != null && exclusive(u.Entry.Method, g.Entry.Method)))
                .OrderBy(g => g.Event.Write ? 0 : 1)
                .ThenBy(g => g.Event.Origin.Location.Path, StringComparer.Ordinal)
                .ThenBy(g => g.Event.Origin.Location.Offset)
                .FirstOrDefault();
            if (other is null) continue;
            // Where the lock is missing: below the point where a guarded access through the same code parts from it.
            var twin = guarded.FirstOrDefault(g => g.Event.Origin == u.Event.Origin) ?? other;
            var at = RaceReport.FirstUnshared(u.Event, twin.Event);
            if (at.SourceFile.Package != pkg) at = u.Event.Site;
            if (!reported.Add(at)) continue;
            var guardLock = guard.First().a.Locks.First(l => l.Key == guard.Key).Shown;
            string lockName = Rename(guardLock, u.Event.Loc!.Root.Name);
            var fixes = u.Entry.Spawn is null ? LockFix.For(at, u.Entry.Method, guardLock, byEntry[u.Entry].Any(a => a.Event.Write)) : [];
            yield return Report(at, u, other, $"without holding {lockName}", "holding it", $"holding {lockName}",
                setter is null
                    ? $"{lockName} guards {u.Field.Name} in {type.Obj.Name}'s methods: held at {held} accesses, not at {free}"
                    : $"{lockName} guards {u.Field.Name}: {type.Obj.Name}.{setter} takes it to store the field",
                RaceAdvice.Hold([lockName])) with { Fixes = fixes };
        }
    }

    /// <summary>
    /// A write holding only the read side of the field's guard (an RWMutex): the read side is shared, so it runs
    /// alongside every other holder of the read side (<c>delete(s.hashmap, k)</c> under <c>s.lock.RLock()</c> while
    /// <c>get</c> reads the map under the same read lock). Reported at the write.
    /// </summary>
    private static IEnumerable<Violation> ReadSideWrites(List<Access> guarded, string guard, GoNamed type, Package pkg, RaceFinder finder)
    {
        static bool ReadSideOnly(Access a, string guard) =>
            a.Locks.Count == 1 && a.Locks[0] is { ReadOnly: true } l && l.Key == guard && a.Event.Locks.Count(h => !h.Once) == 1;
        var reported = new HashSet<Node>();
        // The entry that makes the write itself first (Write, rather than Flush calling Write): the message names it.
        foreach (var w in guarded.Where(a => a.Event.Write && ReadSideOnly(a, guard)).OrderBy(a => a.Event.Chain.Count))
        {
            var other = guarded
                .Where(g => ReadSideOnly(g, guard) && Loc.Overlap(w.Path, g.Path) && !Ordered(w, g, finder))
                .OrderBy(g => g.Event.Origin == w.Event.Origin ? 1 : 0)
                .ThenBy(g => g.Event.Write ? 1 : 0)
                .ThenBy(g => g.Event.Origin.Location.Path, StringComparer.Ordinal)
                .ThenBy(g => g.Event.Origin.Location.Offset)
                .FirstOrDefault();
            if (other is null) continue;
            var at = ReportedAt(w, pkg);
            if (!reported.Add(at)) continue;
            string lockName = Rename(w.Locks[0].Shown, w.Event.Loc!.Root.Name);
            yield return Report(at, w, other, $"holding only the read side of {lockName}", "holding the read side too", "holding the read side",
                $"readers of {lockName} run together: a write needs its write side",
                RaceAdvice.WriteSide(lockName));
        }
    }

    /// <summary>Where an access is reported: its statement when that is in the package, else the site the package reaches it through.</summary>
    private static Node ReportedAt(Access a, Package pkg) => a.Event.Origin.SourceFile.Package == pkg ? a.Event.Origin : a.Event.Site;

    /// <summary>
    /// A field the type's methods access with sync/atomic somewhere and plainly elsewhere: the atomic operations say
    /// the methods run concurrently, and a plain access races with an atomic one (one of them a write) unless ordered
    /// or under a common lock (<c>atomic.StoreInt32(&amp;s.closed, 1)</c> in Close, <c>return s.closed == 1</c>).
    /// </summary>
    private static IEnumerable<Violation> MixedAtomic(List<Access> accesses, GoNamed type, Package pkg, RaceFinder finder)
    {
        var atomics = accesses.Where(a => a.Event.Atomic).ToList();
        var reported = new HashSet<Node>();
        foreach (var p in accesses.Where(a => !a.Event.Atomic).OrderBy(a => a.Event.Write ? 0 : 1))
        {
            var other = atomics
                .Where(a => (p.Event.Write || a.Event.Write) && Loc.Overlap(p.Path, a.Path) && !CommonLock(p, a) && !Ordered(p, a, finder))
                .OrderBy(a => a.Event.Write ? 0 : 1)
                .ThenBy(a => a.Event.Origin.Location.Path, StringComparer.Ordinal)
                .ThenBy(a => a.Event.Origin.Location.Offset)
                .FirstOrDefault();
            if (other is null) continue;
            var at = ReportedAt(p, pkg);
            if (!reported.Add(at)) continue;
            yield return Report(at, p, other, "without sync/atomic", "atomically", "atomically",
                $"{p.Field.Name} is accessed with sync/atomic at {Count(Places(atomics), "place")}: {type.Obj.Name}'s methods run concurrently",
                RaceAdvice.Atomic(p.Event.Loc!.ToString()));
        }
    }

    /// <summary>
    /// The two accesses cannot run at the same time: one entry's goroutine against that entry's code before the
    /// go statement, happens-before through the objects both entries name (a write, then <c>close(s.shutdownCh)</c>;
    /// a read after <c>&lt;-s.shutdownCh</c>), or the goroutine's hand-back of a field its starter writes when nil.
    /// </summary>
    private static bool Ordered(Access u, Access g, RaceFinder finder)
    {
        if (BeforeStart(u, g) || BeforeStart(g, u)) return true;
        if (u.Entry.Spawn != null && SetsUpAStart(g) || g.Entry.Spawn != null && SetsUpAStart(u)) return true;
        var hb = finder.HappensBefore;
        if (hb.Ordered(g.Event, g.Entry.Shared, u.Event, u.Entry.Shared) || hb.Ordered(u.Event, u.Entry.Shared, g.Event, g.Entry.Shared)) return true;
        if (u.Entry.Start is { } su && g.Entry.Start is { } sg && finder.Restarted(su, u.Event, u.Entry.Events, sg, g.Event, g.Entry.Events)) return true;
        return u.Entry.Spawn != null && finder.HandedBack(g.Event, u.Event, u.Entry.Events);
    }

    /// <summary>
    /// <paramref name="a"/> is in a method that starts goroutines, before its first start: the setup of a life cycle
    /// (<c>ListenAndServe</c> filling defaults under the lock), which the type runs once (a second start is refused, by
    /// a flag under the lock); another start's goroutines do not run alongside it.
    /// </summary>
    private static bool SetsUpAStart(Access a) =>
        a.Entry.Spawn is null && a.Entry.Events.Any(e => e.Kind == EventKind.Spawn && e.Seq > a.Event.Seq);

    /// <summary><paramref name="a"/> is in the code of a method before the go statement that starts <paramref name="b"/>'s goroutine.</summary>
    private static bool BeforeStart(Access a, Access b) =>
        a.Entry.Spawn is null && b.Entry.Start is { } s && a.Entry.Method == b.Entry.Method && a.Event.Seq < s.Seq;

    /// <summary>
    /// The writer publishes the field through another one under the lock, and the reader looked at that one first:
    /// <c>srv.shutdown = make(...); srv.started = true</c> under <c>srv.lock</c>, then <c>srv.lock.Lock(); if !srv.started
    /// { ...; return }; srv.lock.Unlock(); &lt;-srv.shutdown</c>. The read sees the write through the lock.
    /// </summary>
    private static bool PublishedBefore(Access read, Access write, string guard, ILookup<Entry, Access> byEntry)
    {
        // A method that reads the field after the check and also rewrites it (a cache refreshed when stale) runs on
        // two goroutines at once: one call rewrites it while another, which saw the flag fresh, reads it.
        if (read.Entry.Method == write.Entry.Method) return false;
        var flags = byEntry[read.Entry]
            .Where(r => r.Field != read.Field && r.Event.Seq < read.Event.Seq && r.Locks.Any(l => l.Key == guard))
            .Select(r => r.Field)
            .ToHashSet();
        return flags.Count > 0 && byEntry[write.Entry].Any(w => w.Event.Write && flags.Contains(w.Field) && w.Event.Seq > write.Event.Seq
            && w.Locks.Any(l => l.Key == guard));
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static int Places(IEnumerable<Access> accesses) => accesses.Select(a => (a.Event.Origin, a.Event.Write)).Distinct().Count();

    /// <summary>
    /// A read of a field the same code accessed holding the lock just before: a check under the lock, then the value
    /// used after it (<c>t.parse()</c>, which locks and fills <c>t.version</c> once, then <c>t.version</c> read; a field
    /// set when the server started, read again after <c>Unlock</c>). What the read sees was published under the lock;
    /// an element read after the unlock (iterating a slice the lock guards) is still reported.
    /// </summary>
    private static bool CheckedFirst(Access read, List<Access> guarded)
    {
        if (read.Path.Steps.Any(s => s.Kind is StepKind.Elem or StepKind.MapElem)) return false;
        return guarded.Any(g => g.Entry == read.Entry && g.Event.Seq < read.Event.Seq && Loc.Overlap(g.Path, read.Path));
    }

    /// <param name="missing">What the unguarded access lacks (<c>without holding c.mu</c>).</param>
    /// <param name="how">How the other access is made, in the message (<c>holding it</c>) and in its trace step (<c>holding c.mu</c>).</param>
    /// <param name="why">Why the type's methods run concurrently.</param>
    /// <param name="advice">What to do (<see cref="RaceAdvice"/>).</param>
    private static Violation Report(Node at, Access u, Access g, string missing, string how, string howStep, string why, string advice)
    {
        var ue = u.Event;
        var ge = g.Event;
        string msg = $"data race: {ue.Loc} {Verb(ue)} {missing} {Where(u.Entry)}; {RaceReport.OtherAccess(ue, ge, Verb(ge))} {how} {Where(g.Entry)} ({why})";
        var related = new List<RelatedLocation> { RaceReport.OtherAccessStep(ge, Verb(ge) + " " + howStep) };
        if (g.Entry.Spawn is { } gs) related.Add(new(gs.Start.Location, "the goroutine started here") { Flow = RaceReport.OtherFlow });
        if (u.Entry.Spawn is { } us) related.Add(new(us.Start.Location, "the goroutine started here") { Flow = RaceReport.ThisFlow });
        related.AddRange(RaceReport.ThisAccessSteps(ue, at, Verb(ue)));
        return new Violation(at, ue.Origin, msg, related, RaceReport.Held(ue), advice);
    }

    private static string Verb(Event e) => e.Write ? "written" : "read";

    private static string Where(Entry e) => e.Spawn is { } sp
        ? $"by the goroutine {e.Name} starts at {RaceReport.Short(sp.Start.Location)}"
        : $"in {e.Name}";

    /// <summary>A receiver-rooted lock shown with the receiver name of the access it is reported with.</summary>
    private static string Rename(Loc l, string receiver)
    {
        var s = l.ToString();
        int dot = s.IndexOf('.');
        return l.Root.IsPackageLevel || dot < 0 ? s : receiver + s[dot..];
    }

    /// <summary>A lock both hold that excludes them: any lock held for writing by one of them, or the read side by both when neither writes.</summary>
    private static bool CommonLock(Access a, Access b) =>
        a.Locks.Any(x => b.Locks.Any(y => y.Key == x.Key && (!x.ReadOnly || !y.ReadOnly || !a.Event.Write && !b.Event.Write)));

    /// <summary>
    /// An access to a field of the receiver (<c>r.f</c>, <c>r.f.g</c>, <c>r.m[k]</c>), in the type's terms: the path from a
    /// receiver shared by every method, and the locks named from the receiver or package-level.
    /// </summary>
    private static Access? Normalize(Event e, Entry entry, GoNamed type, GoVar canon)
    {
        if (e.Kind != EventKind.Access || e.Loc is not { } loc || loc.Root != entry.Receiver) return null;
        if (loc.Steps.Count < 2 || loc.Steps[0].Kind != StepKind.Deref || loc.Steps[1] is not { Kind: StepKind.Field, Field: { } field }) return null;
        if (field.Owner is { } owner && owner.Origin != type.Origin) return null;
        var locks = new List<TypeLock>();
        foreach (var h in e.Locks)
        {
            if (h.Once) continue;
            // The type's own mutexes (fields of the struct value, possibly nested), not those of objects it points to.
            if (h.Lock.Root == entry.Receiver && OwnLockPath(h.Lock))
                locks.Add(new TypeLock(string.Concat(h.Lock.Steps.Select(s => s.Identity)), h.Lock, h.ReadOnly));
            else if (h.Lock.Root.IsPackageLevel) locks.Add(new TypeLock(h.Lock.Key, h.Lock, h.ReadOnly));
        }
        return new Access(e, entry, field, new Loc(canon, loc.Steps), locks);
    }

    /// <summary>
    /// The type's concurrent entries: exported pointer methods, methods the package starts as goroutines,
    /// and the goroutines those start.
    /// </summary>
    private static List<Entry> Entries(List<PointerMethods.Method> methods, HashSet<GoFunc> started, Summaries sums, GoVar canon)
    {
        var entries = EntriesAndStarted(methods, started, sums, canon).ToList();
        // A started method that some entry's goroutine runs is seen there, with its start (and the ordering that gives).
        var run = entries.Where(e => e.Spawn != null).Select(e => e.Spawn!.FunctionName).ToHashSet();
        return entries.Where(e => e.Spawn != null || e.Exported || !run.Contains(e.Name)).ToList();
    }

    private static IEnumerable<Entry> EntriesAndStarted(List<PointerMethods.Method> methods, HashSet<GoFunc> started, Summaries sums, GoVar canon)
    {
        var internalEntries = InternalEntries(methods);
        foreach (var m in methods)
        {
            var (method, receiver) = (m.Ref, m.Receiver);
            bool entry0 = m.IsEntry || internalEntries.Contains(m.Func.Origin);
            if (!entry0 && !started.Contains(m.Func)) continue;
            // "String is provided only for debugging, and must not be called concurrent with any Import/Export method."
            if (ConcurrencyDocs.RulesOut(m.Doc)) continue;
            var events = PointerMethods.EventsOf(sums, method);
            if (PointerMethods.Repoints(events, receiver)) continue; // its accesses after that are another value's
            var entry = new Entry(method, receiver, method.Name, null, events, new(() => PointerMethods.Rebind(events, m, canon))) { Exported = entry0 };
            yield return entry;
            // Goroutines it starts with go statements; a timer function or handler is left to the goroutine analysis,
            // which sees how its start is ordered with the rest (a Stop, a wait for the callback).
            foreach (var e in events)
                if (e.Kind == EventKind.Spawn && e.Spawn is { Kind: SpawnKind.Go } sp)
                    yield return entry with { Spawn = sp, Events = sp.Child, SharedLazily = new(() => PointerMethods.Rebind(sp.Child, m, canon)), Start = e };
        }
    }

    /// <summary>
    /// A type with a mutex and no exported methods (a shard of a cache, reached through its owner's exported methods,
    /// each call on whatever shard the key picks): its methods that lock for themselves and that none of its own
    /// methods call are what the owner's callers run concurrently. Helpers run under their callers' locks and are seen
    /// through them.
    /// </summary>
    private static HashSet<GoFunc> InternalEntries(List<PointerMethods.Method> methods)
    {
        if (methods.Count == 0 || methods.Any(m => m.IsEntry)) return []; // (Find checked the mutex)
        var own = methods.Select(m => m.Func.Origin).ToHashSet();
        var called = new HashSet<GoFunc>();
        foreach (var m in methods)
            foreach (var n in m.Ref.Body?.Descendants() ?? [])
                if (n is SelectorExpr sel && m.Ref.Package.Info.SelectionOf(sel)?.Obj is GoFunc f && own.Contains(f.Origin)) called.Add(f.Origin);
        // Only methods that lock for themselves: one that does not is a helper its callers (another type's code)
        // call holding the lock, unless an exported method that takes no lock calls it (below).
        var locking = methods.Where(m => Locks(m.Ref)).Select(m => m.Func.Origin).ToHashSet();
        var calledUnlocked = CalledWithoutLocks(methods, own);
        return methods.Where(m => !called.Contains(m.Func.Origin) && m.Func.Name != "Init"
                && (locking.Contains(m.Func.Origin) || calledUnlocked.Contains(m.Func.Origin)))
            .Select(m => m.Func.Origin).ToHashSet();
    }

    /// <summary>
    /// The type's methods that other code of the package calls from an exported method (of another type) that takes
    /// no lock at all (<c>BigCache.KeyMetadata</c> calling <c>shard.getKeyMetadata</c>): those callers' goroutines run them unguarded,
    /// so they are entries even though they take no lock themselves.
    /// </summary>
    private static HashSet<GoFunc> CalledWithoutLocks(List<PointerMethods.Method> methods, HashSet<GoFunc> own)
    {
        var found = new HashSet<GoFunc>();
        var pkg = methods[0].Ref.Package;
        var ownDecls = methods.Select(m => m.Ref.Node).ToHashSet();
        foreach (var file in pkg.Files)
            foreach (var decl in file.Syntax.Decls)
            {
                // Exported methods only: an unexported one may itself run under the lock (a callback the type calls
                // holding it, `s.onRemove(...)` reaching `providedOnRemoveWithMetadata`), and a function such as
                // `Open` works on values it creates, not yet shared.
                if (decl is not FuncDecl { Body: { } body, Name: { } name, Recv: not null } fd || ownDecls.Contains(fd) || !char.IsUpper(name.Name[0])) continue;
                if (AtomicGlobals.SetUp(fd) || Locks(new FunctionRef(fd, pkg))) continue;
                foreach (var n in body.Descendants())
                    if (n is CallExpr { Fun: SelectorExpr sel } && pkg.Info.SelectionOf(sel)?.Obj is GoFunc f && own.Contains(f.Origin))
                        found.Add(f.Origin);
            }
        return found;
    }

    private static bool Locks(FunctionRef f) =>
        f.Body?.Descendants().Any(n => n is CallExpr { Fun: SelectorExpr { Sel.Name: "Lock" or "RLock" } }) == true;


    /// <summary>Methods started with <c>go x.m(...)</c> somewhere in the package.</summary>
    private static HashSet<GoFunc> StartedMethods(Package pkg)
    {
        var set = new HashSet<GoFunc>();
        foreach (var file in pkg.Files)
            foreach (var n in file.Syntax.Descendants())
                if (n is GoStmt { Call.Fun: SelectorExpr sel } && pkg.Info.SelectionOf(sel)?.Obj is GoFunc f)
                    set.Add(f.Origin);
        return set;
    }

    /// <summary>Some method calls a sync/atomic function itself (a cheap look before any summary is computed).</summary>
    private static bool CallsAtomics(List<PointerMethods.Method> methods) =>
        methods.Any(m => m.Ref.Body?.Descendants().Any(n => n is CallExpr { Fun: SelectorExpr { Sel: { } sel } }
            && m.Ref.Package.Info.ObjectOf(sel) is GoFunc { IsMethod: false, Package.Path: "sync/atomic" }) == true);

    /// <summary>
    /// An exported setter that takes the lock to store the field itself (<c>func (l *Logger) SetFormatter(f Formatter) {
    /// l.mu.Lock(); defer l.mu.Unlock(); l.Formatter = f }</c>): the lock is there to publish the value to readers on
    /// other goroutines, so this one place is enough to call the field guarded, against the majority count. Returns
    /// the setter's name, or null.
    /// </summary>
    /// <remarks>
    /// Only a plain setter: its body locks, unlocks (or defers the unlock) and stores, nothing else. A setter that first
    /// checks a state (<c>if s.isHeaderSent() { return err }</c>) belongs to a protocol whose readers may be ordered
    /// by it instead (a header read only after it was sent), and is left to the majority count.
    /// </remarks>
    private static string? LockedSetter(List<Access> guarded) => guarded
        .Where(a => a.Event.Write && a.Entry.Spawn is null && a.Entry.Exported && a.Event.Chain.Count == 0
            && a.Entry.Method.Node is FuncDecl { Name.Name: { Length: > 3 } n, Body: { } body }
            && n.StartsWith("Set", StringComparison.Ordinal) && char.IsUpper(n[3]) && PlainSetter(body, a.Entry.Method.Package.Info))
        .Select(a => ((FuncDecl)a.Entry.Method.Node).Name!.Name)
        .OrderBy(n => n, StringComparer.Ordinal)
        .FirstOrDefault();

    /// <summary>A body made of lock and unlock calls (deferred or not) and assignments only.</summary>
    private static bool PlainSetter(BlockStmt body, TypeInfo info) =>
        body.List.Count <= 8 && body.List.All(st => st switch
        {
            AssignStmt { Tok: Token.Assign } => true,
            ExprStmt { X: CallExpr c } => IsLockCall(c, info),
            DeferStmt { Call: { } c } => IsLockCall(c, info),
            _ => false,
        });

    private static bool IsLockCall(CallExpr c, TypeInfo info) =>
        c.Fun is SelectorExpr { Sel: { Name: "Lock" or "Unlock" or "RLock" or "RUnlock" } sel } && info.ObjectOf(sel) is GoFunc { IsMethod: true };

    private static bool HasMutex(GoNamed type) =>
        type.Underlying is GoStruct s && s.Fields.Any(f => IsMutex(f.Type) || f.Type?.Unalias() is GoPointer { Elem: var e } && IsMutex(e)
            || IsMutexWrapper(f.Type));

    /// <summary>
    /// A struct of the program's own that wraps a mutex behind its own Lock and Unlock (logrus's <c>MutexWrap</c>, which
    /// can switch locking off): a field of that type is the value's mutex too.
    /// </summary>
    private static bool IsMutexWrapper(GoType? t) =>
        t?.Unalias() is GoNamed { Underlying: GoStruct inner } named && inner.Fields.Any(f => IsMutex(f.Type))
        && named.Methods.Any(m => m.Name == "Lock") && named.Methods.Any(m => m.Name == "Unlock");

    private static bool IsMutex(GoType? t) =>
        t?.Unalias() is GoNamed { Obj: { Package.Path: "sync", Name: "Mutex" or "RWMutex" } };

    /// <summary>
    /// A mutex of the value itself: a field path from the receiver (possibly nested), or a field holding a pointer to a
    /// mutex (<c>Mutex *sync.RWMutex</c>, set by the constructor and shared by copies of the struct), not a mutex of an
    /// object the value points to.
    /// </summary>
    private static bool OwnLockPath(Loc l)
    {
        var steps = l.Steps;
        if (steps.Count < 2 || steps[0].Kind != StepKind.Deref) return false;
        int end = steps.Count;
        if (steps[^1].Kind == StepKind.Deref && steps[^2] is { Kind: StepKind.Field, Field: { } f }
            && f.Type?.Unalias() is GoPointer { Elem: var e } && IsMutex(e)) end--;
        for (int i = 1; i < end; i++)
            if (steps[i].Kind != StepKind.Field) return false;
        return end >= 2;
    }

    /// <summary>Fields that synchronize by themselves (mutexes, WaitGroups, Once, atomic types): their methods are not plain accesses.</summary>
    private static bool IsSyncType(GoType? t) =>
        (t?.Unalias() is GoPointer { Elem: var e } ? e.Unalias() : t?.Unalias()) is GoNamed { Obj.Package.Path: "sync" or "sync/atomic" };
}
