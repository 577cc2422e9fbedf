using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>A call in the source whose callee go/types knows: a function or a concrete method.</summary>
public sealed record StaticCall(CallExpr Call, GoFunc Callee);

/// <summary>
/// Resolves the static callees of a function body from the typed syntax
/// (CallExpr → ObjectOf / SelectionOf → GoFunc, generic instances mapped to
/// their origin). Interface method calls and calls of function values are
/// not static and are left out. This is a small local resolver: the shared
/// call graph (Flow/CallGraph) was not available on main when this check was
/// written; it can replace this file when it is.
/// </summary>
public static class StaticCallees
{
    public static List<StaticCall> Of(Node body, TypeInfo info)
    {
        var calls = new List<StaticCall>();
        foreach (var n in body.Descendants())
            if (n is CallExpr call && Resolve(call, info) is { } f)
                calls.Add(new StaticCall(call, f));
        return calls;
    }

    /// <summary>The function a call statically targets, or null (builtins, conversions, interface and dynamic calls).</summary>
    public static GoFunc? Resolve(CallExpr call, TypeInfo info)
    {
        var fun = Unwrap(call.Fun);
        GoObject? obj = fun switch
        {
            Ident id => info.ObjectOf(id),
            SelectorExpr sel when info.SelectionOf(sel) is { } s =>
                s.Kind == SelectionKind.FieldVal || s.Recv.Underlying is GoInterface
                || (s.Recv is GoPointer p && p.Elem.Underlying is GoInterface) ? null : s.Obj,
            SelectorExpr sel => info.ObjectOf(sel.Sel!), // package-qualified: pkg.F
            _ => null,
        };
        return obj is GoFunc f ? f.Origin : null;
    }

    /// <summary>True when the call is a method call through an interface value.</summary>
    public static bool IsInterfaceCall(CallExpr call, TypeInfo info) =>
        Unwrap(call.Fun) is SelectorExpr sel && info.SelectionOf(sel) is { Kind: SelectionKind.MethodVal } s
        && (s.Recv.Underlying is GoInterface || s.Recv is GoTypeParam);

    private static Expr? Unwrap(Expr? e)
    {
        while (true)
        {
            switch (e)
            {
                case ParenExpr p: e = p.X; continue;
                case IndexExpr ix: e = ix.X; continue;      // F[int](...)
                case IndexListExpr il: e = il.X; continue;  // F[int, string](...)
            }
            return e;
        }
    }
}
