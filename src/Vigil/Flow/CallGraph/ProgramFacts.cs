using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Flow.CallGraph;

/// <summary>
/// What the call graph needs to know about the whole program, gathered in
/// one walk over every package loaded from source: the expressions assigned
/// to each function-typed variable, field and parameter; the concrete types
/// converted to interfaces (or used as type arguments); and the functions
/// used as values (whose callers are then not all known).
/// </summary>
internal sealed partial class ProgramFacts
{
    /// <summary>Values assigned to function-typed variables, fields (by origin) and, later, parameters.</summary>
    public readonly Dictionary<GoVar, List<(Expr Value, Package Package)>> Sources = new();
    /// <summary>Function-typed variables also assigned in ways not followed (tuple results, range...).</summary>
    public readonly Dictionary<GoVar, UnresolvedReason> Opaque = new();
    /// <summary>Named types (and pointers to them: Pointer true) whose values become interface values somewhere.</summary>
    public readonly HashSet<(GoNamed Named, bool Pointer)> Converted = [];
    /// <summary>Keys of functions and methods referred to other than by calling them.</summary>
    public readonly HashSet<string> UsedAsValue = new(StringComparer.Ordinal);

    public void AddSource(GoVar? v, Expr value, Package pkg)
    {
        if (v is null || !IsFunc(v.Type)) return;
        v = v.Origin;
        if (!Sources.TryGetValue(v, out var list)) Sources[v] = list = [];
        list.Add((value, pkg));
    }

    public void AddOpaque(GoVar? v, UnresolvedReason why)
    {
        if (v is null || !IsFunc(v.Type)) return;
        Opaque.TryAdd(v.Origin, why);
    }

    public static bool IsFunc(GoType? t) => t?.Underlying is GoSignature;

    /// <summary>Adds what another walk found after what this one has (facts of packages walked in parallel, merged in package order).</summary>
    public void Merge(ProgramFacts other)
    {
        foreach (var (v, list) in other.Sources)
        {
            if (Sources.TryGetValue(v, out var mine)) mine.AddRange(list);
            else Sources[v] = list;
        }
        foreach (var (v, why) in other.Opaque) Opaque.TryAdd(v, why);
        Converted.UnionWith(other.Converted);
        UsedAsValue.UnionWith(other.UsedAsValue);
        MergeElements(other);
    }

    /// <summary>Records that a value of type <paramref name="from"/> is stored where <paramref name="to"/> is expected.</summary>
    public void Flow(GoType? from, GoType? to)
    {
        if (from is null || to is null || to.Underlying is not GoInterface || from.Underlying is GoInterface) return;
        AddConverted(from);
    }

    public void AddConverted(GoType t)
    {
        t = t.Unalias();
        if (t is GoNamed n) Converted.Add((n, false));
        else if (t is GoPointer { Elem: var e } && e.Unalias() is GoNamed pn) Converted.Add((pn, true));
    }

    /// <summary>Records what one node tells (called on every node of every package).</summary>
    public void Visit(Node n, Package pkg, TypeInfo info)
    {
        switch (n)
        {
            case AssignStmt a when a.Tok is Token.Define or Token.Assign:
                if (a.Lhs.Count == a.Rhs.Count)
                    for (int i = 0; i < a.Lhs.Count; i++)
                    {
                        if (ElementAssignment(a.Lhs[i], a.Rhs[i], pkg, info)) continue;
                        var lhs = VarOf(a.Lhs[i], info);
                        AddSource(lhs, a.Rhs[i], pkg);
                        ContainerValue(lhs, a.Rhs[i], pkg, info);
                        Flow(info.TypeOf(a.Rhs[i]), info.TypeOf(a.Lhs[i]));
                    }
                else
                    foreach (var l in a.Lhs)
                    {
                        AddOpaque(VarOf(l, info), UnresolvedReason.CallResult);
                        AddOpaqueContainer(VarOf(l, info));
                    }
                break;
            case ValueSpec vs:
                for (int i = 0; i < vs.Names.Count; i++)
                {
                    var v = info.DefOf(vs.Names[i]) as GoVar;
                    if (vs.Values.Count == vs.Names.Count)
                    {
                        AddSource(v, vs.Values[i], pkg);
                        ContainerValue(v, vs.Values[i], pkg, info);
                        Flow(info.TypeOf(vs.Values[i]), v?.Type);
                    }
                    else if (vs.Values.Count > 0)
                    {
                        AddOpaque(v, UnresolvedReason.CallResult);
                        AddOpaqueContainer(v);
                    }
                }
                break;
            case RangeStmt r:
                if (RangeOverContainer(r, info)) break;
                AddOpaque(VarOf(r.Key, info), UnresolvedReason.Element);
                AddOpaque(VarOf(r.Value, info), UnresolvedReason.Element);
                break;
            case CompositeLit lit:
                CompositeLiteral(lit, pkg, info);
                break;
            case CallExpr call:
                Call(call, info);
                break;
            case ReturnStmt ret:
                if (ResultTypes(ret, info) is { } results && results.Count == ret.Results.Count)
                    for (int i = 0; i < results.Count; i++) Flow(info.TypeOf(ret.Results[i]), results[i].Type);
                break;
            case SendStmt send:
                if (VarOf(send.Chan, info) is { } ch && IsFuncContainer(ch.Type)) AddElement(ch, send.Value!, pkg);
                Flow(info.TypeOf(send.Value!), (info.TypeOf(send.Chan!)?.Underlying as GoChan)?.Elem);
                break;
            case BinaryExpr { Op: Token.Eql or Token.Neq } cmp:
                Flow(info.TypeOf(cmp.X!), info.TypeOf(cmp.Y!));
                Flow(info.TypeOf(cmp.Y!), info.TypeOf(cmp.X!));
                break;
            case Ident id:
                if (info.InstanceOf(id) is { } inst)
                    foreach (var t in inst.TypeArgs)
                    {
                        AddConverted(t);
                        // A type argument T may have its methods called through the constraint on *T too.
                        if (t.Unalias() is GoNamed tn) Converted.Add((tn, true));
                    }
                switch (info.UseOf(id))
                {
                    case GoFunc g when !IsCalled(id): UsedAsValue.Add(g.Origin.Key); break;
                    case GoVar cv when IsFuncContainer(cv.Type): ContainerUse(id, cv, info); break;
                }
                break;
            case SelectorExpr sel:
                if (info.SelectionOf(sel) is { Kind: SelectionKind.MethodVal or SelectionKind.MethodExpr } s2 && !IsCalled(sel) && s2.Obj is GoFunc m)
                    UsedAsValue.Add(m.Origin.Key);
                break;
        }
    }

