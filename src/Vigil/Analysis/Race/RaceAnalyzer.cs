using Vigil.Findings;
using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>The vigil-race check: data races found statically from goroutines, shared memory, locksets and happens-before.</summary>
public static class RaceAnalyzer
{
    public static readonly Analyzer Analyzer = new()
    {
        Name = "race",
        Doc = """
            report data races: shared memory accessed concurrently without a common lock or ordering

            Finds the code that runs concurrently (go statements, in loops or started twice,
            net/http handlers, parallel subtests, time.AfterFunc), the memory it shares
            (captured variables, globals, fields and elements reached through shared pointers),
            the locks held at each access (sync.Mutex, sync.RWMutex, deferred unlocks, helper
            methods), and the happens-before edges that order accesses (go statements, channels,
            sync.WaitGroup, sync.Once, atomics). Two accesses to the same memory from concurrent
            code, at least one a write, not both atomic, with no common lock, are a race.
            A goroutine a method starts and leaves running races with the type's other
            exported methods called meanwhile (one an exported function leaves running, with
            the package's other exported functions, on package-level variables). A struct with a mutex is taken to be used
            concurrently even when no goroutine of the analyzed code uses it: a field its
            methods access holding the mutex is reported where another method accesses it
            holding no lock.
            """,
        Run = Run,
    };

    /// <summary>
    /// How ordering within a function is decided: dominators of the shared control-flow graphs
    /// (the default), or the structured syntax tree (<see cref="SyntacticOrder"/>).
    /// </summary>
    public static Func<Pass, IProgramOrder> OrderFor { get; set; } = CfgOrder.For;

    private static object? Run(Pass pass)
    {
        var pkg = pass.Package;
        // A package whose test variant is loaded too is analyzed through the variant (same files, plus tests).
        if (pass.Program.Packages.Any(p => p != pkg && p.ForTest == pkg.Path && p.Path == pkg.Path)) return null;
        if (Summaries.IsRuntimeInternal(pkg.Path)) return null;
        var sums = Summaries.For(pass);
        var finder = new RaceFinder(sums, OrderFor(pass));
        var placed = new List<RaceReport.Placed>();
        var (roots, starting) = Functions(pkg, sums);
        RaceStats.Package(starts: starting.Count > 0);
        var inCallers = CallerContext.AnalyzedInCallers(pkg, sums, starting);
        var gate = ReadinessGate.For(pass, sums);
        var setOnce = SetOnceFields.For(pass);
        var cleared = ClosedThenCleared.For(pass);
        var busy = BusyFlags.For(pass, sums);
        var modes = ConstructionModes.For(pass);
        var onceGates = OnceGates.For(pass, sums);
        var workQueues = WorkQueues.For(pass, sums);
        foreach (var root in roots)
        {
            if (!starting.Contains(root.Node) || inCallers.Contains(root.Node)) continue;
            var groups = new Dictionary<(Node, Node), List<RacePair>>();
            var order = new List<(Node, Node)>();
            foreach (var pair in finder.Find(root))
            {
                // A pair entirely inside another loaded package is that package's finding (reported once, there).
                if (Elsewhere(pair.A, pkg) && Elsewhere(pair.B, pkg)) continue;
                if (gate.RulesOut(pair, finder.HappensBefore) || setOnce.RulesOut(pair) || cleared.RulesOut(pair) || busy.RulesOut(pair) || modes.RulesOut(pair)
                    || TerminalMethods.RulesOut(pair) || onceGates.RulesOut(pair) || workQueues.RulesOut(pair)) continue;
                var (key, oriented) = RaceReport.Orient(pair);
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                    order.Add(key);
                }
                list.Add(oriented);
            }
            foreach (var key in order) placed.Add(RaceReport.Place(groups[key]));
        }

