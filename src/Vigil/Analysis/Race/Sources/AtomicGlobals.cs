using Vigil.Findings;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A package-level variable the package accesses with sync/atomic somewhere and plainly elsewhere:
///
/// <code>
/// var ready int32
/// func start()       { ...; atomic.StoreInt32(&amp;ready, 1) }
/// func Ready() bool  { return ready == 1 } // races with the store
/// </code>
///
/// The atomic operations say the variable is shared between goroutines; a plain access races with
/// an atomic write (or a plain write with any atomic access). Decided on the syntax: accesses in
/// <c>init</c> functions, <c>main</c>, and tests or benchmarks (which set a variable up before
/// starting anything) are not reported.
/// </summary>
public static class AtomicGlobals
{
    public sealed record Use(Node At, bool Write, bool Atomic, FuncDecl Function);

    public static IEnumerable<GuardedFields.Violation> Find(Package pkg)
    {
        var uses = new Dictionary<GoVar, List<Use>>();
        foreach (var file in pkg.Files)
            foreach (var decl in file.Syntax.Decls)
            {
                if (decl is not FuncDecl { Body: { } body } fd) continue;
                foreach (var id in body.Descendants().OfType<Ident>())
                {
                    if (pkg.Info.UseOf(id) is not GoVar { IsPackageLevel: true, IsField: false } v || v.Package != pkg.Types) continue;
                    if (!uses.TryGetValue(v, out var list)) uses[v] = list = [];
                    list.Add(Classify(id, fd, pkg.Info));
                }
            }
        foreach (var (v, list) in uses.OrderBy(kv => kv.Key.Location.Offset))
        {
            var atomics = list.Where(u => u.Atomic).ToList();
            if (atomics.Count == 0) continue;
            foreach (var plain in list.Where(u => !u.Atomic && !SetUp(u.Function)))
            {
                var other = atomics.Where(a => a.Write || plain.Write).OrderBy(a => a.Write ? 0 : 1).FirstOrDefault();
                if (other is null) continue;
                string msg = $"data race: {v.Name} {(plain.Write ? "written" : "read")} without sync/atomic in {Name(plain.Function)}; "
                    + $"{(other.Write ? "written" : "read")} at {RaceReport.Short(other.At.Location)} atomically in {Name(other.Function)} "
                    + $"({v.Name} is accessed with sync/atomic at {atomics.Count} place{(atomics.Count == 1 ? "" : "s")}: it is shared between goroutines)";
                var related = new List<RelatedLocation>
                {
                    new(other.At.Location, $"the other access: {v.Name} {(other.Write ? "written" : "read")} atomically") { Flow = RaceReport.OtherFlow },
                };
                yield return new GuardedFields.Violation(plain.At, plain.At, msg, related, Advice: RaceAdvice.Atomic(v.Name));
            }
        }
    }

    /// <summary>A use is atomic as the <c>&amp;v</c> argument of a sync/atomic function; a write as an assignment's target, <c>v++</c>,
    /// another <c>&amp;v</c>, or atomic Store/Add/Swap/CompareAndSwap.</summary>
    private static Use Classify(Ident id, FuncDecl fd, TypeInfo info)
    {
        if (AtomicOperand.Writes(id, info) is { } atomicWrite) return new Use(id, atomicWrite, true, fd);
        // Its address handed elsewhere (binary.Read(r, order, &v)): whatever receives it may write it.
        bool write = id.Parent switch
        {
            AssignStmt a => a.Lhs.Contains(id),
            IncDecStmt => true,
            UnaryExpr { Op: Token.And } => true,
            _ => false,
        };
        return new Use(id, write, false, fd);
    }

    /// <summary>Code that runs before the program or test shares anything: init, main, tests, benchmarks, examples.</summary>
    internal static bool SetUp(FuncDecl fd) =>
        fd.Recv is null && fd.Name?.Name is "init" or "main" || fd.Name?.Name is { } n && fd.Recv is null
        && (n.StartsWith("Test", StringComparison.Ordinal) || n.StartsWith("Benchmark", StringComparison.Ordinal)
            || n.StartsWith("Example", StringComparison.Ordinal) || n.StartsWith("Fuzz", StringComparison.Ordinal));

    private static string Name(FuncDecl fd) => Dump.FunctionFinder.QualifiedName(fd);
}
