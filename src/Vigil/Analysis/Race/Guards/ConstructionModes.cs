using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Modes fixed at construction: a goroutine started only in one mode, an access made only in the other.
///
/// <code>
/// func WriterConcurrency(n int) WriterOption { return func(w *Writer) error { w.concurrency = n; return nil } }
/// func (w *Writer) Reset(dst io.Writer) {
///     if w.concurrency == 1 { return }     // the synchronous mode starts no goroutine
///     go func() { ... w.written += n ... }()
/// }
/// func (w *Writer) AddBlock(b []byte) {
///     if w.concurrency == 1 { w.written += len(b) } // only in the synchronous mode
/// }
/// </code>
///
/// The go statement runs only when <c>x.f != K</c> (after <c>if x.f == K { ...; return }</c> in its function, or inside
/// <c>if x.f != K { }</c>), and the other access only when <c>x.f == K</c> (a call or statement on its path inside
/// <c>if x.f == K { }</c>, or after <c>if x.f != K { ...; return }</c>), or the other way round; K is a constant. The
/// field must be a mode fixed when the value is built: no method (of any type) assigns it and its address is never
/// taken, so it is set only by constructors and option functions before the value is shared, and both sides see the
/// same mode.
///
/// A bool field set only in one mode carries it (<see cref="TiedFlags"/>): <c>if d.sync.enabled { ... }</c> runs only
/// in the mode every <c>d.sync.enabled = true</c> is made in.
/// </summary>
internal sealed class ConstructionModes
{
    /// <summary>Fields some method assigns, or whose address is taken.</summary>
    private readonly HashSet<GoVar> changed = new();
    /// <summary>Fields assigned in methods, by the methods: a change unless the method only initializes (see <see cref="Changed"/>).</summary>
    private readonly Dictionary<GoVar, HashSet<FuncDecl>> setInMethods = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<GoVar, bool> changedCache = new();

    private readonly GoProgram program;
    private readonly ReadinessGate calls;
    /// <summary>Bool fields by the places that store true in them; null for a field stored otherwise (a variable, its address).</summary>
    private readonly Dictionary<GoVar, List<Node>?> trueStores = new();
    private Dictionary<GoVar, List<(GoVar Field, string Value, bool Equal)>>? tied;
    private readonly object tiedLock = new();

    /// <summary>The imports' stores (go vet's -facts=vetx): a dependency's method that changes the field.</summary>
    private readonly Vigil.Facts.RaceImports? imports;

    private ConstructionModes(GoProgram program, ReadinessGate calls, Vigil.Facts.RaceImports? imports)
    {
        this.program = program;
        this.calls = calls;
        this.imports = imports;
        // A method's assignment or increment changes the mode; an address taken may change it anywhere.
        FieldStores.ForEach(program, s =>
        {
            if (s.Kind == FieldStores.StoreKind.AddressOf) changed.Add(s.Field);
            else if (OuterMethod(s.At) is { } m)
            {
                if (!setInMethods.TryGetValue(s.Field, out var ms)) setInMethods[s.Field] = ms = [];
                ms.Add(m);
            }
            if (s.Field.Type?.Underlying is GoBasic { Name: "bool" })
                NoteBoolStore(s.Field, s.Kind == FieldStores.StoreKind.Assign && s.Value is { } v ? s.Info.ConstValue(v) : null, s.At);
        }, incDec: true);
    }

    public static ConstructionModes For(Pass pass) => For(pass.Cache, pass.Program);

    public static ConstructionModes For(ProgramCache cache, GoProgram program) =>
        cache.Get("race.constructionmodes", () => new ConstructionModes(program, ReadinessGate.For(cache, Summaries.For(cache, program)), Summaries.For(cache, program).Imported));

    public bool RulesOut(RacePair pair) => Exclusive(pair.A, pair.B) || Exclusive(pair.B, pair.A);

