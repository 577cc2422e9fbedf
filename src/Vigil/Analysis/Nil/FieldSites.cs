using System.Collections.Concurrent;
using System.Collections.Immutable;
using Vigil.Findings;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Struct fields as program-wide sites. A field becomes nilable when some
/// function stores nil into it (<c>c.conn = nil</c> in Close) or a
/// constructor returns a new value that leaves it unset
/// (<c>return &amp;Cache{name: n}</c>); a read of that field in another
/// function, where the local flow knows nothing of it, then carries the nil
/// with a trace that crosses both functions.
/// <para>
/// Precision: a constructor's unset field counts only when no code stores a
/// value into that field (two constructors, one forgetting it); functions
/// that assign the field themselves manage its life
/// cycle (they see it through the local flow only), a field whose address is
/// taken can be set through the pointer and is never a site, and test files
/// make no sources. A report also needs evidence (its Origin, see
/// <see cref="Inference"/>): the field is compared with nil somewhere.
/// </para>
/// </summary>
public sealed partial class FieldSites
{
    private readonly Dictionary<string, HashSet<string>> writers = new(StringComparer.Ordinal);
    private readonly HashSet<string> comparedWithNil = new(StringComparer.Ordinal);
    private readonly HashSet<string> storedNonNil = new(StringComparer.Ordinal);
    private readonly HashSet<string> addressTaken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ImmutableList<RelatedLocation>> storedNil = new(StringComparer.Ordinal);
    // Per field, the functions that store a non-nil value into it (they manage its life cycle),
    // and per field and storing function, the first nil store (a reader that only nils the field
    // itself, `if cap(r.body.B) > n { r.body = nil }`, still reads what another method left).
    private readonly Dictionary<string, HashSet<string>> nonNilWriters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, ImmutableList<RelatedLocation>>> nilStoresBy = new(StringComparer.Ordinal);
    // Fields made on first use (`if r.body == nil { r.body = new(buf) }` in a method), and the
    // fields some code sets otherwise (an assignment outside such a branch, a composite literal key).
    private readonly Dictionary<string, ImmutableList<RelatedLocation>> lazyInit = new(StringComparer.Ordinal);
    private readonly HashSet<string> setOutsideLazyInit = new(StringComparer.Ordinal);
    private Dictionary<string, ImmutableList<RelatedLocation>> constructorNil = new(StringComparer.Ordinal);
    // What each function's last analysis found (keyed by package and function: a package and
    // its test variant analyze the same declaration separately), replaced when it runs again.
    // A plain list per function (one thread analyzes a function): a ConcurrentBag each cost a
    // thread-local and a finalizer per analysis.
    private readonly ConcurrentDictionary<string, List<(string Field, ImmutableList<RelatedLocation> Trace)>> pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Field, ImmutableList<RelatedLocation> Trace)>> byFunction = new(StringComparer.Ordinal);

    /// <summary>The evidence key of a field: a report of its nil is kept only if some code compares it with nil.</summary>
    public static string OriginOf(GoVar field) => "field:" + field.Origin.Key;

    /// <summary>A function's identity across a package and its test variant (which have distinct syntax trees).</summary>
    public static string FunctionKey(Node function) => function.SourceFile.Path + ":" + function.Pos.Offset;

    /// <summary>Records the field writes of one file: who assigns each field, nils stored, addresses taken.</summary>
    public void Scan(Package pkg, Syntax.File file, bool isTest)
    {
        var info = pkg.Info;
        GoVar? FieldOf(Expr e) =>
            e is SelectorExpr s && info.SelectionOf(s) is { Kind: SelectionKind.FieldVal, Obj: GoVar { IsField: true } f } ? f.Origin : null;
        new Vigil.Flow.SyntaxWalk(n =>
        {
            switch (n)
            {
                case AssignStmt a:
                    for (int i = 0; i < a.Lhs.Count; i++)
                    {
                        if (FieldOf(Unparen(a.Lhs[i])) is not { } f) continue;
                        if (Vigil.Flow.Cfg.FunctionGraphs.EnclosingFunction(a) is not { } fn) continue;
                        if (!writers.TryGetValue(f.Key, out var set)) writers[f.Key] = set = new(StringComparer.Ordinal);
                        set.Add(FunctionKey(fn));
                        if (a.Rhs.Count != a.Lhs.Count || !info.IsNilLiteral(Unparen(a.Rhs[i])))
                        {
                            storedNonNil.Add(f.Key);
                            if (!nonNilWriters.TryGetValue(f.Key, out var nw)) nonNilWriters[f.Key] = nw = new(StringComparer.Ordinal);
                            nw.Add(FunctionKey(fn));
                            if (LazyInitBranch(a, f, fn, info) is { } lazy)
                            {
                                var trace = ImmutableList.Create(new RelatedLocation(lazy.Cond!.Location,
                                    $"field {FieldName(f)} is nil until {FunctionName(fn, info)} makes it on first use"));
                                if (!isTest && (!lazyInit.TryGetValue(f.Key, out var old) || Before(trace, old))) lazyInit[f.Key] = trace;
                            }
                            // A method that makes its receiver's field without looking (`ResetFlags`) is one
                            // more way to make it on first use; a constructor or any other code sets it for good.
                            else if (!ThroughReceiver(Unparen(a.Lhs[i]), fn, info, pointer: true)) setOutsideLazyInit.Add(f.Key);
                        }
                        if (!isTest && a.Tok == Token.Assign && a.Rhs.Count == a.Lhs.Count && info.IsNilLiteral(Unparen(a.Rhs[i]))
                            && FunctionAnalysis.NilableType(f.Type) && ThroughReceiver(Unparen(a.Lhs[i]), fn, info, pointer: true) && IsExported(fn))
                        {
                            var trace = ImmutableList.Create(
                                new RelatedLocation(a.Rhs[i].Location, "literal nil"),
                                new RelatedLocation(a.Lhs[i].Location, $"stored into field {FieldName(f)} in {FunctionName(fn, info)}"));
                            if (!storedNil.TryGetValue(f.Key, out var old) || Before(trace, old)) storedNil[f.Key] = trace;
                            if (!nilStoresBy.TryGetValue(f.Key, out var by)) nilStoresBy[f.Key] = by = new(StringComparer.Ordinal);
                            if (!by.TryGetValue(FunctionKey(fn), out var mine) || Before(trace, mine)) by[FunctionKey(fn)] = trace;
                        }
                    }
                    break;
                case BinaryExpr { Op: Token.Eql or Token.Neq, X: { } l, Y: { } r }
                    when (info.IsNilLiteral(Unparen(r)) ? FieldOf(Unparen(l)) : info.IsNilLiteral(Unparen(l)) ? FieldOf(Unparen(r)) : null) is { } compared:
                    comparedWithNil.Add(OriginOf(compared));
                    break;
                case KeyValueExpr { Key: Ident key, Value: { } value } when n.Parent is CompositeLit && info.UseOf(key) is GoVar { IsField: true } kf
                        && !info.IsNilLiteral(Unparen(value)):
                    setOutsideLazyInit.Add(kf.Origin.Key);
                    break;
                case UnaryExpr { Op: Token.And, X: { } x } when FieldOf(Unparen(x)) is { } taken:
                    addressTaken.Add(taken.Key);
                    break;
            }
            return true;
        }).Walk(file);
        ScanSetters(pkg, file, isTest);
    }

    /// <summary>
    /// What the scans found, one sorted line per fact (for the result cache's fact hash: a fresh
    /// instance that scanned one package's files describes that package's contribution).
    /// </summary>
    /// <param name="function">How to print a function's key (<see cref="FunctionKey"/>).</param>
    public IEnumerable<string> Describe(Func<string, string> function)
    {
        foreach (var (f, w) in writers.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            yield return $"writers {f} {string.Join(",", w.Select(function).Order(StringComparer.Ordinal))}";
        foreach (var f in comparedWithNil.Order(StringComparer.Ordinal)) yield return "compared " + f;
        foreach (var f in storedNonNil.Order(StringComparer.Ordinal)) yield return "stored " + f;
        foreach (var f in addressTaken.Order(StringComparer.Ordinal)) yield return "address " + f;
        foreach (var (f, trace) in storedNil.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            yield return $"nil {f} {string.Join(" ", trace.Select(t => $"{t.Location}:{t.Message}"))}";
        foreach (var line in DescribeSetters()) yield return line;
    }

    /// <summary>The constructors' unset fields the last round found in functions of package <paramref name="packageId"/>, sorted.</summary>
    public IEnumerable<string> ConstructorFactsOf(string packageId, Func<string, string> function) =>
        byFunction.Where(kv => kv.Key.StartsWith(packageId + "|", StringComparison.Ordinal))
            .SelectMany(kv => kv.Value.Select(x => $"constructor {function(kv.Key[(packageId.Length + 1)..])} {x.Field} {string.Join(" ", x.Trace.Select(t => $"{t.Location}:{t.Message}"))}"))
            .Order(StringComparer.Ordinal);

    /// <summary>True when some code compares the field with nil (<see cref="OriginOf"/>): evidence that its nil happens.</summary>
    public bool IsComparedWithNil(string origin) => comparedWithNil.Contains(origin);

    /// <summary>Every field some code compares with nil (evidence keys): what a package's facts carry for its dependents.</summary>
    public IEnumerable<string> ComparedWithNil => comparedWithNil;

    /// <summary>True for `r.f` where r is the receiver of the method <paramref name="function"/> (a pointer receiver when <paramref name="pointer"/>).</summary>
    public static bool ThroughReceiver(Expr fieldRead, Node function, TypeInfo info, bool pointer = false) =>
        fieldRead is SelectorExpr { X: Ident x } && function is FuncDecl { Recv.List: [{ Names: [var recv] }] }
        && info.UseOf(x) is { } used && used == info.DefOf(recv)
        && (!pointer || used.Type?.Underlying is GoPointer);

    /// <summary>
    /// An exported function or method: part of the package's API, which its users may call
    /// in any order (Close, then Write). Unexported ones follow the package's own protocol,
    /// which the analysis does not see (a `dispose` only ever called at the end).
    /// </summary>
    public static bool IsExported(Node function) =>
        function is FuncDecl { Name.Name: var name } && name.Length > 0 && char.IsUpper(name[0]);

    /// <summary>A function is analyzed (again) in this round: what it found before is replaced.</summary>
    public void BeginFunction(Package pkg, Node function) => pending[pkg.Id + "|" + FunctionKey(function)] = [];

    /// <summary>A constructor returned a new value leaving the field nil (collected during a round, used from the next).</summary>
    public void ConstructorLeavesNil(Package pkg, Node function, GoVar field, ImmutableList<RelatedLocation> trace)
    {
        var found = pending[pkg.Id + "|" + FunctionKey(function)];
        lock (found) found.Add((field.Origin.Key, trace));
    }

    /// <summary>
    /// Ends an inference step: the constructor facts found so far become current. Returns the
    /// fields whose fact appeared, went or changed its flow (the functions that read them must run again).
    /// </summary>
    public List<string> EndRound()
    {
        // The last found first, as the bags this replaced listed them (ties in Before keep the first listed).
        foreach (var (fn, found) in pending)
        {
            found.Reverse();
            byFunction[fn] = found;
        }
        pending.Clear();
        var next = new Dictionary<string, ImmutableList<RelatedLocation>>(StringComparer.Ordinal);
        foreach (var found in byFunction.Values)
            foreach (var (f, trace) in found)
                if (!next.TryGetValue(f, out var old) || Before(trace, old)) next[f] = trace;
        var changed = next.Where(kv => !constructorNil.TryGetValue(kv.Key, out var old) || !old.SequenceEqual(kv.Value)).Select(kv => kv.Key)
            .Concat(constructorNil.Keys.Where(k => !next.ContainsKey(k))).ToList();
        constructorNil = next;
        return changed;
    }

    /// <summary>
    /// The flow of a nil that a read of <paramref name="field"/> in <paramref name="function"/>
    /// can see, or null: none is known, the function assigns the field itself, or its address is taken.
    /// </summary>
    public ImmutableList<RelatedLocation>? NilOf(GoVar field, Node function, bool viaReceiver)
    {
        var f = field.Origin.Key;
        if (addressTaken.Contains(f)) return null;
        // A function that stores a value into the field manages it; one that only stores nil
        // (releases it) still reads the state other exported methods left: their nil, not its own.
        var key = FunctionKey(function); // once: it is a new string each time
        bool writes = writers.TryGetValue(f, out var w) && w.Contains(key);
        if (writes && ((nonNilWriters.TryGetValue(f, out var nw) && nw.Contains(key)) || !viaReceiver || !IsExported(function))) return null;
        // A nil stored by an exported method into its receiver's field (Close) is the object's
        // state: seen by the other exported methods that read the field through their receiver.
        if (!writes && storedNil.TryGetValue(f, out var stored)) return viaReceiver && IsExported(function) ? stored : null;
        if (writes && nilStoresBy.TryGetValue(f, out var by) && by.Where(kv => kv.Key != key).Select(kv => kv.Value).FirstOrDefault() is { } other)
            return other;
        // A field made on first use by one method, and set nowhere else, is nil in a fresh (zero)
        // value until that method runs: another exported method reading it directly bypasses it.
        if (lazyInit.TryGetValue(f, out var lazy) && !setOutsideLazyInit.Contains(f)) return viaReceiver && IsExported(function) ? lazy : null;
        if (writes) return null;
        // A field some code sets after construction has a life cycle the analysis does not
        // follow (set up by Init, Start, a lazy first use...): only a field that nothing but
        // composite literals sets is nil where a constructor left it so.
        return viaReceiver && !storedNonNil.Contains(f) ? constructorNil.GetValueOrDefault(f) : null;
    }

    /// <summary>
    /// The `if r.f == nil { ... }` (r the method's pointer receiver) whose nil branch holds the
    /// store <paramref name="a"/> into that same field: a lazy initialization; else null.
    /// </summary>
    private static IfStmt? LazyInitBranch(AssignStmt a, GoVar field, Node fn, TypeInfo info)
    {
        for (Node? p = a.Parent; p is not null && p != fn; p = p.Parent)
        {
            if (p is not IfStmt { Cond: BinaryExpr { Op: Token.Eql, X: { } l, Y: { } r } } ifs || ifs.Else is not null) continue;
            var checkedField = info.IsNilLiteral(Unparen(r)) ? Unparen(l) : info.IsNilLiteral(Unparen(l)) ? Unparen(r) : null;
            if (checkedField is SelectorExpr sel && info.SelectionOf(sel) is { Kind: SelectionKind.FieldVal, Obj: GoVar cf } && cf.Origin == field
                && ThroughReceiver(sel, fn, info, pointer: true) && IsWithin(a, ifs.Body!))
                return ifs;
        }
        return null;
    }

    private static bool IsWithin(Node n, Node ancestor)
    {
        for (Node? x = n; x is not null; x = x.Parent)
            if (x == ancestor) return true;
        return false;
    }

    public static string FieldName(GoVar f) =>
        f.Owner is GoNamed named ? $"{named.Obj.Name}.{f.Name}" : f.Name;

    private static string FunctionName(Node fn, TypeInfo info) => fn switch
    {
        FuncDecl { Name: { } name } when info.DefOf(name) is GoFunc g => FunctionAnalysis.ShortName(g.FullName),
        _ => "a function literal",
    };

    /// <summary>A deterministic choice between two flows: the one whose source comes first.</summary>
    private static bool Before(ImmutableList<RelatedLocation> a, ImmutableList<RelatedLocation> b)
    {
        var x = a[0].Location;
        var y = b[0].Location;
        int c = string.CompareOrdinal(x.Path, y.Path);
        return c < 0 || (c == 0 && x.Offset < y.Offset);
    }

}
