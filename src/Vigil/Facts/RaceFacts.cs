using Vigil.Analysis.Race;
using Vigil.Flow.Summaries;

namespace Vigil.Facts;

/// <summary>
/// Where a memory path starts in a dependency's function: its receiver (-1), a parameter (its index), a
/// package-level variable (<see cref="Global"/>: its stable key, with its name for messages), or, for a
/// synchronization object only, a local of the function (a channel it makes and shares with a goroutine it
/// starts: no caller can name it, it only pairs the function's own release and acquire).
/// </summary>
public sealed record RaceRoot(int Param, string? Global = null, string? Name = null)
{
    public const int Receiver = -1, GlobalVar = -2, LocalVar = -3;
    public static RaceRoot OfGlobal(string key, string name) => new(GlobalVar, key, name);
    public static RaceRoot OfLocal(string key, string name) => new(LocalVar, key, name);
    public bool Named => Param is GlobalVar or LocalVar;
}

/// <summary>
/// One step of a memory path, free of syntax: a field by its index and name in its struct (and its stable key
/// "pkgpath.Type.field", which names it when the dependent cannot follow the types), a dereference, an element
/// (with a constant index's key, "c:3" or "r:0:4"), a map element.
/// </summary>
public sealed record RaceStep(StepKind Kind, int FieldIndex = 0, string? FieldName = null, string? FieldKey = null, string? Key = null, string? Display = null);

/// <summary>A memory location of a dependency's function: a root and the steps from it.</summary>
public sealed record RacePath(RaceRoot Root, IReadOnlyList<RaceStep> Steps);

/// <summary>A lock held at an event, as a path from the function's receiver, parameters or globals.</summary>
public sealed record RaceLock(RacePath Lock, bool ReadOnly, bool Once);

/// <summary>
/// What a dependency's function does that matters to its callers' races (an access, or an acquire or a release
/// of a synchronization object that callers can name), in order, in the function's own frame. <see cref="Sure"/>:
/// it happens whenever the function runs. Where it is in the dependency's source: <see cref="Path"/>,
/// <see cref="Line"/>, <see cref="Column"/> (the messages of a finding name it, as when the dependency is loaded from source).
/// </summary>
public sealed record RaceEventFact(EventKind Kind, SyncKind Sync, RacePath Loc, bool Write, bool Atomic, bool Fresh, bool Nil, bool JoinOnly, bool Sure,
    IReadOnlyList<RaceLock> Locks, string Path, int Line, int Column);

/// <summary>
/// A goroutine a dependency's function starts, before its event number <see cref="Before"/>: whether it is started
/// repeatedly (<see cref="Many"/>) or surely, the locks held at the start, what it does (its events in the
/// function's frame; goroutines it starts in turn are left out), and where the start is.
/// </summary>
public sealed record RaceSpawnFact(int Before, bool Many, bool Sure, string Function, IReadOnlyList<RaceLock> Locks, IReadOnlyList<RaceEventFact> Child,
    string Path, int Line, int Column);