        // One finding per racing pair of statements: the same two accesses reached from several functions of the
        // package (Run, Output and CombinedOutput all calling Start) are reported once, from the closest function.
        placed = placed
            .GroupBy(p => (p.Here.Access.Origin, p.Other.Access.Origin, p.Here.Spawn?.Start, p.Other.Spawn?.Start))
            .Select(g => g
                .OrderBy(p => p.Here.Access.Path.Count + p.Other.Access.Path.Count)
                .ThenBy(p => p.At.Location.Path, StringComparer.Ordinal)
                .ThenBy(p => p.At.Location.Offset)
                .First())
            .ToList();

        // One finding per line: the first pair in a deterministic order.
        var byLine = placed
            .OrderBy(p => p.At.Location.Path, StringComparer.Ordinal)
            .ThenBy(p => p.At.Location.Line)
            .ThenBy(p => p.Other.Access.Locks.Count > 0 && p.Here.Access.Locks.Count == 0 ? 0 : 1)
            .ThenBy(p => p.Here.Access.Write ? 0 : 1)
            .ThenBy(p => p.At.Location.Offset)
            .ThenBy(p => p.Other.Access.Origin.Location.Path, StringComparer.Ordinal)
            .ThenBy(p => p.Other.Access.Origin.Location.Offset)
            .ThenBy(p => p.Here.Access.Write ? 0 : 1)
            .GroupBy(p => (p.At.Location.Path, p.At.Location.Line));
        // Each line is reported once, and an access once: the later sources only add what the earlier did not show.
        var lines = new HashSet<(string, int)>();
        var accesses = new HashSet<Node>();
        foreach (var g in byLine)
        {
            pass.Report(RaceReport.ToFinding(g.First()));
            lines.Add(g.Key);
            accesses.Add(g.First().Here.Access.Origin);
        }

        // Goroutines a method (or an exported function) leaves running, against the type's other methods (the package's
        // other exported functions) called meanwhile.
        var outliving = OutlivingGoroutines.Find(pkg, sums, finder.HappensBefore)
            .Concat(OutlivingGoroutines.FindForFunctions(pkg, sums, finder.HappensBefore))
            .Where(pair => !gate.RulesOut(pair, finder.HappensBefore) && !setOnce.RulesOut(pair) && !cleared.RulesOut(pair) && !busy.RulesOut(pair) && !modes.RulesOut(pair)
                && !TerminalMethods.RulesOut(pair) && !onceGates.RulesOut(pair) && !workQueues.RulesOut(pair)
                // An access a call's own argument rules out on its path (`if len(md) > 0` on closeStream(s, nil)), as for the goroutines of Find.
                && !finder.ExcludedByArgument(pair.A.Access) && !finder.ExcludedByArgument(pair.B.Access))
            .GroupBy(pair => RaceReport.Orient(pair).Key)
            .Select(g => RaceReport.Place(g.Select(pair => RaceReport.Orient(pair).Pair)
                .OrderBy(pair => StartedDirectly(pair) ? 0 : 1).ToList()))
            .OrderBy(p => p.At.Location.Path, StringComparer.Ordinal)
            .ThenBy(p => p.At.Location.Offset)
            .ThenBy(p => p.Other.Access.Origin.Location.Path, StringComparer.Ordinal)
            .ThenBy(p => p.Other.Access.Origin.Location.Offset);
        foreach (var p in outliving)
            if (!accesses.Contains(p.Here.Access.Origin) && lines.Add((p.At.Location.Path, p.At.Location.Line)))
            {
                pass.Report(RaceReport.ToFinding(p));
                accesses.Add(p.Here.Access.Origin);
            }