    private bool Exclusive(Side g, Side other)
    {
        if (g.Spawn is not { } sp) return false;
        var start = Modes(sp.Start).ToList();
        if (start.Count == 0) return false;
        var access = other.Access.Path.SelectMany(Modes).ToList();
        return start.Any(s => access.Any(a => a.Field == s.Field && a.Value == s.Value && a.Equal != s.Equal));
    }

    /// <summary>What the conditions around <paramref name="n"/> say about mode fields: <c>x.f == K</c> (Equal) or <c>!=</c>.</summary>
    private IEnumerable<(GoVar Field, string Value, bool Equal)> Modes(Node n) => Modes(n, withFlags: true);

    private IEnumerable<(GoVar Field, string Value, bool Equal)> Modes(Node n, bool withFlags)
    {
        var info = n.SourceFile.Package.Info;
        for (Node prev = n, x = n.Parent!; x != null && prev is not FuncDecl; prev = x, x = x.Parent!)
        {
            if (x is IfStmt i && i.Body == prev)
            {
                if (Test(i.Cond, info) is { } t) yield return t;
                if (withFlags) foreach (var m in FlagModes(i.Cond, info, wantSet: true)) yield return m;
            }
            if (x is BlockStmt b)
                foreach (var s in b.List)
                {
                    if (s == prev) break;
                    if (s is not IfStmt { Init: null, Else: null, Body.List: [.., ReturnStmt], Cond: var c }) continue;
                    if (Test(c, info) is { } r) yield return (r.Field, r.Value, !r.Equal);
                    if (withFlags) foreach (var m in FlagModes(c, info, wantSet: false)) yield return m;
                }
        }
    }

    /// <summary><c>x.f == K</c> or <c>x.f != K</c>, f a mode field, K a constant.</summary>
    private (GoVar Field, string Value, bool Equal)? Test(Expr? cond, TypeInfo info)
    {
        while (cond is ParenExpr p) cond = p.X;
        if (cond is not BinaryExpr { Op: Token.Eql or Token.Neq, X: { } l, Y: { } r } b) return null;
        if (FieldStores.FieldOf(l, info) is not { } f || info.ConstValue(r) is not { } k)
        {
            if (FieldStores.FieldOf(r, info) is not { } f2 || info.ConstValue(l) is not { } k2) return null;
            (f, k) = (f2, k2);
        }
        return Changed(f) ? null : (f, k, b.Op == Token.Eql);
    }

    /// <summary>The modes a test of a tied flag implies: <c>x.g</c> holding (<paramref name="wantSet"/>) or <c>!x.g</c> failing.</summary>
    private IEnumerable<(GoVar Field, string Value, bool Equal)> FlagModes(Expr? cond, TypeInfo info, bool wantSet)
    {
        while (cond is ParenExpr p) cond = p.X;
        bool set = true;
        if (cond is UnaryExpr { Op: Token.Not, X: { } inner }) (cond, set) = (inner, false);
        while (cond is ParenExpr p2) cond = p2.X;
        if (set != wantSet || FieldStores.FieldOf(cond, info) is not { } g) return [];
        return TiedFlags().GetValueOrDefault(g, []);
    }

    private void NoteBoolStore(GoVar field, string? value, Node at)
    {
        if (trueStores.TryGetValue(field, out var list) && list is null) return;
        if (value == "false") { trueStores.TryAdd(field, []); return; }
        if (value != "true") { trueStores[field] = null; return; }
        if (list is null) trueStores[field] = list = [];
        list.Add(at);
    }

    /// <summary>
    /// Bool fields set true only in one mode: every <c>x.g = true</c> runs in it (its own conditions, or every call of
    /// its function is made in it), nothing stores another variable or takes the address, and no composite literal sets
    /// it to anything but false. Then g true implies the mode, for good, since the mode never changes.
    /// </summary>
    private Dictionary<GoVar, List<(GoVar Field, string Value, bool Equal)>> TiedFlags()
    {
        lock (tiedLock) return tied ??= ComputeTiedFlags();
    }

