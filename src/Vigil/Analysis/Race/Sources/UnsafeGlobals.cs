using Vigil.Findings;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A package-level value of a library type that is not safe for concurrent use (<see cref="UnsafeLibraryTypes"/>),
/// changed by an exported function that holds no lock:
///
/// <code>
/// var r = rand.New(rand.NewSource(seed))
/// func RandID() uint32 { return r.Uint32() } // two callers at once race on r's state
/// </code>
///
/// A library's exported functions may be called from any goroutine, so two calls race on the shared value.
/// Decided on the syntax: a function that takes any lock, and set-up code (<c>init</c>, <c>main</c>, tests), are
/// not reported; neither are programs (package main), whose exported functions are their own, nor
/// <c>flag.FlagSet</c>s, which are configuration filled before anything runs.
/// </summary>
public static class UnsafeGlobals
{
    public static IEnumerable<GuardedFields.Violation> Find(Package pkg)
    {
        if (pkg.Types?.Name == "main") yield break;
        var reported = new HashSet<GoVar>();
        HashSet<GoVar>? lockedRandsOnce = null;
        foreach (var file in pkg.Files)
            foreach (var decl in file.Syntax.Decls)
            {
                if (decl is not FuncDecl { Recv: null, Body: { } body, Name: { } name } fd || !IsExported(name.Name) || SetUp(name.Name)) continue;
                if (TakesALock(body)) continue;
                var lockedRands = lockedRandsOnce ??= RandsOnLockedSources(pkg);
                foreach (var call in body.Descendants().OfType<CallExpr>())
                {
                    if (call.Fun is not SelectorExpr { X: Ident id, Sel: { } sel } || pkg.Info.UseOf(id) is not GoVar { IsPackageLevel: true, IsField: false } v
                        || v.Package != pkg.Types || pkg.Info.ObjectOf(sel) is not GoFunc m || UnsafeLibraryTypes.Writes(m) != true
                        || m.ReceiverNamed?.Obj is { Package.Path: "flag" } || call.Ancestor<FuncLit>() is not null || lockedRands.Contains(v))
                        continue;
                    if (!reported.Add(v)) continue;
                    string type = m.ReceiverNamed!.Obj.Package!.Name + "." + m.ReceiverNamed.Obj.Name;
                    string msg = $"data race: {v.Name} written by {v.Name}.{m.Name} in {name.Name}, which callers may run concurrently "
                        + $"({v.Name} is a package-level {type}, not safe for concurrent use, and {name.Name} holds no lock)";
                    yield return new GuardedFields.Violation(call, call, msg,
                        [new RelatedLocation(v.Location, $"{v.Name} declared here, shared by every call") { Flow = RaceReport.OtherFlow }],
                        Advice: RaceAdvice.Shared(v.Name));
                }
            }
    }

    /// <summary>
    /// Package-level generators built on a source of the package's own (<c>rand.New(&amp;lockedSource{...})</c>): the
    /// source is where the state is, and one of the package's own may lock (or keep no state: the library's own
    /// <c>&amp;Rand{src: runtimeSource{}}</c>); only the library's sources (<c>rand.NewSource</c>, <c>rand.NewPCG</c>, ...)
    /// are known not to.
    /// </summary>
    private static HashSet<GoVar> RandsOnLockedSources(Package pkg)
    {
        var set = new HashSet<GoVar>();
        foreach (var file in pkg.Files)
            foreach (var n in file.Syntax.Descendants())
            {
                var (lhs, rhs) = n switch
                {
                    AssignStmt { Lhs.Count: 1, Rhs.Count: 1 } a => (a.Lhs[0], a.Rhs[0]),
                    ValueSpec { Names.Count: 1, Values.Count: 1 } vs => ((Expr)vs.Names[0], vs.Values[0]),
                    _ => ((Expr?)null, (Expr?)null),
                };
                if (lhs is not Ident id) continue;
                IReadOnlyList<Expr> sources;
                if (rhs is CallExpr { Fun: SelectorExpr { Sel.Name: "New" } newFun, Args.Count: 1 } call
                    && pkg.Info.ObjectOf(newFun.Sel!) is GoFunc { Package.Path: "math/rand" or "math/rand/v2" })
                    sources = call.Args;
                else if (GeneratorLiteral(rhs, pkg) is { } lit) // `&Rand{src: runtimeSource{}}`, inside the library itself
                    sources = lit.Elts.Select(e => e is KeyValueExpr kv ? kv.Value! : e).ToList();
                else continue;
                var v = (pkg.Info.DefOf(id) ?? pkg.Info.UseOf(id)) as GoVar;
                if (v is null) continue;
                bool librarySource = sources.Any(a => a is CallExpr { Fun: SelectorExpr src } && pkg.Info.ObjectOf(src.Sel!) is GoFunc { Package.Path: "math/rand" or "math/rand/v2" }
                    || a is CallExpr { Fun: Ident fn } && pkg.Info.ObjectOf(fn) is GoFunc { Package.Path: "math/rand" or "math/rand/v2" });
                if (!librarySource) set.Add(v);
            }
        return set;
    }

    /// <summary>A composite literal (or its address) of the generator type itself, which names its source directly.</summary>
    private static CompositeLit? GeneratorLiteral(Expr? e, Package pkg)
    {
        if (e is UnaryExpr { Op: Token.And } u) e = u.X;
        return e is CompositeLit lit && pkg.Info.TypeOf(lit) is GoNamed { Obj: { Name: "Rand", Package.Path: "math/rand" or "math/rand/v2" } } ? lit : null;
    }

    private static bool IsExported(string name) => name.Length > 0 && char.IsUpper(name[0]);

    private static bool SetUp(string name) =>
        name.StartsWith("Test", StringComparison.Ordinal) || name.StartsWith("Benchmark", StringComparison.Ordinal)
        || name.StartsWith("Example", StringComparison.Ordinal) || name.StartsWith("Fuzz", StringComparison.Ordinal);

    private static bool TakesALock(BlockStmt body) =>
        body.Descendants().Any(n => n is CallExpr { Fun: SelectorExpr { Sel.Name: "Lock" or "RLock" or "Do" } });
}