        // Inconsistent locking of a type's fields, where no goroutine of the package showed it.
        // Fields of a net.Conn its concurrent methods share unguarded (ConnContract).
        // And package-level variables (AtomicGlobals) and fields changed by other types' code (AtomicFields) accessed
        // with sync/atomic somewhere and plainly elsewhere.
        var sources = GuardedFields.Find(pkg, sums, finder, (a, b) => busy.Exclusive(a, b) || TerminalMethods.Exclusive(a, b))
            .Concat(ConnContract.Find(pkg, sums, finder.HappensBefore))
            .Concat(AtomicGlobals.Find(pkg))
            .Concat(AtomicFields.Find(pkg))
            .Concat(UnsafeGlobals.Find(pkg))
            .Concat(WaitGroupAddInGoroutine.Find(pkg))
            .Concat(CommandOutputBuffers.Find(pkg));
        foreach (var v in sources)
            if (!accesses.Contains(v.Access) && lines.Add((v.At.Location.Path, v.At.Location.Line)))
                pass.Report(new Finding { Check = "", Location = v.At.Location, Message = v.Message, Related = v.Related, Flow = RaceReport.ThisFlow, Advice = v.Advice, Locks = v.Locks, SuggestedFixes = v.Fixes });
        return null;
    }

    /// <summary>The method named as the starter has the go statement itself (Check, rather than Commit, which calls Check).</summary>
    private static bool StartedDirectly(RacePair p) =>
        p.Starter is { } starter && (p.A.Spawn ?? p.B.Spawn) is { } sp
        && sp.Start.Pos.Offset >= starter.Node.Pos.Offset && sp.Start.End.Offset <= starter.Node.End.Offset
        && sp.Start.SourceFile == starter.Node.SourceFile;

    private static bool Elsewhere(Side s, Package pkg) =>
        (s.Access.Imported is not null || s.Access.Origin.SourceFile.Package.Path != pkg.Path) // known from a dependency's facts: there
        && (s.Spawn is null || s.Spawn.ImportedStart is not null || s.Spawn.Start.SourceFile.Package.Path != pkg.Path);

    private static readonly HashSet<string> EntryNames = ["HandleFunc", "Handle", "ListenAndServe", "ListenAndServeTLS", "Serve", "NewServer", "AfterFunc", "Run", "Go", "TryGo"];

    /// <summary>
    /// Every function body of the package, declarations and literals (a literal can start goroutines too), and a
    /// cheap syntactic filter before computing a function's events: the functions whose body starts goroutines itself,
    /// registers handlers or subtests, or calls a function that contains a go statement (errgroup-style helpers). A
    /// literal inside a body is part of it (a literal called in place runs there). One walk of each file: every such
    /// node marks the functions whose bodies enclose it.
    /// </summary>
    private static (List<FunctionRef> Roots, HashSet<Node> Starting) Functions(Package pkg, Summaries sums)
    {
        var roots = new List<FunctionRef>();
        var marked = new HashSet<Node>();
        foreach (var file in pkg.Files)
            SyntaxScan.ForEach(file.Syntax, n =>
            {
                if (n is FuncDecl { Body: not null } or FuncLit) roots.Add(new FunctionRef(n, pkg));
                if (!StartsConcurrency(n, pkg, sums)) return;
                for (Node prev = n; prev.Parent is { } x; prev = x)
                    if (x is FuncDecl d && d.Body == prev || x is FuncLit l && l.Body == prev) marked.Add(x);
            });
        return (roots, marked);
    }

    /// <summary>The same filter for one function (a method or constructor that may leave a goroutine running).</summary>
    internal static bool MayStartConcurrency(FunctionRef root, Summaries sums) =>
        root.Body?.Descendants().Any(n => StartsConcurrency(n, root.Package, sums)) ?? false;

    private static bool StartsConcurrency(Node n, Package pkg, Summaries sums)
    {
        if (n is GoStmt) return true;
        if (n is not CallExpr call) return false;
        var name = call.Fun switch { SelectorExpr s => s.Sel?.Name, Ident id => id.Name, _ => null };
        if (name != null && EntryNames.Contains(name)) return true;
        if (Flow.Callees.StaticCallee(call, pkg.Info) is not { } f) return false;
        // A dependency without source (go vet's -facts=vetx): its race fact says.
        return sums.BodyOf(f) is { } body ? sums.HasGoStatement(body) : sums.Imported?.Of(f) is { HasGoStatement: true };
    }
}
