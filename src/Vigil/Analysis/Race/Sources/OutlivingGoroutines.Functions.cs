using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

public static partial class OutlivingGoroutines
{
    /// <summary>
    /// The package-level form of the method rule: a goroutine an exported function (or <c>init</c>) starts and leaves
    /// running (with its own go statement) changes package-level variables while callers go on calling the package's
    /// other exported functions.
    ///
    /// <code>
    /// func Watch()         { go func() { for range ch { reload = true } }() }
    /// func Reloading() bool { return reload } // races with the goroutine Watch left running
    /// </code>
    ///
    /// The goroutine's accesses to package-level variables (those not joined before the starter returns) are paired with
    /// the accesses of every exported function that starts nothing itself; a common lock or happens-before through the
    /// objects both name (a channel the goroutine closes and the other function receives from) rules a pair out.
    /// </summary>
    public static IEnumerable<RacePair> FindForFunctions(Package pkg, Summaries sums, HappensBefore hb)
    {
        var functions = PackageFunctions(pkg).ToList();
        // Starters with their own go statement: a wrapper of a package-level instance's method (`func WatchConfig() {
        // v.WatchConfig() }`) is the method rule's, on the type, where the method's own joins are seen.
        // Tests, benchmarks and main are nobody's callees: their goroutines are the goroutine analysis' business.
        var starters = functions.Where(f => (f.Func.Exported && !AtomicGlobals.SetUp(f.Decl) || f.Func.Name == "init")
            && f.Decl.Body!.Descendants().Any(n => n is GoStmt)).ToList();
        if (starters.Count == 0) yield break;
        var meanwhile = functions
            .Where(f => f.Func.Exported && !AtomicGlobals.SetUp(f.Decl) && !ConcurrencyDocs.RulesOut(f.Decl.Doc))
            .Select(f => (Function: f, Events: PointerMethods.EventsOf(sums, f.Ref)))
            .Where(f => !f.Events.Any(e => e.Kind == EventKind.Spawn))
            .ToList();
        if (meanwhile.Count == 0) yield break;
        foreach (var starter in starters)
        {
            var events = PointerMethods.EventsOf(sums, starter.Ref);
            foreach (var s in events)
            {
                if (s.Kind != EventKind.Spawn || s.Spawn is not { Kind: SpawnKind.Go or SpawnKind.AfterFunc } sp) continue;
                var shared = sp.Child.Where(e => e.Kind == EventKind.Access && !e.Atomic && e.Loc!.Root.IsPackageLevel && e.Loc.Root.Package == pkg.Types
                    && !JoinedBeforeReturn(e, s, events, hb)).ToList();
                if (shared.Count == 0) continue;
                foreach (var (other, theirs) in meanwhile)
                    foreach (var p in theirs)
                    {
                        // A variable accessed with sync/atomic somewhere is AtomicGlobals' finding, with its own message.
                        if (p.Kind != EventKind.Access || !p.Loc!.Root.IsPackageLevel || p.Atomic) continue;
                        foreach (var c in shared)
                            if (c.Loc!.Root == p.Loc.Root && RaceFinder.Conflict(p, c, null)
                                && !hb.Ordered(c, sp.Child, p, theirs) && !hb.Ordered(p, theirs, c, sp.Child))
                                yield return new RacePair(new Side(p, null), new Side(c, sp), false, other.Ref, starter.Ref);
                    }
            }
        }
    }

    private sealed record PackageFunction(FunctionRef Ref, FuncDecl Decl, GoFunc Func);

    /// <summary>The package's functions with a body (not methods), in source order.</summary>
    private static IEnumerable<PackageFunction> PackageFunctions(Package pkg)
    {
        foreach (var file in pkg.Files)
            foreach (var decl in file.Syntax.Decls)
                if (decl is FuncDecl { Recv: null, Body: not null, Name: { } name } fd && pkg.Info.DefOf(name) is GoFunc func)
                    yield return new PackageFunction(new FunctionRef(fd, pkg), fd, func);
    }
}
