using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Flow;

/// <summary>What a call expression calls, as far as the syntax and types say without any flow analysis.</summary>
public static class Callees
{
    /// <summary>
    /// The called expression with parentheses and explicit instantiation
    /// (f[int]) removed. Without type information an index expression is
    /// taken for an instantiation when it indexes a name; prefer the overload
    /// with <see cref="TypeInfo"/>, which tells m[k]() from f[int]().
    /// </summary>
    public static Expr? CalleeExpr(CallExpr call) => CalleeExpr(call, null);

    /// <summary>The called expression with parentheses and explicit instantiation (f[int], f[K, V]) removed.</summary>
    public static Expr? CalleeExpr(CallExpr call, TypeInfo? info)
    {
        var f = call.Fun;
        while (true)
        {
            switch (f)
            {
                case ParenExpr p: f = p.X; continue;
                case IndexExpr ix when ix.X is Ident or SelectorExpr && (info is null || IsInstantiation(ix, info)): f = ix.X; continue;
                case IndexListExpr il: f = il.X; continue;
            }
            return f;
        }
    }

    // f[T] instantiates when the index is a type (a map or slice index is a value).
    private static bool IsInstantiation(IndexExpr ix, TypeInfo info) => ix.Index is not null && info.IsType(ix.Index);

    /// <summary>
    /// The object a call refers to by name: a function, a builtin, or a method
    /// (for an interface method call, the interface's method: see
    /// <see cref="IsInterfaceCall"/>). Null for calls of function values and
    /// for conversions.
    /// </summary>
    public static GoObject? CalleeObject(CallExpr call, TypeInfo info)
    {
        if (info.IsType(call.Fun!)) return null; // a conversion T(x)
        switch (CalleeExpr(call, info))
        {
            case Ident id:
                return info.UseOf(id) is GoFunc or GoBuiltin ? info.UseOf(id) : null;
            case SelectorExpr sel:
                if (info.SelectionOf(sel) is { } s)
                    return s.Kind is SelectionKind.MethodVal or SelectionKind.MethodExpr ? s.Obj : null;
                return sel.Sel is { } name && info.UseOf(name) is GoFunc or GoBuiltin ? info.UseOf(name) : null;
        }
        return null;
    }

    /// <summary>The function a call certainly runs (a function, or a method on a concrete receiver); null otherwise.</summary>
    public static GoFunc? StaticCallee(CallExpr call, TypeInfo info) =>
        CalleeObject(call, info) is GoFunc f && !IsInterfaceCall(call, info) ? f : null;

    /// <summary>True for x.M(...) where x has interface type (dynamic dispatch).</summary>
    public static bool IsInterfaceCall(CallExpr call, TypeInfo info) =>
        CalleeExpr(call, info) is SelectorExpr sel && info.SelectionOf(sel) is { Kind: SelectionKind.MethodVal } s
        && s.Recv.Underlying is GoInterface;

    /// <summary>The builtin a call invokes (panic, len, append...), or null.</summary>
    public static GoBuiltin? Builtin(CallExpr call, TypeInfo info) => CalleeObject(call, info) as GoBuiltin;
}
