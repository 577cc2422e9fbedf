using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A bool field used as a try-lock: one call at a time runs the code between claiming and releasing it.
///
/// <code>
/// func (m *Metrics) Flush() {
///     m.flushmu.Lock()
///     if m.flushing {          // another Flush runs: give up
///         m.flushmu.Unlock()
///         return
///     }
///     m.flushing = true        // claimed
///     m.flushmu.Unlock()
///     m.check.UpdateCheck(...) // the busy region
///     m.flushmu.Lock()
///     m.flushing = false       // released
///     m.flushmu.Unlock()
/// }
/// </code>
///
/// A claim is <c>x.b = true</c> right after <c>if x.b { ...; return }</c>, which comes right after a <c>Lock()</c>
/// call; the region is what follows the claim in its block up to the statement that stores false again. The flag counts
/// only when every assignment of it in the loaded program is a claim or stores false, and its address is never taken.
/// Two claims cannot both succeed while the flag is up, so region code of one value never overlaps. A method is
/// serialized by the flag when every use of it in the loaded program is a call in a region of that flag (not a go
/// statement, not inside a function literal), or in a function serialized so (<see cref="ReadinessGate.MaxCallerDepth"/>
/// levels of callers). Two exported methods serialized by the same flag do not run at once: the pair of their accesses
/// that the type's lock discipline (<see cref="GuardedFields"/>) would report is dropped, and so is a goroutine pair
/// whose two accesses each run inside such a region (a call on the access's path lies in one). The object the flag lives in
/// is taken to be the only user of the object whose methods it serializes (the flag and the methods may live on
/// different types), as it is when the one calls into a field of its own.
/// </summary>
internal sealed class BusyFlags
{
    private readonly ReadinessGate calls;
    /// <summary>Per field (by origin): whether every assignment is a claim or a release.</summary>
    private readonly Dictionary<GoVar, bool> valid = new();
    /// <summary>The regions of each flag: the statements after a claim, up to the release (same block).</summary>
    private readonly Dictionary<GoVar, List<(Node Fn, int From, int To, SourceFile File)>> regions = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Node, GoVar), bool> serialized = new();

    private BusyFlags(GoProgram program, ReadinessGate calls, Vigil.Facts.RaceImports? imports)
    {
        this.calls = calls;
        // Every assignment of the bool field stores false or is a claim, and the address is never taken.
        FieldStores.ForEach(program, s =>
        {
            if (s.Field.Type?.Underlying is not GoBasic { Name: "bool" }) return;
            bool ok = Value(s) == "false" || Value(s) == "true" && Claim(s.Assign!, s.Field, s.Info) is { } region && AddRegion(s.Field, region);
            valid[s.Field] = ok && valid.GetValueOrDefault(s.Field, true);
        });
        // A claim here of a dependency's flag that the dependency's code stores otherwise (its facts say) is no try-lock.
        foreach (var f in valid.Keys.ToList())
            if (Vigil.Facts.RaceImports.Says(imports, f, Vigil.Facts.RaceFieldFlags.NotBusyFlag)) valid[f] = false;
    }

    /// <summary>The store of a bool field keeps it a try-lock flag: it stores false, or is a claim.</summary>
    internal static bool Keeps(FieldStores.Store s) => Value(s) == "false" || Value(s) == "true" && Claim(s.Assign!, s.Field, s.Info) is not null;

    private static string? Value(FieldStores.Store s) => s.Kind == FieldStores.StoreKind.Assign && s.Value is { } v ? s.Info.ConstValue(v) : null;

    public static BusyFlags For(Pass pass, Summaries sums) =>
        pass.Cache.Get("race.busyflags", () => new BusyFlags(pass.Program, ReadinessGate.For(pass, sums), sums.Imported));

    /// <summary>Both methods are serialized by one busy flag, so they never run at once.</summary>
    public bool Exclusive(FunctionRef a, FunctionRef b)
    {
        if (a.Node is not FuncDecl da || b.Node is not FuncDecl db) return false;
        foreach (var f in regions.Keys)
            if (valid.GetValueOrDefault(f) && Serialized(da, f, 0) && Serialized(db, f, 0)) return true;
        return false;
    }

    /// <summary>
    /// Both accesses of a goroutine pair run in regions of one busy flag: a call on each side's path lies in a region
    /// (or, for the side in the analyzed function's own frame, that function is serialized by the flag).
    /// </summary>
    public bool RulesOut(RacePair pair)
    {
        foreach (var f in regions.Keys)
            if (valid.GetValueOrDefault(f) && InRegion(pair.A, pair, f) && InRegion(pair.B, pair, f)) return true;
        return false;
    }

    private bool InRegion(Side s, RacePair pair, GoVar flag) =>
        s.Access.Path.Any(n => InRegion(n, flag))
        || s.Spawn is null && pair.Root.Node is FuncDecl root && Serialized(root, flag, 0);

    private bool Serialized(FuncDecl fn, GoVar flag, int depth)
    {
        if (depth == 0 && serialized.TryGetValue((fn, flag), out var known)) return known;
        bool r = depth < ReadinessGate.MaxCallerDepth
            && calls.EveryCall(fn, call => InRegion(call, flag), caller => caller != fn && Serialized(caller, flag, depth + 1));
        if (depth == 0) serialized[(fn, flag)] = r;
        return r;
    }

    private bool InRegion(Node n, GoVar flag)
    {
        var fn = Flow.Cfg.FunctionGraphs.EnclosingFunction(n);
        int at = n.Pos.Offset;
        return regions[flag].Any(r => r.Fn == fn && r.File == n.SourceFile && r.From <= at && at < r.To);
    }

    private bool AddRegion(GoVar f, (Node, int, int, SourceFile) region)
    {
        if (!regions.TryGetValue(f, out var list)) regions[f] = list = [];
        list.Add(region);
        return true;
    }

    /// <summary>
    /// <c>x.b = true</c> after <c>if x.b { ...; return }</c> after a <c>Lock()</c> call: the region it claims (from the
    /// next statement to the one that stores false, or the block's end).
    /// </summary>
    private static (Node, int, int, SourceFile)? Claim(AssignStmt a, GoVar f, TypeInfo info)
    {
        if (a.Lhs.Count != 1 || a.Parent is not BlockStmt b || Flow.Cfg.FunctionGraphs.EnclosingFunction(a) is not { } fn) return null;
        var list = b.List;
        int i = -1;
        for (int k = 0; k < list.Count; k++) if (list[k] == a) i = k;
        if (i < 2 || list[i - 1] is not IfStmt { Init: null, Else: null, Body.List: [.., ReturnStmt], Cond: var cond }
            || FieldStores.FieldOf(cond, info) != f || !IsLockCall(list[i - 2]))
            return null;
        int end = b.Rbrace.Offset;
        for (int k = i + 1; k < list.Count; k++)
            if (list[k].Descendants().Prepend(list[k]).Any(n => n is AssignStmt s && s.Lhs.Any(l => FieldStores.FieldOf(l, info) == f)))
            {
                end = list[k].Pos.Offset;
                break;
            }
        return (fn, a.End.Offset, end, a.SourceFile);
    }

    private static bool IsLockCall(Stmt s) =>
        s is ExprStmt { X: CallExpr { Fun: SelectorExpr { Sel.Name: "Lock" }, Args.Count: 0 } };

}
