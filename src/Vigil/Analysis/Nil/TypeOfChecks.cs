using System.Collections.Concurrent;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>
/// `reflect.TypeOf(x)` is nil for a nil interface `x`. When a package compares
/// `reflect.TypeOf(x) == nil` for some interface-typed field `x` (`f.Value`, the same field of
/// any value), it shows that the field can hold a nil interface; another
/// `reflect.TypeOf(y.Value).Kind()` of that field in the package, unchecked, panics then.
/// Locals are not matched across functions (another function's `t` is another variable). Only the package's own checks count
/// (not its dependencies'), and only non-test files.
/// </summary>
public sealed class TypeOfChecks
{
    private readonly ConcurrentDictionary<string, Dictionary<string, List<Location>>> byPackage = new(StringComparer.Ordinal);

    /// <summary>
    /// Where the package checks reflect.TypeOf of this field (<see cref="KeyOf"/>) for nil, or null;
    /// also null when <paramref name="function"/> itself checks it before <paramref name="use"/>
    /// (`if reflect.TypeOf(v) == nil { return }; reflect.TypeOf(v).Kind()`).
    /// </summary>
    public Location? CheckOf(Package pkg, string? argText, Node function, Node use)
    {
        if (argText is null || !byPackage.GetOrAdd(pkg.Id, _ => Scan(pkg)).TryGetValue(argText, out var checks)) return null;
        if (checks.Any(c => c.Path == use.SourceFile.Path && c.Offset >= function.Pos.Offset && c.Offset < use.Pos.Offset)) return null;
        return checks[0];
    }

    private static Dictionary<string, List<Location>> Scan(Package pkg)
    {
        var found = new Dictionary<string, List<Location>>(StringComparer.Ordinal);
        var info = pkg.Info;
        foreach (var file in pkg.Files)
        {
            if (file.IsTest) continue;
            new Vigil.Flow.SyntaxWalk(n =>
            {
                if (n is BinaryExpr { Op: Token.Eql or Token.Neq, X: { } x, Y: { } y } b)
                {
                    var other = info.IsNilLiteral(Unparen(x)) ? Unparen(y) : info.IsNilLiteral(Unparen(y)) ? Unparen(x) : null;
                    if (other is CallExpr { Args: [var arg] } call && IsTypeOf(call, info))
                    {
                        if (KeyOf(arg, info) is not { } text) return true;
                        if (!found.TryGetValue(text, out var list)) found[text] = list = [];
                        list.Add(b.Location);
                    }
                }
                return true;
            }).Walk(file.Syntax);
        }
        return found;
    }

    /// <summary>The field an expression reads (`f.Value`), as a key, or null.</summary>
    public static string? KeyOf(Expr e, TypeInfo info) =>
        Unparen(e) is SelectorExpr s && info.SelectionOf(s) is { Kind: SelectionKind.FieldVal, Obj: GoVar { IsField: true } f } ? f.Origin.Key : null;

    internal static bool IsTypeOf(CallExpr call, TypeInfo info) =>
        Unparen(call.Fun!) is SelectorExpr { Sel: { } sel } && info.UseOf(sel) is GoFunc { Name: "TypeOf", Package.Path: "reflect" };

}
