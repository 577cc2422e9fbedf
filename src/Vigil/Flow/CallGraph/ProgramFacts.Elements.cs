using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Flow.CallGraph;

/// <summary>
/// Function values kept in containers: maps, slices, arrays and channels of
/// functions held by a variable or a struct field (<c>handlers[name] = f</c>,
/// <c>hooks = append(hooks, f)</c>, <c>ch &lt;- f</c>, composite literals).
/// A container is followed only while every use of it is one that cannot
/// change its elements unseen: indexing, ranging, sending and receiving,
/// <c>len</c>/<c>cap</c>/<c>delete</c>/<c>clear</c>/<c>close</c>, reading
/// into <c>append</c>, and whole-value assignments recorded here. Passed to a
/// function, sliced, returned, copied into, stored elsewhere or assigned
/// something not followed, it becomes opaque: calls of its elements stay
/// dynamic with <see cref="UnresolvedReason.Element"/>.
/// </summary>
internal sealed partial class ProgramFacts
{
    /// <summary>The function values stored into each container variable or field (by origin).</summary>
    public readonly Dictionary<GoVar, List<(Expr Value, Package Package)>> ElementSources = new();
    /// <summary>Containers whose elements may change in ways not followed.</summary>
    public readonly HashSet<GoVar> OpaqueContainers = [];
    /// <summary>Function-typed range variables → the container they range over.</summary>
    public readonly Dictionary<GoVar, GoVar> RangesOver = new();

    /// <summary>The element type of a map, slice, array (or pointer to one) or channel type; null for other types.</summary>
    public static GoType? ElementOf(GoType? t) => t?.Underlying switch
    {
        GoMap m => m.Elem,
        GoSlice s => s.Elem,
        GoArray a => a.Elem,
        GoChan c => c.Elem,
        GoPointer { Elem: var e } when e.Underlying is GoArray a => a.Elem,
        _ => null,
    };

    public static bool IsFuncContainer(GoType? t) => IsFunc(ElementOf(t));

    private void AddElement(GoVar container, Expr value, Package pkg)
    {
        container = container.Origin;
        if (!ElementSources.TryGetValue(container, out var list)) ElementSources[container] = list = [];
        list.Add((value, pkg));
    }

    private void AddOpaqueContainer(GoVar? v)
    {
        if (v is not null && IsFuncContainer(v.Type)) OpaqueContainers.Add(v.Origin);
    }

    /// <summary>A whole container value assigned to a container variable or field.</summary>
    private void ContainerValue(GoVar? v, Expr value, Package pkg, TypeInfo info)
    {
        if (v is null || !IsFuncContainer(v.Type)) return;
        while (value is ParenExpr { X: { } inner }) value = inner;
        switch (value)
        {
            case CompositeLit lit:
                foreach (var e in lit.Elts) AddElement(v, e is KeyValueExpr kv ? kv.Value! : e, pkg);
                return;
            case Ident id when info.ObjectOf(id) is GoNil:
                return;
            case CallExpr call when Callees.Builtin(call, info) is { Name: "make" }:
                return;
            case CallExpr call when Callees.Builtin(call, info) is { Name: "append" } && call.Args.Count > 0:
                // hooks = append(hooks, f, g): the old elements and the new ones.
                if (VarOf(call.Args[0], info)?.Origin != v.Origin) ContainerValue(v, call.Args[0], pkg, info);
                if (call.Ellipsis.IsValid) { AddOpaqueContainer(v); return; }
                for (int i = 1; i < call.Args.Count; i++) AddElement(v, call.Args[i], pkg);
                return;
        }
        if (VarOf(value, info) is { } other && other.Origin == v.Origin) return; // x = x
        AddOpaqueContainer(v);
    }

    /// <summary>An assignment to an element: c[k] = f.</summary>
    private bool ElementAssignment(Expr lhs, Expr value, Package pkg, TypeInfo info)
    {
        while (lhs is ParenExpr { X: { } inner }) lhs = inner;
        if (lhs is not IndexExpr { X: { } x } || VarOf(x, info) is not { } c || !IsFuncContainer(c.Type)) return false;
        AddElement(c, value, pkg);
        return true;
    }

    /// <summary>
    /// A use of a container variable or field that is not one of the
    /// recorded or harmless ones makes the container opaque.
    /// </summary>
    private void ContainerUse(Ident id, GoVar v, TypeInfo info)
    {
        Node e = id;
        if (e.Parent is SelectorExpr sel && sel.Sel == e) e = sel;
        while (e.Parent is ParenExpr) e = e.Parent;
        bool harmless = e.Parent switch
        {
            IndexExpr ix => ix.X == e,
            RangeStmt r => r.X == e,
            SendStmt s => s.Chan == e,
            UnaryExpr { Op: Token.Arrow } u => u.X == e,
            AssignStmt a => a.Lhs.Contains(e),            // the whole value, recorded by ContainerValue
            KeyValueExpr kv => kv.Key == e,               // a field key in a struct literal
            CallExpr call when Callees.Builtin(call, info) is { Name: var b } =>
                b is "len" or "cap" or "delete" or "clear" or "close" || b == "append" && call.Args.Count > 0 && call.Args[0] == e,
            _ => false,
        };
        if (!harmless) AddOpaqueContainer(v);
    }

    /// <summary>A range over a container: the function-typed value variable holds its elements.</summary>
    private bool RangeOverContainer(RangeStmt r, TypeInfo info)
    {
        if (r.X is null || VarOf(r.X, info) is not { } c || !IsFuncContainer(c.Type)) return false;
        var elementVar = (info.TypeOf(r.X)?.Underlying is GoChan ? r.Key : r.Value) is Ident id ? info.ObjectOf(id) as GoVar : null;
        if (elementVar is null || !IsFunc(elementVar.Type)) return false;
        RangesOver.TryAdd(elementVar.Origin, c.Origin);
        return true;
    }

    private void MergeElements(ProgramFacts other)
    {
        foreach (var (v, list) in other.ElementSources)
        {
            if (ElementSources.TryGetValue(v, out var mine)) mine.AddRange(list);
            else ElementSources[v] = list;
        }
        OpaqueContainers.UnionWith(other.OpaqueContainers);
        foreach (var (v, c) in other.RangesOver) RangesOver.TryAdd(v, c);
    }
}
