using Vigil.Flow;
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
/// not static and are left out. Only static edges matter here: the machine
/// code decides the rest, so the whole-program call graph (Flow/CallGraph,
/// with its interface and function-value resolution) is not needed, and not
/// built, for this check.
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

    /// <summary>The function a call statically targets (generic instances mapped to their origin), or null for builtins, conversions, interface and dynamic calls.</summary>
    public static GoFunc? Resolve(CallExpr call, TypeInfo info) => Callees.StaticCallee(call, info)?.Origin;

    /// <summary>True when the call is a method call through an interface value.</summary>
    public static bool IsInterfaceCall(CallExpr call, TypeInfo info) =>
        Callees.IsInterfaceCall(call, info)
        || (Callees.CalleeExpr(call, info) is SelectorExpr sel && info.SelectionOf(sel) is { Kind: SelectionKind.MethodVal, Recv: GoTypeParam });
}
