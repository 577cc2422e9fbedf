using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// Reflection on a value whose origin the function shows: <c>v := reflect.ValueOf(&amp;x)</c> (or the call itself
/// in the chain) makes <c>v.Elem().SetInt(1)</c> a write of x and <c>v.Elem().Int()</c> a read of it;
/// <c>reflect.Copy(dst, src)</c> on values of slices writes dst's elements and reads src's. Other reflection
/// (fields by name, values from interfaces) is not followed.
/// </summary>
internal sealed partial class FunctionWalker
{
    private static readonly HashSet<string> ReflectReaders =
        ["Int", "Uint", "Float", "String", "Bool", "Bytes", "Interface", "Complex", "Pointer", "Len", "Cap"];

    /// <summary>Records the access a reflect call without source makes; false when it is not one this knows.</summary>
    private bool ReflectCall(GoFunc callee, CallExpr c, Expr? recv)
    {
        if (callee.Package?.Path != "reflect") return false;
        if (!callee.IsMethod && callee.Name == "Copy" && c.Args.Count == 2)
        {
            var src = Reflected(c.Args[1]);
            var dst = Reflected(c.Args[0]);
            Access(c, ElementsOf(src), false);
            Access(c, ElementsOf(dst), true);
            return true;
        }
        if (!callee.IsMethod || recv is null) return false;
        bool write = callee.Name.StartsWith("Set", StringComparison.Ordinal);
        if (!write && !ReflectReaders.Contains(callee.Name)) return false;
        // v.Elem(): the variable v's pointer points to.
        if (Unparen(recv) is not CallExpr { Fun: SelectorExpr { Sel.Name: "Elem" } elem, Args.Count: 0 }) return false;
        if (Reflected(elem.X) is not { } ptr || info.TypeOf(ptr)?.Underlying is not GoPointer) return false;
        foreach (var a in c.Args) Eval(a);
        Access(c, PointsTo(ptr), write);
        return true;
    }

    /// <summary>The argument of the reflect.ValueOf that made <paramref name="value"/>: in place, or through a local defined from it.</summary>
    private Expr? Reflected(Expr? value)
    {
        value = Unparen(value);
        if (value is Ident id && info.ObjectOf(id) is GoVar v && !v.IsField)
        {
            Access(id, Loc.Of(v), false);
            value = sums.ReflectedBy(v);
        }
        return value is CallExpr { Args.Count: 1 } call && Flow.Callees.StaticCallee(call, info) is { Name: "ValueOf", Package.Path: "reflect" }
            ? call.Args[0] : null;
    }

    /// <summary>The elements of the slice a reflect.Value was made from.</summary>
    private Loc? ElementsOf(Expr? slice) =>
        slice != null && info.TypeOf(slice)?.Underlying is GoSlice && LocOf(slice) is { } l ? SharedHeader(l)?.Deref().With(new Step(StepKind.Elem)) : null;
}
