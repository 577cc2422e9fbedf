using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A variable declared without a value just before it is tested holds its zero value there:
/// <code>
/// var b byte
/// if b != 0 { sink = &amp;b } // never runs
/// </code>
/// (a device to make the compiler move b to the heap). The statements between the declaration and the test,
/// in the same block, must not mention the variable, so nothing, a closure included, can have changed it.
/// </summary>
internal static class FreshZeroValues
{
    /// <summary>True when <paramref name="id"/> reads a variable declared by a plain <c>var</c> earlier in its block and untouched since.</summary>
    public static bool HoldsZero(Ident id, TypeInfo info)
    {
        if (info.ObjectOf(id) is not GoVar v || v.IsPackageLevel || v.IsField) return false;
        Node at = id;
        while (at.Parent is { } p && p is not (BlockStmt or CaseClause or CommClause))
        {
            if (p is FuncLit or FuncDecl) return false;
            at = p;
        }
        var list = at.Parent switch
        {
            BlockStmt b => b.List,
            CaseClause c => c.Body,
            CommClause c => c.Body,
            _ => null,
        };
        if (list is null || list.Count == 0) return false;
        // Cheap first: the variable must be declared inside this block, before the statement.
        var first = list[0].Location;
        if (v.Location.Path != first.Path || v.Location.Offset < first.Offset || v.Location.Offset > at.Location.Offset) return false;
        int i = -1;
        for (int k = 0; k < list.Count; k++) if (list[k] == at) { i = k; break; }
        for (int k = i - 1; k >= 0; k--)
        {
            var s = list[k];
            if (s is DeclStmt { Decl: GenDecl gd } && gd.Specs.OfType<ValueSpec>().FirstOrDefault(vs => vs.Names.Any(n => info.DefOf(n) == v)) is { } spec)
                return spec.Values.Count == 0;
            if (SyntaxScan.Any(s, n => n is Ident x && info.ObjectOf(x) == v)) return false;
        }
        return false;
    }
}