    private Dictionary<GoVar, List<(GoVar Field, string Value, bool Equal)>> ComputeTiedFlags()
    {
        var tied = new Dictionary<GoVar, List<(GoVar Field, string Value, bool Equal)>>();
        var literal = LiteralSetFlags();
        foreach (var (g, stores) in trueStores)
        {
            if (stores is not { Count: > 0 } || literal.Contains(g)) continue;
            List<(GoVar, string, bool)>? common = null;
            foreach (var at in stores)
            {
                var own = Modes(at, withFlags: false).ToList();
                if (own.Count == 0 && Enclosing(at) is FuncDecl fn)
                {
                    // One level up: the mode every call of the storing function is made in.
                    List<(GoVar, string, bool)>? atCalls = null;
                    bool everyCall = calls.EveryCall(fn, call =>
                    {
                        var m = Modes(call, withFlags: false).ToList();
                        atCalls = atCalls is null ? m : atCalls.Intersect(m).ToList();
                        return atCalls.Count > 0;
                    }, _ => false);
                    if (everyCall) own = atCalls ?? [];
                }
                common = common is null ? own : common.Intersect(own).ToList();
                if (common.Count == 0) break;
            }
            if (common is { Count: > 0 }) tied[g] = common;
        }
        return tied;
    }

    /// <summary>Bool fields a composite literal sets to something other than false (keyed or by position).</summary>
    private HashSet<GoVar> LiteralSetFlags()
    {
        var set = new HashSet<GoVar>();
        foreach (var pkg in program.Packages)
            foreach (var file in pkg.Files)
                SyntaxScan.ForEach(file.Syntax, n =>
                {
                    if (n is not CompositeLit lit || pkg.Info.TypeOf(lit)?.Underlying is not GoStruct st) return;
                    for (int i = 0; i < lit.Elts.Count; i++)
                    {
                        var (field, value) = lit.Elts[i] is KeyValueExpr { Key: Ident k, Value: var v }
                            ? (st.Fields.FirstOrDefault(f => f.Name == k.Name), v)
                            : (i < st.Fields.Count ? st.Fields[i] : null, lit.Elts[i]);
                        if (field?.Origin is { } f && trueStores.ContainsKey(f) && (value is null || pkg.Info.ConstValue(value) != "false")) set.Add(f);
                    }
                });
        return set;
    }

    private static Node? Enclosing(Node n)
    {
        for (var x = n.Parent; x != null; x = x.Parent)
            if (x is FuncDecl or FuncLit) return x;
        return null;
    }

    /// <summary>
    /// Some code may change the field after the value is built: its address is taken, or a method assigns it that is
    /// not an initializer (a method whose every use is a call made in a function that is not a method, such as
    /// <c>o.setDefault()</c> in the constructor).
    /// </summary>
    private bool Changed(GoVar f) => ChangedHere(f) || Vigil.Facts.RaceImports.Says(imports, f, Vigil.Facts.RaceFieldFlags.Changed);

    /// <summary><see cref="Changed"/> by the loaded code alone (what a package's facts say of its own stores).</summary>
    internal bool ChangedHere(GoVar f)
    {
        if (changed.Contains(f)) return true;
        if (!setInMethods.TryGetValue(f, out var methods)) return false;
        return changedCache.GetOrAdd(f, _ => methods.Any(m => !calls.EveryCall(m, call => OuterMethod(call) is null && Enclosing(call) is FuncDecl, _ => false)));
    }

    /// <summary>The method declaration the node is in (through function literals); null in a plain function.</summary>
    private static FuncDecl? OuterMethod(Node n)
    {
        FuncDecl? outer = null;
        for (var x = n.Parent; x != null; x = x.Parent)
            if (x is FuncDecl d) outer = d;
        return outer?.Recv != null ? outer : null;
    }

}
