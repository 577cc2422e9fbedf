using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Fixes;

/// <summary>
/// Zero values written as Go source, for the results of an inserted return:
/// nil, 0, "", false from the type, and <c>T{}</c> (or <c>*new(T)</c> for a type
/// parameter) with T spelled as the function's signature spells it, so the
/// text needs no import the file lacks.
/// </summary>
public static class ZeroValues
{
    /// <summary>The zero value of <paramref name="type"/>; <paramref name="written"/> is how the signature writes the type. Null when it cannot be written.</summary>
    public static string? Of(GoType? type, string? written)
    {
        if (type is null) return null;
        var t = type.Unalias();
        if (t is GoTypeParam) return written is null ? null : $"*new({written})";
        return t.Underlying switch
        {
            GoBasic b => Basic(b.BasicKind),
            GoPointer or GoSlice or GoMap or GoChan or GoSignature or GoInterface => "nil",
            GoStruct or GoArray => written is null ? null : written + "{}",
            _ => null,
        };
    }

    private static string? Basic(BasicKind k) => k switch
    {
        BasicKind.Bool or BasicKind.UntypedBool => "false",
        BasicKind.String or BasicKind.UntypedString => "\"\"",
        BasicKind.UnsafePointer or BasicKind.UntypedNil => "nil",
        BasicKind.Invalid => null,
        _ => "0",
    };

    /// <summary>Each result's type expression, one per result (a field "a, b int" gives two).</summary>
    public static List<Expr?> ResultTypes(FuncType? type)
    {
        var list = new List<Expr?>();
        foreach (var field in type?.Results?.List ?? [])
            for (int i = 0; i < Math.Max(1, field.Names.Count); i++) list.Add(field.Type);
        return list;
    }
}
