using Vigil.Semantics;

namespace Vigil.Flow.CallGraph;

/// <summary>
/// go/types' Identical for the model's types. The stream gives one instance
/// per go/types type, but go/types itself may hold several instances of the
/// same unnamed type (two []int), so identity must be structural.
/// </summary>
public static class TypeIdentity
{
    public static bool Identical(GoType? a, GoType? b)
    {
        if (a is null || b is null) return a == b;
        a = a.Unalias();
        b = b.Unalias();
        if (ReferenceEquals(a, b)) return true;
        return (a, b) switch
        {
            (GoBasic x, GoBasic y) => x.BasicKind == y.BasicKind,
            (GoPointer x, GoPointer y) => Identical(x.Elem, y.Elem),
            (GoSlice x, GoSlice y) => Identical(x.Elem, y.Elem),
            (GoArray x, GoArray y) => x.Length == y.Length && Identical(x.Elem, y.Elem),
            (GoMap x, GoMap y) => Identical(x.Key, y.Key) && Identical(x.Elem, y.Elem),
            (GoChan x, GoChan y) => x.Dir == y.Dir && Identical(x.Elem, y.Elem),
            (GoSignature x, GoSignature y) => IdenticalSignatures(x, y),
            (GoTuple x, GoTuple y) => IdenticalTuples(x, y),
            (GoStruct x, GoStruct y) => IdenticalStructs(x, y),
            (GoInterface x, GoInterface y) => IdenticalInterfaces(x, y),
            (GoNamed x, GoNamed y) => IdenticalNamed(x, y),
            _ => false,
        };
    }

    private static bool IdenticalStructs(GoStruct x, GoStruct s)
    {
        if (x.Fields.Count != s.Fields.Count) return false;
        for (int i = 0; i < x.Fields.Count; i++)
        {
            var (f, g) = (x.Fields[i], s.Fields[i]);
            if (f.Name != g.Name || f.Embedded != g.Embedded || !Identical(f.Type, g.Type)) return false;
            if ((i < x.Tags.Count ? x.Tags[i] : "") != (i < s.Tags.Count ? s.Tags[i] : "")) return false;
            if (!f.Exported && f.Package != g.Package) return false;
        }
        return true;
    }

    private static bool IdenticalInterfaces(GoInterface x, GoInterface it)
    {
        if (x.Methods.Count != it.Methods.Count) return false;
        for (int i = 0; i < x.Methods.Count; i++)
            if (x.Methods[i].Name != it.Methods[i].Name || !IdenticalSignatures(x.Methods[i].Signature, it.Methods[i].Signature)) return false;
        // Type-set terms (constraint interfaces) are not compared: they never appear as value types.
        return x.Embeddeds.Count == it.Embeddeds.Count;
    }

    private static bool IdenticalNamed(GoNamed x, GoNamed n)
    {
        if (!ReferenceEquals(x.Origin, n.Origin) || x.TypeArgs.Count != n.TypeArgs.Count) return false;
        for (int i = 0; i < x.TypeArgs.Count; i++)
            if (!Identical(x.TypeArgs[i], n.TypeArgs[i])) return false;
        return true;
    }

    /// <summary>Parameters, results and variadicity identical (receivers and names ignored, as for method matching).</summary>
    public static bool IdenticalSignatures(GoSignature a, GoSignature b) =>
        a.Variadic == b.Variadic && IdenticalTuples(a.Params, b.Params) && IdenticalTuples(a.Results, b.Results);

    private static bool IdenticalTuples(GoTuple a, GoTuple b)
    {
        if (a.Count != b.Count) return false;
        for (int i = 0; i < a.Count; i++)
            if (!Identical(a[i].Type, b[i].Type)) return false;
        return true;
    }
}
