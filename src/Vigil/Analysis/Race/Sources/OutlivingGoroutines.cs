using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A goroutine a method starts and does not wait for outlives the call: the caller goes on and calls
/// the type's other methods on the same value while it runs.
///
/// <code>
/// func (w *Worker) Start() { go func() { for job := range w.jobs { w.last = job } }() }
/// func (w *Worker) Last() string { return w.last } // races with the goroutine Start left running
/// </code>
///
/// The goroutine's accesses to the receiver (and to package-level variables) are paired with the
/// accesses of every exported pointer method of the type, with the method's receiver taken as the
/// starter's. The usual rules decide: a common lock, or happens-before through the objects they
/// share (<c>Stop</c> closing <c>w.quit</c> and waiting on <c>w.done</c>, which the goroutine closes
/// last), and the pair is no race.
/// </summary>
/// <remarks>
/// A start the method itself joins before it returns (it acquires something the goroutine releases) is
/// left to the goroutine analysis of that method. Only exported methods are callers' entries; a method
/// whose doc comment rules out concurrent use is not one (<see cref="ConcurrencyDocs"/>).
/// </remarks>
public static partial class OutlivingGoroutines
{
    public static IEnumerable<RacePair> Find(Package pkg, Summaries sums, HappensBefore hb)
    {
        Dictionary<GoNamed, List<PointerMethods.Method>>? constructors = null;
        foreach (var (type, methods) in PointerMethods.ByType(pkg))
        {
            if (ConcurrencyDocs.RulesOut(ConcurrencyDocs.TypeDoc(pkg, type))) continue;
            var entries = methods.Where(m => m.IsEntry && !ConcurrencyDocs.RulesOut(m.Doc)).ToList();
            // Methods that start goroutines, found cheaply before any summary is computed.
            var starters = entries.Where(m => RaceAnalyzer.MayStartConcurrency(m.Ref, sums))
                .Concat((constructors ??= Constructors(pkg)).GetValueOrDefault(type, []).Where(m => RaceAnalyzer.MayStartConcurrency(m.Ref, sums)))
                .ToList();
            if (starters.Count == 0) continue;
            // Methods that start goroutines themselves (Start, StartTLS, Output, which calls Start) belong to the type's
            // life cycle, which its documentation orders (a Cmd starts once): they are not the calls made meanwhile.
            // The other methods' summaries are computed only once a goroutine shares something with them (most starters'
            // goroutines touch no receiver field): summaries depend only on the function and the depth, so when they are
            // computed changes nothing.
            List<(PointerMethods.Method Method, IReadOnlyList<Event> Events)>? meanwhile = null;
            // Which methods write each field of the receiver (with the unexported helpers they call).
            Dictionary<GoVar, HashSet<Node>>? writers = null;
            foreach (var starter in starters)
            {
                var events = PointerMethods.EventsOf(sums, starter.Ref);
                List<(PointerMethods.Method Method, List<Event> Events)>? calls = null;
                foreach (var s in events)
                {
                    if (s.Kind != EventKind.Spawn || s.Spawn is not { Kind: SpawnKind.Go or SpawnKind.AfterFunc } sp) continue;
                    // `t = &T{parent: t}; go run(t)`: the goroutine has a new value, not the one the caller holds.
                    if (PointerMethods.Repoints(events, starter.Receiver, before: s.Seq)) continue;
                    var shared = sp.Child.Where(e => e.Kind == EventKind.Access && (e.Loc!.Root == starter.Receiver || e.Loc.Root.IsPackageLevel)
                        && !JoinedBeforeReturn(e, s, events, hb)).ToList();
                    if (shared.Count == 0) continue;
                    meanwhile ??= entries
                        .Select(m => (Method: m, Events: PointerMethods.EventsOf(sums, m.Ref)))
                        .Where(m => !m.Events.Any(e => e.Kind == EventKind.Spawn))
                        .ToList();
                    calls ??= meanwhile.Select(m => (m.Method, Events: PointerMethods.Rebind(m.Events, m.Method, starter.Receiver))).ToList();
                    foreach (var (other, theirs) in calls)
                    {
                        foreach (var p in theirs)
                        {
                            if (p.Kind != EventKind.Access) continue;
                            foreach (var c in shared)
                                if (c.Loc!.Root == p.Loc!.Root && RaceFinder.Conflict(p, c, null)
                                    && !hb.Ordered(c, sp.Child, p, theirs) && !hb.Ordered(p, theirs, c, sp.Child)
                                    && !LifecycleGuard.RulesOut(p, other, s, starter, events, writers ??= LifecycleGuard.Writers(methods, sums)))
                                    yield return new RacePair(new Side(p, null), new Side(c, sp), false, other.Ref, starter.Ref);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Functions that return a new value of the type, named by a local pointer variable they return
    /// (<c>s := &amp;Server{}; go s.run(); return s</c>), as the pointer or as an interface: a goroutine they start on it outlives them like a method's,
    /// and the caller then calls the type's methods on the value. The variable plays the receiver.
    /// </summary>
    private static Dictionary<GoNamed, List<PointerMethods.Method>> Constructors(Package pkg)
    {
        // One pass over the package's functions (not one per type): a function that returns a local pointer to a struct
        // type, as that pointer or as an interface (not error), constructs a value of that type.
        var byType = new Dictionary<GoNamed, List<PointerMethods.Method>>();
        foreach (var file in pkg.Files)
            foreach (var decl in file.Syntax.Decls)
            {
                if (decl is not FuncDecl { Recv: null, Body: { } body } fd || pkg.Info.DefOf(fd.Name!) is not GoFunc func) continue;
                var results = func.Signature.Results.Vars;
                if (!results.Any(r => PointedNamed(r.Type) is not null || IsInterface(r.Type))) continue;
                var returned = body.Descendants()
                    .OfType<ReturnStmt>()
                    .Where(r => r.Ancestor<FuncLit>() is null)
                    .SelectMany(r => r.Results)
                    .Select(e => e is Ident id ? pkg.Info.ObjectOf(id) as GoVar : null)
                    .FirstOrDefault(v => v is { IsPackageLevel: false } && PointedNamed(v.Type) is { Underlying: GoStruct });
                if (returned is null || PointedNamed(returned.Type) is not { } type) continue;
                // The value may be returned as an interface it implements (`func newBackend() (backend, error)`):
                // the caller still calls its methods, through the interface.
                if (!results.Any(r => PointedNamed(r.Type) == type || IsInterface(r.Type))) continue;
                if (!byType.TryGetValue(type, out var list)) byType[type] = list = [];
                list.Add(new PointerMethods.Method(new FunctionRef(fd, pkg), returned, func));
            }
        return byType;
    }

    /// <summary>The named type (its origin) a pointer type points to.</summary>
    private static GoNamed? PointedNamed(GoType? t) =>
        t?.Unalias() is GoPointer { Elem: var e } && e.Unalias() is GoNamed n ? n.Origin : null;

    /// <summary>An interface result other than error (which a constructor returns beside the value, not as it).</summary>
    private static bool IsInterface(GoType? t) =>
        t?.Unalias() is { Underlying: GoInterface } it && !(it is GoNamed { Obj.Name: "error", Obj.Package: null });

    /// <summary>
    /// The goroutine's access <paramref name="c"/> is over before the starter returns: the goroutine releases something
    /// after it that the starter, after the start, acquires on every path (it waits for the goroutine, or for the part
    /// of it that holds <paramref name="c"/>; <c>go s.loop(); &lt;-s.ready</c> orders only what comes before the ready signal).
    /// </summary>
    private static bool JoinedBeforeReturn(Event c, Event start, IReadOnlyList<Event> events, HappensBefore hb)
    {
        // Later in the goroutine's order too: after a loop that never ends, every point "follows" vacuously.
        var releases = hb.SyncEvents(start.Spawn!.Child).Releases.Where(r => r.Seq > c.Seq && hb.Follows(r, c)).ToList();
        return releases.Count > 0 && hb.SyncEvents(events).Acquires.Any(q => q.Seq > start.Seq && q.Unconditional && !q.Deferred
            && q.Scope is null && releases.Any(r => hb.Matches(r, q)));
    }
}
