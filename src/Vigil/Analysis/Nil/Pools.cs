using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// The `sync.Pool` variables and fields given a `New` function somewhere in the program
/// (`var bufPool = sync.Pool{New: ...}`, `p.New = func() any {...}`): their `Get` never
/// returns nil, so `b, _ := bufPool.Get().(*bytes.Buffer)` is not a nil source.
/// </summary>
public sealed class Pools
{
    private readonly HashSet<GoVar> withNew = [];

    /// <summary>The pools given a New function, one sorted line each (for the result cache's fact hash).</summary>
    public IEnumerable<string> Describe() => withNew.Select(v => "pool " + v.LineKey).Order(StringComparer.Ordinal);

    public void Scan(TypeInfo info, Vigil.Syntax.File file)
    {
        foreach (var n in file.Descendants())
            switch (n)
            {
                case CompositeLit lit when IsPool(info.TypeOf(lit)) && lit.Elts.Any(e => e is KeyValueExpr { Key: Ident { Name: "New" } }):
                    if (Holder(lit, info) is { } v) withNew.Add(v.Origin);
                    break;
                case AssignStmt { Lhs: [SelectorExpr { Sel.Name: "New", X: var pool }] } when IsPool(info.TypeOf(pool!)) && ObjectOf(pool, info) is { } pv:
                    withNew.Add(pv.Origin);
                    break;
            }
    }

    /// <summary>True when <paramref name="call"/> is `p.Get()` on a pool given a New function.</summary>
    public bool GetHasNew(CallExpr call, TypeInfo info) =>
        call.Fun is SelectorExpr { Sel.Name: "Get", X: var pool } && IsPool(info.TypeOf(pool!)) && ObjectOf(pool, info) is { } v && withNew.Contains(v.Origin);

    private static bool IsPool(GoType? t)
    {
        if (t?.Underlying is GoPointer p) t = p.Elem;
        return t is GoNamed { Obj: { Name: "Pool", Package.Path: "sync" } };
    }

    /// <summary>The variable or field a pool literal initializes (through `&amp;`).</summary>
    private static GoVar? Holder(Node lit, TypeInfo info)
    {
        var n = lit.Parent is UnaryExpr { Op: Token.And } u ? u : lit;
        switch (n.Parent)
        {
            case ValueSpec vs:
                int i = vs.Values.ToList().IndexOf((Expr)n);
                return i >= 0 && i < vs.Names.Count ? info.DefOf(vs.Names[i]) as GoVar : null;
            case AssignStmt a:
                int j = a.Rhs.ToList().IndexOf((Expr)n);
                return j >= 0 && j < a.Lhs.Count ? ObjectOf(a.Lhs[j], info) : null;
            case KeyValueExpr { Key: Ident k }:
                return info.ObjectOf(k) as GoVar;
            default:
                return null;
        }
    }

    private static GoVar? ObjectOf(Expr? e, TypeInfo info) => e switch
    {
        ParenExpr p => ObjectOf(p.X, info),
        UnaryExpr { Op: Token.And } u => ObjectOf(u.X, info),
        Ident id => info.ObjectOf(id) as GoVar,
        SelectorExpr s => info.SelectionOf(s)?.Obj as GoVar ?? info.UseOf(s.Sel!) as GoVar,
        _ => null,
    };
}
