namespace Vigil.Semantics;

public enum TypeKind { Basic = 1, Pointer, Slice, Array, Map, Chan, Struct, Tuple, Signature, Interface, Named, TypeParam, Union, Alias }

/// <summary>
/// A Go type, one instance per go/types type: identical named types are the
/// same object, so reference equality is identity for them (as in go/types).
/// </summary>
public abstract class GoType
{
    /// <summary>The type's number in the stream; stable within one load.</summary>
    public int Id { get; internal set; }
    public abstract TypeKind Kind { get; }
    /// <summary>go/types' Underlying(): the type itself except for named types, aliases and type parameters.</summary>
    public virtual GoType Underlying => this;
    public override string ToString() => TypeString.Of(this, null);
}

/// <summary>types.BasicKind, numbered as in go/types.</summary>
public enum BasicKind
{
    Invalid, Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
    Float32, Float64, Complex64, Complex128, String, UnsafePointer,
    UntypedBool, UntypedInt, UntypedRune, UntypedFloat, UntypedComplex, UntypedString, UntypedNil,
}

public sealed class GoBasic : GoType
{
    public override TypeKind Kind => TypeKind.Basic;
    public BasicKind BasicKind { get; internal set; }
    public string Name { get; internal set; } = "";
    public bool IsUntyped => BasicKind >= BasicKind.UntypedBool;
}

public sealed class GoPointer : GoType
{
    public override TypeKind Kind => TypeKind.Pointer;
    public GoType Elem { get; internal set; } = null!;
}

public sealed class GoSlice : GoType
{
    public override TypeKind Kind => TypeKind.Slice;
    public GoType Elem { get; internal set; } = null!;
}

public sealed class GoArray : GoType
{
    public override TypeKind Kind => TypeKind.Array;
    public long Length { get; internal set; }
    public GoType Elem { get; internal set; } = null!;
}

public sealed class GoMap : GoType
{
    public override TypeKind Kind => TypeKind.Map;
    public GoType Key { get; internal set; } = null!;
    public GoType Elem { get; internal set; } = null!;
}

public enum ChanDir { SendRecv = 0, SendOnly = 1, RecvOnly = 2 }

public sealed class GoChan : GoType
{
    public override TypeKind Kind => TypeKind.Chan;
    public ChanDir Dir { get; internal set; }
    public GoType Elem { get; internal set; } = null!;
}

public sealed class GoStruct : GoType
{
    public override TypeKind Kind => TypeKind.Struct;
    public IReadOnlyList<GoVar> Fields { get; internal set; } = [];
    public IReadOnlyList<string> Tags { get; internal set; } = [];
}

public sealed class GoTuple : GoType
{
    public override TypeKind Kind => TypeKind.Tuple;
    public IReadOnlyList<GoVar> Vars { get; internal set; } = [];
    public int Count => Vars.Count;
    public GoVar this[int i] => Vars[i];
}

public sealed class GoSignature : GoType
{
    public override TypeKind Kind => TypeKind.Signature;
    public GoVar? Recv { get; internal set; }
    public IReadOnlyList<GoTypeParam> TypeParams { get; internal set; } = [];
    public IReadOnlyList<GoTypeParam> RecvTypeParams { get; internal set; } = [];
    public GoTuple Params { get; internal set; } = null!;
    public GoTuple Results { get; internal set; } = null!;
    public bool Variadic { get; internal set; }
}

public sealed class GoInterface : GoType
{
    public override TypeKind Kind => TypeKind.Interface;
    public IReadOnlyList<GoFunc> ExplicitMethods { get; internal set; } = [];
    public IReadOnlyList<GoType> Embeddeds { get; internal set; } = [];
    /// <summary>The complete method set, sorted as go/types sorts it.</summary>
    public IReadOnlyList<GoFunc> Methods { get; internal set; } = [];
    public bool IsImplicit { get; internal set; }
    public bool IsComparable { get; internal set; }
    /// <summary>1 for the universe's any, 2 for comparable's underlying interface, else 0.</summary>
    internal byte Universe { get; set; }
    public bool IsEmpty => Methods.Count == 0 && Embeddeds.Count == 0;
}

public sealed class GoNamed : GoType
{
    public override TypeKind Kind => TypeKind.Named;
    public GoTypeName Obj { get; internal set; } = null!;
    /// <summary>The generic type this one instantiates, or itself.</summary>
    public GoNamed Origin => OriginOrNull ?? this;
    internal GoNamed? OriginOrNull { get; set; }
    public IReadOnlyList<GoType> TypeArgs { get; internal set; } = [];
    public IReadOnlyList<GoTypeParam> TypeParams { get; internal set; } = [];
    internal GoType UnderlyingType { get; set; } = null!;
    public override GoType Underlying => UnderlyingType;
    /// <summary>The methods declared on this type (not promoted ones).</summary>
    public IReadOnlyList<GoFunc> Methods { get; internal set; } = [];
}

public sealed class GoTypeParam : GoType
{
    public override TypeKind Kind => TypeKind.TypeParam;
    public GoTypeName Obj { get; internal set; } = null!;
    public int Index { get; internal set; }
    public GoType Constraint { get; internal set; } = null!;
    public override GoType Underlying => Constraint.Underlying;
}

public sealed class GoUnion : GoType
{
    public override TypeKind Kind => TypeKind.Union;
    public IReadOnlyList<(bool Tilde, GoType Type)> Terms { get; internal set; } = [];
}

public sealed class GoAlias : GoType
{
    public override TypeKind Kind => TypeKind.Alias;
    public GoTypeName Obj { get; internal set; } = null!;
    /// <summary>The aliased type, with all aliases removed (types.Unalias).</summary>
    public GoType Actual { get; internal set; } = null!;
    public override GoType Underlying => Actual.Underlying;
}

public static class GoTypeExtensions
{
    /// <summary>types.Unalias: the type with aliases removed.</summary>
    public static GoType Unalias(this GoType t) => t is GoAlias a ? a.Actual : t;

    /// <summary>True for types whose zero value is nil: pointers, slices, maps, channels, functions, interfaces, unsafe.Pointer.</summary>
    public static bool IsNilable(this GoType t) => t.Underlying switch
    {
        GoPointer or GoSlice or GoMap or GoChan or GoSignature or GoInterface => true,
        GoBasic b => b.BasicKind is BasicKind.UnsafePointer or BasicKind.UntypedNil,
        _ => false,
    };

    /// <summary>The element type of a pointer, after unaliasing; null for other types.</summary>
    public static GoType? PointerElem(this GoType t) => (t.Underlying as GoPointer)?.Elem;

    /// <summary>The named type of T or *T, or null.</summary>
    public static GoNamed? NamedOrPointerToNamed(this GoType t)
    {
        t = t.Unalias();
        if (t is GoPointer p) t = p.Elem.Unalias();
        return t as GoNamed;
    }
}
