using Vigil.Analysis;
using Vigil.Analysis.Race;
using Vigil.Loading;
using Vigil.Semantics;

namespace Vigil.Facts;

/// <summary>
/// What a package's code does to struct fields, as the program-wide race rules fold it over every store of a
/// field in the loaded program (<see cref="FieldStores"/>; docs/facts.md, "Program-wide race rules"). A set bit
/// is what the package's own stores of the field say against a rule, so a dependent ORs the packages' flags
/// with what its own code says: a field is set once when no package has a store that breaks it.
/// </summary>
[Flags]
public enum RaceFieldFlags : uint
{
    None = 0,
    /// <summary>The package assigns the field or takes its address (increments are not counted).</summary>
    Stored = 1,
    /// <summary>A store that is not a non-nil assignment made only while the field is unset (<see cref="SetOnceFields"/>).</summary>
    NotSetOnce = 2,
    /// <summary>A store that is not an assignment of nil (<see cref="ClosedThenCleared"/>).</summary>
    NotClearedOnly = 4,
    /// <summary>A store of a bool field that is neither false nor a try-lock claim (<see cref="BusyFlags"/>).</summary>
    NotBusyFlag = 8,
    /// <summary>A bool field given something else than true, or whose address is taken (<see cref="ReadinessGate"/>).</summary>
    Lowered = 16,
    /// <summary>Changed after construction: its address taken, or assigned in a method that is not an initializer (<see cref="ConstructionModes"/>).</summary>
    Changed = 32,
    All = Stored | NotSetOnce | NotClearedOnly | NotBusyFlag | Lowered | Changed,
}

/// <summary>The program-wide facts of one package's code for the race rules of its dependents.</summary>
public static class RaceFieldFactsExport
{
    /// <summary>The flags of each field (any package's, by its key) the package's code stores.</summary>
    public static SortedDictionary<string, RaceFieldFlags> Of(GoProgram program, ProgramCache cache, Package pkg)
    {
        var fields = new SortedDictionary<string, RaceFieldFlags>(StringComparer.Ordinal);
        var byKey = new Dictionary<string, GoVar>(StringComparer.Ordinal);
        void Note(GoVar f, RaceFieldFlags flags)
        {
            byKey.TryAdd(f.Key, f);
            fields[f.Key] = fields.GetValueOrDefault(f.Key) | flags;
        }
        FieldStores.ForEach(pkg, s =>
        {
            if (s.Kind == FieldStores.StoreKind.IncDec)
            {
                Note(s.Field, RaceFieldFlags.None);
                return;
            }
            var flags = RaceFieldFlags.Stored;
            if (!SetOnceFields.Keeps(s)) flags |= RaceFieldFlags.NotSetOnce;
            if (!ClosedThenCleared.Keeps(s)) flags |= RaceFieldFlags.NotClearedOnly;
            if (s.Field.Type?.Underlying is GoBasic { Name: "bool" })
            {
                if (!BusyFlags.Keeps(s)) flags |= RaceFieldFlags.NotBusyFlag;
                if (ReadinessGate.Lowers(s)) flags |= RaceFieldFlags.Lowered;
            }
            Note(s.Field, flags);
        }, incDec: true);
        // Changed is judged with this load's callers (the package's own code), as its own analysis judges it.
        var modes = ConstructionModes.For(cache, program);
        foreach (var (key, f) in byKey)
            if (modes.ChangedHere(f)) fields[key] |= RaceFieldFlags.Changed;
        return fields;
    }
}
