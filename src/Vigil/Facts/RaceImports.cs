using System.Collections.Concurrent;
using Vigil.Analysis.Race;
using Vigil.Loading;
using Vigil.Semantics;

namespace Vigil.Facts;

/// <summary>
/// The race facts of the packages a unit imports, directly or not, merged by function key: what the race
/// summaries use for a callee loaded from export data (no body to walk). Paths are resolved in the unit's
/// program: a parameter root is the callee's own parameter object (its call binds it), a field step is found by
/// following the types from the root, a package-level variable is the unit's object when the unit's code uses
/// it, else one variable per key made here (only imported facts can name it: it is unexported or unused).
/// </summary>
public sealed class RaceImports
{
    /// <summary>The key a load's program cache holds the imports under, for the race summaries to find them.</summary>
    public const string CacheKey = "vigil-race/imports";

    private readonly Dictionary<string, RaceFunctionFact> functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RaceFieldFlags> fields = new(StringComparer.Ordinal);
    /// <summary>The key each variable made here stands for (its own <see cref="GoObject.Key"/> has no package).</summary>
    private readonly ConcurrentDictionary<GoVar, string> madeKeys = new();
    private readonly ConcurrentDictionary<string, GoVar> made = new(StringComparer.Ordinal);
    private Dictionary<string, GoVar>? globals;
    private readonly object globalsLock = new();
    /// <summary>Ids of the variables made here: below those of the objects and of the allocation sites (<see cref="Summaries.Allocation"/>).</summary>
    private int nextId = -1_000_000_000;

    public RaceImports(IEnumerable<PackageFacts> packages)
    {
        foreach (var p in packages)
        {
            foreach (var (k, f) in p.Race) functions.TryAdd(k, f);
            // Program-wide folds: every package's stores count (a bit set by any of them stays set).
            foreach (var (k, f) in p.RaceFields) fields[k] = fields.GetValueOrDefault(k) | f;
        }
    }

    /// <summary>What the imported packages' code does to a field (by its origin's key), or null when none stores it.</summary>
    public RaceFieldFlags? FieldFlags(GoVar field) => fields.TryGetValue(KeyOf(field.Origin), out var f) ? f : null;

    private string KeyOf(GoVar v) => madeKeys.TryGetValue(v, out var k) ? k : v.Key;

    /// <summary>
    /// A program-wide fold over a field's stores, the unit's own and its imports': <paramref name="own"/> is the
    /// unit's verdict (null: its code does not store the field), <paramref name="against"/> the bit an imported
    /// package's store breaks it with. As from source, a field nobody stores has no verdict (false).
    /// </summary>
    public static bool Holds(RaceImports? imports, GoVar field, bool? own, RaceFieldFlags against)
    {
        var imported = imports?.FieldFlags(field);
        bool importedStore = imported is { } i && (i & RaceFieldFlags.Stored) != 0;
        if (own is null && !importedStore) return false;
        return own != false && (imported is not { } f || (f & against) == 0);
    }

    /// <summary>Whether an imported package's code sets <paramref name="bit"/> for the field.</summary>
    public static bool Says(RaceImports? imports, GoVar field, RaceFieldFlags bit) => imports?.FieldFlags(field) is { } f && (f & bit) != 0;

    public int Count => functions.Count;

    /// <summary>The race fact of a dependency's function (by the key of its origin); null when none was imported.</summary>
    public RaceFunctionFact? Of(GoFunc f) => functions.GetValueOrDefault(f.Origin.Key);

    /// <summary>
    /// The location a fact's path names, in the callee's frame (rooted at its receiver or parameter object, or at
    /// a package-level variable); null when the callee has no such parameter (a fact of another signature).
    /// </summary>
    public Loc? Resolve(RacePath p, GoFunc callee, GoProgram program)
    {
        GoVar? root = p.Root.Param switch
        {
            RaceRoot.GlobalVar => Global(p.Root.Global!, p.Root.Name!, program),
            RaceRoot.LocalVar => Made(p.Root.Global!, p.Root.Name!, MadeKind.Local),
            RaceRoot.Receiver => callee.Signature.Recv,
            var i => i < callee.Signature.Params.Count ? callee.Signature.Params[i] : null,
        };
        if (root is null) return null;
        var steps = new Step[p.Steps.Count];
        GoType? t = root.Type;
        for (int i = 0; i < steps.Length; i++)
        {
            var s = p.Steps[i];
            switch (s.Kind)
            {
                case StepKind.Field:
                    var field = FieldOf(t, s);
                    t = field?.Type;
                    steps[i] = new Step(StepKind.Field, (field ?? Made(s.FieldKey!, s.FieldName!, MadeKind.Field)).Origin, s.Key, s.Display);
                    break;
                case StepKind.Deref:
                    // *p is what p points to; a slice's or a map's elements are behind their header (the type is the header's).
                    if (t?.Underlying is GoPointer ptr) t = ptr.Elem;
                    else if (t?.Underlying is not (GoSlice or GoMap or GoChan)) t = null;
                    steps[i] = new Step(StepKind.Deref);
                    break;
                default:
                    t = t?.Underlying switch
                    {
                        GoSlice sl when s.Kind == StepKind.Elem => sl.Elem,
                        GoArray ar when s.Kind == StepKind.Elem => ar.Elem,
                        GoMap m when s.Kind == StepKind.MapElem => m.Elem,
                        _ => null,
                    };
                    steps[i] = new Step(s.Kind, Key: s.Key, Display: s.Display);
                    break;
            }
        }
        return new Loc(root, steps);
    }

    /// <summary>The field a step names in the struct the path has reached (by index, checked by name; else by name).</summary>
    private static GoVar? FieldOf(GoType? t, RaceStep s)
    {
        if (t?.Underlying is not GoStruct st) return null;
        if (s.FieldIndex >= 0 && s.FieldIndex < st.Fields.Count && st.Fields[s.FieldIndex].Name == s.FieldName) return st.Fields[s.FieldIndex];
        return st.Fields.FirstOrDefault(f => f.Name == s.FieldName);
    }

    private GoVar Global(string key, string name, GoProgram program)
    {
        var index = Volatile.Read(ref globals);
        if (index is null)
            lock (globalsLock)
            {
                index = globals ?? IndexGlobals(program);
                Volatile.Write(ref globals, index);
            }
        return index.GetValueOrDefault(key) ?? Made(key, name, MadeKind.Global);
    }

    /// <summary>The package-level variables the unit's code uses, by key (those of its imports come from export data).</summary>
    private static Dictionary<string, GoVar> IndexGlobals(GoProgram program)
    {
        var index = new Dictionary<string, GoVar>(StringComparer.Ordinal);
        foreach (var pkg in program.Packages)
            foreach (var o in pkg.Info.AllUses().Concat(pkg.Info.AllDefs()))
                if (o is GoVar { IsPackageLevel: true, IsField: false } v) index.TryAdd(v.Key, v);
        return index;
    }

    private enum MadeKind { Global, Field, Local }

    /// <summary>
    /// One variable per key for what the unit's objects do not include (same key, same memory). A dependency's
    /// local (a channel its function shares with its goroutines) is one variable for every call, as the
    /// callee's own name is when it is inlined from source (<see cref="Substitution.Object"/>).
    /// </summary>
    private GoVar Made(string key, string name, MadeKind kind) => made.GetOrAdd($"{kind} {key}", _ =>
    {
        var v = new GoVar
        {
            Id = Interlocked.Decrement(ref nextId),
            Name = name,
            IsField = kind == MadeKind.Field,
            IsPackageLevel = kind == MadeKind.Global,
        };
        madeKeys[v] = key;
        return v;
    });
}
