using Vigil.Analysis.Nil;
using Vigil.Flow.Cfg;
using Vigil.Flow.Summaries;

namespace Vigil.Facts;

/// <summary>
/// What a dependent's analysis needs to know about one package it imports
/// (docs/facts.md, "Serialized facts"): the functions that never return (every
/// check's control flow), and everything the nil inference reads of a package
/// that a load from export data does not give it, and the race summaries of its
/// functions (<see cref="RaceFunctionFact"/>). Keys are the objects'
/// stable keys (<see cref="Semantics.GoObject.Key"/>), the same whether a package
/// comes from source or from export data.
/// </summary>
public sealed class PackageFacts
{
    /// <summary>The functions that never return normally (<see cref="NoReturnAnalysis"/>), by key.</summary>
    public SortedDictionary<string, NoReturnKind> NoReturn { get; } = new(StringComparer.Ordinal);

    /// <summary>The summary of each function and method declared with a body, by the key of its origin.</summary>
    public SortedDictionary<string, FunctionSummary> Summaries { get; } = new(StringComparer.Ordinal);

    /// <summary>The functions whose doc comment speaks of nil (a nil they return is part of their contract).</summary>
    public SortedSet<string> DocumentsNil { get; } = new(StringComparer.Ordinal);

    /// <summary>The callees (by origin key) whose nil result the package's code checks: evidence for its dependents' findings.</summary>
    public SortedSet<string> Checks { get; } = new(StringComparer.Ordinal);

    /// <summary>The fields (their evidence keys, <see cref="FieldSites.OriginOf"/>) the package's code compares with nil.</summary>
    public SortedSet<string> ComparedFields { get; } = new(StringComparer.Ordinal);

    /// <summary>The line ranges of the package's files that a //nolint:vigil-nil covers: a flow through one stays silenced.</summary>
    public SortedSet<(string Path, int From, int To)> Silenced { get; } = [];

    /// <summary>The race summary of each function and method declared with a body, by the key of its origin (<see cref="RaceFactsExport"/>).</summary>
    public SortedDictionary<string, RaceFunctionFact> Race { get; } = new(StringComparer.Ordinal);

    /// <summary>What the package's code does to struct fields, by field key, for the program-wide race rules (<see cref="RaceFieldFactsExport"/>).</summary>
    public SortedDictionary<string, RaceFieldFlags> RaceFields { get; } = new(StringComparer.Ordinal);

    /// <summary>The race section's version: a reader refuses another (the file's build check already does; this says which part).</summary>
    private const ulong RaceVersion = 2;

    public void Write(SummaryWriter w)
    {
        w.WriteList(NoReturn, (w, kv) => { w.WriteString(kv.Key); w.WriteUInt((ulong)kv.Value); });
        w.WriteList(Summaries, (w, kv) => { w.WriteString(kv.Key); FunctionSummaryCodec.Write(w, kv.Value); });
        w.WriteList(DocumentsNil, (w, s) => w.WriteString(s));
        w.WriteList(Checks, (w, s) => w.WriteString(s));
        w.WriteList(ComparedFields, (w, s) => w.WriteString(s));
        w.WriteList(Silenced, (w, s) => { w.WriteString(s.Path); w.WriteInt(s.From); w.WriteInt(s.To); });
        w.WriteString("race");
        w.WriteUInt(RaceVersion);
        w.WriteList(Race, (w, kv) => { w.WriteString(kv.Key); kv.Value.Write(w); });
        w.WriteList(RaceFields, (w, kv) => { w.WriteString(kv.Key); w.WriteUInt((ulong)kv.Value); });
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="FormatException"/> on corrupt input.</summary>
    public static PackageFacts Read(SummaryReader r)
    {
        var f = new PackageFacts();
        foreach (var (k, kind) in r.ReadList(r => (r.ReadString(), r.ReadUInt())))
            f.NoReturn[k] = kind is (ulong)NoReturnKind.Panics or (ulong)NoReturnKind.ExitsProcess ? (NoReturnKind)kind : throw new FormatException($"bad no-return kind {kind}");
        foreach (var (k, s) in r.ReadList(r => (r.ReadString(), FunctionSummaryCodec.Read(r)))) f.Summaries[k] = s;
        f.DocumentsNil.UnionWith(r.ReadList(r => r.ReadString()));
        f.Checks.UnionWith(r.ReadList(r => r.ReadString()));
        f.ComparedFields.UnionWith(r.ReadList(r => r.ReadString()));
        f.Silenced.UnionWith(r.ReadList(r => (r.ReadString(), (int)r.ReadInt(), (int)r.ReadInt())));
        if (r.ReadString() != "race") throw new FormatException("no race section");
        if (r.ReadUInt() is var version && version != RaceVersion) throw new FormatException($"race section of version {version}, not {RaceVersion}");
        foreach (var (k, fact) in r.ReadList(r => (r.ReadString(), RaceFunctionFact.Read(r)))) f.Race[k] = fact;
        foreach (var (k, flags) in r.ReadList(r => (r.ReadString(), r.ReadUInt())))
            f.RaceFields[k] = flags <= (ulong)RaceFieldFlags.All ? (RaceFieldFlags)flags : throw new FormatException($"bad race field flags {flags}");
        return f;
    }
}
