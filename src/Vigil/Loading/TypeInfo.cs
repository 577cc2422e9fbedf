using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Loading;

/// <summary>The mode of an expression, as go/types' TypeAndValue reports it.</summary>
[Flags]
public enum ExprMode : byte
{
    None = 0,
    Void = 1, Builtin = 2, Type = 4, Value = 8, Nil = 16, Addressable = 32, Assignable = 64, HasOk = 128,
}

public enum SelectionKind { FieldVal = 0, MethodVal = 1, MethodExpr = 2 }

/// <summary>types.Selection: a field or method selected by x.f.</summary>
public sealed record Selection(SelectionKind Kind, GoType Recv, GoObject Obj, GoType Type, int[] Index, bool Indirect);

/// <summary>types.Instance: the type arguments and instantiated type at a generic use.</summary>
public sealed record Instance(IReadOnlyList<GoType> TypeArgs, GoType Type);

/// <summary>
/// go/types' Info for one package, indexed by node id: the type and mode of
/// every expression, the object every identifier defines or uses, implicit
/// objects, selections, instances and scopes.
/// </summary>
public sealed class TypeInfo
{
    internal GoType?[] Types = [];
    internal ExprMode[] Modes = [];
    internal Dictionary<int, string> Constants = [];
    // Defs and Uses share one slot per node: an identifier defines or uses an object, both only as
    // an embedded field (which defines the field and uses the type). A slot per node for each was
    // 8 bytes a node more, for every package of the load (docs/loading.md, "Memory").
    private GoObject?[] objects = [];
    private ulong[] defined = [];
    private readonly Dictionary<int, GoObject?> usesBesideDefs = [];
    internal Dictionary<int, GoObject> Implicits = [];
    internal Dictionary<int, Selection> Selections = [];
    internal Dictionary<int, Instance> Instances = [];
    internal Dictionary<int, IReadOnlyList<GoObject>> Scopes = [];

    public GoType? TypeOf(Node e) => e.Id < Types.Length ? Types[e.Id] : null;
    public ExprMode ModeOf(Node e) => e.Id < Modes.Length ? Modes[e.Id] : ExprMode.None;
    /// <summary>The constant value of an expression (go/constant's ExactString), or null.</summary>
    public string? ConstValue(Node e) => Constants.GetValueOrDefault(e.Id);
    public GoObject? DefOf(Ident id) => IsDef(id.Id) ? objects[id.Id] : null;
    public GoObject? UseOf(Ident id) => IsDef(id.Id) ? usesBesideDefs.GetValueOrDefault(id.Id) : id.Id < objects.Length ? objects[id.Id] : null;
    /// <summary>types.Info.ObjectOf: the object an identifier defines, else the one it uses.</summary>
    public GoObject? ObjectOf(Ident id) => DefOf(id) ?? UseOf(id);
    /// <summary>True when go/types records the identifier as a definition of no object (package clause, blank, type switch symbol).</summary>
    public bool IsDefinitionWithoutObject(Ident id) => IsDef(id.Id) && objects[id.Id] is null;

    /// <summary>Every object a node uses, in node order (types.Info.Uses's values).</summary>
    internal IEnumerable<GoObject> AllUses()
    {
        for (int id = 0; id < objects.Length; id++)
            if ((IsDef(id) ? usesBesideDefs.GetValueOrDefault(id) : objects[id]) is { } o) yield return o;
    }

    /// <summary>Every object a node defines, in node order (types.Info.Defs's values).</summary>
    internal IEnumerable<GoObject> AllDefs()
    {
        for (int id = 0; id < objects.Length; id++)
            if (IsDef(id) && objects[id] is { } o) yield return o;
    }

    /// <summary>Sizes the tables for a package of <paramref name="nodes"/> nodes (ids 0 to nodes - 1).</summary>
    internal void Allocate(int nodes)
    {
        Types = new GoType?[nodes];
        Modes = new ExprMode[nodes];
        objects = new GoObject?[nodes];
        defined = new ulong[(nodes + 63) / 64];
    }

    /// <summary>Records types.Info.Defs[node] (null: a definition of no object).</summary>
    internal void SetDef(int id, GoObject? o)
    {
        if (!IsDef(id) && objects[id] is { } use) usesBesideDefs[id] = use; // the stream writes Defs first, but either order reads right
        objects[id] = o;
        defined[id >> 6] |= 1UL << (id & 63);
    }

    /// <summary>Records types.Info.Uses[node].</summary>
    internal void SetUse(int id, GoObject? o)
    {
        if (IsDef(id)) usesBesideDefs[id] = o;
        else objects[id] = o;
    }

    private bool IsDef(int id) => (uint)(id >> 6) < (uint)defined.Length && (defined[id >> 6] & (1UL << (id & 63))) != 0;
    public GoObject? ImplicitOf(Node n) => Implicits.GetValueOrDefault(n.Id);
    public Selection? SelectionOf(SelectorExpr e) => Selections.GetValueOrDefault(e.Id);
    public Instance? InstanceOf(Ident id) => Instances.GetValueOrDefault(id.Id);
    /// <summary>The objects declared in the scope a node opens (function, block, clause...).</summary>
    public IReadOnlyList<GoObject>? ScopeOf(Node n) => Scopes.GetValueOrDefault(n.Id);

    public bool IsType(Node e) => (ModeOf(e) & ExprMode.Type) != 0;
    public bool IsNilLiteral(Node e) => (ModeOf(e) & ExprMode.Nil) != 0;
}