/// <summary>
/// The race summary of one function of a dependency (docs/facts.md, "Race facts"): its events and the goroutines
/// it starts, bounded, and its net effect on its callers' locks and channels (<see cref="FunctionEvents"/>' exit lists).
/// </summary>
/// <param name="HasGoStatement">Its body has a go statement (<see cref="Summaries.HasGoStatement"/>): its callers are analyzed as roots.</param>
public sealed record RaceFunctionFact(IReadOnlyList<RaceEventFact> Events, IReadOnlyList<RaceSpawnFact> Spawns, IReadOnlyList<RaceLock> ExitHeld,
    IReadOnlyList<RacePath> ExitReleased, IReadOnlyList<RacePath> ExitReceived, IReadOnlyList<RacePath> ExitSent, bool HasGoStatement = false)
{
    /// <summary>Most events a fact keeps (what a summary holds beyond is what its callers would drop too).</summary>
    public const int MaxEvents = 256;

    /// <summary>Most goroutine starts a fact keeps.</summary>
    public const int MaxSpawns = 16;

    public void Write(SummaryWriter w)
    {
        w.WriteList(Events, WriteEvent);
        w.WriteList(Spawns, (w, s) =>
        {
            w.WriteInt(s.Before); w.WriteBool(s.Many); w.WriteBool(s.Sure); w.WriteString(s.Function);
            w.WriteList(s.Locks, WriteLock); w.WriteList(s.Child, WriteEvent);
            w.WriteString(s.Path); w.WriteInt(s.Line); w.WriteInt(s.Column);
        });
        w.WriteList(ExitHeld, WriteLock);
        w.WriteList(ExitReleased, WritePath);
        w.WriteList(ExitReceived, WritePath);
        w.WriteList(ExitSent, WritePath);
        w.WriteBool(HasGoStatement);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="FormatException"/> on corrupt input.</summary>
    public static RaceFunctionFact Read(SummaryReader r)
    {
        var events = r.ReadList(ReadEvent);
        var spawns = r.ReadList(r => new RaceSpawnFact((int)r.ReadInt(), r.ReadBool(), r.ReadBool(), r.ReadString(), r.ReadList(ReadLock), r.ReadList(ReadEvent),
            r.ReadString(), (int)r.ReadInt(), (int)r.ReadInt()));
        return new(events, spawns, r.ReadList(ReadLock), r.ReadList(ReadPath), r.ReadList(ReadPath), r.ReadList(ReadPath), r.ReadBool());
    }

    private static void WriteEvent(SummaryWriter w, RaceEventFact e)
    {
        w.WriteUInt((ulong)e.Kind); w.WriteUInt((ulong)e.Sync); WritePath(w, e.Loc);
        w.WriteBool(e.Write); w.WriteBool(e.Atomic); w.WriteBool(e.Fresh); w.WriteBool(e.Nil); w.WriteBool(e.JoinOnly); w.WriteBool(e.Sure);
        w.WriteList(e.Locks, WriteLock);
        w.WriteString(e.Path); w.WriteInt(e.Line); w.WriteInt(e.Column);
    }

    private static RaceEventFact ReadEvent(SummaryReader r) => new(
        Enum<EventKind>(r.ReadUInt(), (ulong)EventKind.ParallelMark), Enum<SyncKind>(r.ReadUInt(), (ulong)SyncKind.Atomic), ReadPath(r),
        r.ReadBool(), r.ReadBool(), r.ReadBool(), r.ReadBool(), r.ReadBool(), r.ReadBool(),
        r.ReadList(ReadLock), r.ReadString(), (int)r.ReadInt(), (int)r.ReadInt());

    private static void WriteLock(SummaryWriter w, RaceLock l) { WritePath(w, l.Lock); w.WriteBool(l.ReadOnly); w.WriteBool(l.Once); }
    private static RaceLock ReadLock(SummaryReader r) => new(ReadPath(r), r.ReadBool(), r.ReadBool());

    private static void WritePath(SummaryWriter w, RacePath p)
    {
        w.WriteInt(p.Root.Param);
        if (p.Root.Named) { w.WriteString(p.Root.Global!); w.WriteString(p.Root.Name!); }
        w.WriteList(p.Steps, (w, s) =>
        {
            w.WriteUInt((ulong)s.Kind);
            if (s.Kind == StepKind.Field) { w.WriteInt(s.FieldIndex); w.WriteString(s.FieldName!); w.WriteString(s.FieldKey!); }
            Optional(w, s.Key); Optional(w, s.Display);
        });
    }

    private static RacePath ReadPath(SummaryReader r)
    {
        int param = (int)r.ReadInt();
        var root = param is RaceRoot.GlobalVar or RaceRoot.LocalVar ? new RaceRoot(param, r.ReadString(), r.ReadString())
            : param >= RaceRoot.Receiver ? new RaceRoot(param) : throw new FormatException($"bad path root {param}");
        var steps = r.ReadList(r =>
        {
            var kind = Enum<StepKind>(r.ReadUInt(), (ulong)StepKind.MapElem);
            var s = kind == StepKind.Field ? new RaceStep(kind, (int)r.ReadInt(), r.ReadString(), r.ReadString()) : new RaceStep(kind);
            return s with { Key = ReadOptional(r), Display = ReadOptional(r) };
        });
        return new(root, steps);
    }

    private static void Optional(SummaryWriter w, string? s)
    {
        w.WriteBool(s is not null);
        if (s is not null) w.WriteString(s);
    }

    private static string? ReadOptional(SummaryReader r) => r.ReadBool() ? r.ReadString() : null;

    private static T Enum<T>(ulong v, ulong max) where T : struct, System.Enum =>
        v <= max ? (T)System.Enum.ToObject(typeof(T), v) : throw new FormatException($"bad {typeof(T).Name} {v}"); // whatever the enum's underlying type
}