    /// <summary>Whether an identifier or selector is the called function of a call (possibly parenthesized or instantiated).</summary>
    private static bool IsCalled(Expr e)
    {
        Node n = e;
        if (n.Parent is SelectorExpr sel && sel.Sel == n) n = sel;
        while (n.Parent is ParenExpr or IndexExpr or IndexListExpr) n = n.Parent;
        return n.Parent is CallExpr c && c.Fun == n;
    }

    private void CompositeLiteral(CompositeLit lit, Package pkg, TypeInfo info)
    {
        var type = info.TypeOf(lit)?.Underlying;
        if (type is GoPointer p) type = p.Elem.Underlying; // &T{...} elided in nested literals
        switch (type)
        {
            case GoStruct st:
                for (int i = 0; i < lit.Elts.Count; i++)
                {
                    GoVar? field; Expr value;
                    if (lit.Elts[i] is KeyValueExpr { Key: Ident key, Value: { } v })
                    {
                        field = info.ObjectOf(key) as GoVar ?? st.Fields.FirstOrDefault(f => f.Name == key.Name);
                        value = v;
                    }
                    else
                    {
                        field = i < st.Fields.Count ? st.Fields[i] : null;
                        value = lit.Elts[i];
                    }
                    AddSource(field, value, pkg);
                    ContainerValue(field, value, pkg, info);
                    Flow(info.TypeOf(value), field?.Type);
                }
                break;
            case GoSlice or GoArray or GoMap:
                var elem = type switch { GoSlice s => s.Elem, GoArray a => a.Elem, GoMap m => m.Elem, _ => null };
                var key2 = (type as GoMap)?.Key;
                foreach (var e in lit.Elts)
                {
                    if (e is KeyValueExpr kv)
                    {
                        Flow(info.TypeOf(kv.Value!), elem);
                        if (key2 is not null) Flow(info.TypeOf(kv.Key!), key2);
                    }
                    else Flow(info.TypeOf(e), elem);
                }
                break;
        }
    }

    private void Call(CallExpr call, TypeInfo info)
    {
        if (info.IsType(call.Fun!))
        {
            if (call.Args.Count == 1) Flow(info.TypeOf(call.Args[0]), info.TypeOf(call.Fun!)); // I(x)
            return;
        }
        if (info.TypeOf(call.Fun!)?.Underlying is not GoSignature sig) return;
        var ps = sig.Params;
        for (int i = 0; i < call.Args.Count; i++)
        {
            GoType? pt;
            if (sig.Variadic && i >= ps.Count - 1 && ps.Count > 0)
                pt = call.Ellipsis.IsValid ? ps[ps.Count - 1].Type : (ps[ps.Count - 1].Type?.Underlying as GoSlice)?.Elem;
            else pt = i < ps.Count ? ps[i].Type : null;
            Flow(info.TypeOf(call.Args[i]), pt);
        }
    }

    private static IReadOnlyList<GoVar>? ResultTypes(ReturnStmt ret, TypeInfo info)
    {
        for (Node? p = ret.Parent; p != null; p = p.Parent)
        {
            if (p is FuncLit lit) return (info.TypeOf(lit) as GoSignature)?.Results.Vars;
            if (p is FuncDecl fd) return (info.DefOf(fd.Name!) as GoFunc)?.Signature.Results.Vars;
        }
        return null;
    }

    /// <summary>The variable or field an assignable expression denotes (x, pkg.X, s.f, (*p).f), or null.</summary>
    public static GoVar? VarOf(Expr? e, TypeInfo info) => e switch
    {
        ParenExpr p => VarOf(p.X, info),
        Ident id => info.ObjectOf(id) as GoVar,
        SelectorExpr sel => info.SelectionOf(sel) is { } s ? (s.Kind == SelectionKind.FieldVal ? s.Obj as GoVar : null)
                                                             : info.UseOf(sel.Sel!) as GoVar,
        _ => null,
    };
}
