using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>A function body Vigil has source for: a declaration or a literal, with its package.</summary>
public sealed record FunctionRef(Node Node, Package Package)
{
    public BlockStmt? Body => Node switch { FuncDecl d => d.Body, FuncLit l => l.Body, _ => null };
    public FuncType? Type => Node switch { FuncDecl d => d.Type, FuncLit l => l.Type, _ => null };

    public string Name => Node switch
    {
        FuncDecl d => Dump.FunctionFinder.QualifiedName(d),
        _ => "func literal",
    };

    /// <summary>True when a variable is declared inside this function (a parameter or a local).</summary>
    public bool Declares(GoVar v) =>
        !v.IsPackageLevel && v.Location.Path == Node.SourceFile.Path
        && v.Location.Offset >= Node.Pos.Offset && v.Location.Offset < Node.End.Offset;
}

/// <summary>A lock held at an access: the location of the mutex and whether only its read side is held.</summary>
/// <param name="Once">The internal lock of a sync.Once around its body (not a lock users name).</param>
/// <param name="Assumed">Held by convention on entry (a *Locked method): it counts within the method's own analysis;
/// where the method is called or started, the caller's real locks count instead.</param>
public readonly record struct HeldLock(Loc Lock, bool ReadOnly, bool Once = false, bool Assumed = false);

// One byte each, like the event's flags: an event is kept for every function and every call it is inlined at
// (the largest part of a race run's memory, docs/loading.md "Memory").
public enum EventKind : byte { Access, Acquire, Release, Spawn, DynCall, ParallelMark }

/// <summary>The synchronization object kinds that create happens-before edges.</summary>
/// <remarks><see cref="SyncKind.ChanClosed"/>: a close, and a receive known to have observed it (<c>_, ok := &lt;-ch; if !ok</c>).</remarks>
public enum SyncKind : byte { Chan, ChanReverse, ChanClosed, WaitGroup, Once, Mutex, MutexWait, Atomic }

public enum SpawnKind { Go, Handler, Subtest, AfterFunc }

/// <summary>
/// Something a function does that matters to races, in execution order: a memory
/// access with the locks held, a synchronization (acquire/release of a channel,
/// WaitGroup, Once, mutex or atomic), or the start of a goroutine. Events of
/// callees are inlined into the caller with the caller's names.
/// </summary>
public sealed class Event
{
    public required EventKind Kind { get; init; }
    /// <summary>The memory accessed, or the synchronization object.</summary>
    public Loc? Loc { get; init; }
    public bool Write { get; init; }
    public bool Atomic { get; init; }
    /// <summary>A write of a pointer variable with a new allocation (<c>p = &amp;T{...}</c>, <c>p = new(T)</c>).</summary>
    public bool Fresh { get; init; }
    /// <summary>A write of nil (<c>x.f = nil</c>).</summary>
    public bool Nil { get; init; }
    /// <summary>A release that only says the goroutine surely sends on the channel before it ends (it joins; it orders no access).</summary>
    public bool JoinOnly { get; init; }
    public SyncKind Sync { get; init; }
    public IReadOnlyList<HeldLock> Locks { get; init; } = [];
    /// <summary>Where it happens in the function that owns this event list (a call site for inlined events).</summary>
    public required Node Site { get; init; }
    /// <summary>Where it really happens (inside a callee for inlined events).</summary>
    public required Node Origin { get; init; }
    /// <summary>
    /// For an event of a dependency's function known from its facts only (go vet's -facts=vetx: no source to walk):
    /// where it happens in the dependency. Origin is then the call in this load.
    /// </summary>
    public Location? Imported { get => (Location?)imported; init => imported = value; }
    // Boxed: a Location? inline took 32 bytes in every event, and only events of go vet's -facts=vetx units have one.
    private object? imported;
    /// <summary>With <see cref="Imported"/>: the event is the dependency's own code run as a goroutine (<c>go s.Serve()</c>), not reached through a call.</summary>
    public bool ImportedSite { get; init; }
    /// <summary>The call sites from Site down to Origin.</summary>
    public IReadOnlyList<Node> Chain { get; init; } = [];
    /// <summary>Order of events within one event list.</summary>
    public int Seq { get; set; }
    /// <summary>True when it runs at function exit (deferred).</summary>
    public bool Deferred { get; init; }
    /// <summary>True when, within its own function, it runs on every path (not under a branch or loop).</summary>
    public bool Unconditional { get; init; }
    /// <summary>True when it runs whenever its own function runs (not under a branch or loop there).</summary>
    public bool AtTop { get; init; }
    public SpawnInfo? Spawn { get; init; }
    /// <summary>
    /// For an acquire that holds only in part of its function: that part (the body of <c>if !ok</c>), or, with
    /// <see cref="ScopeAfter"/>, the statement after which it holds (a range over a channel, once it ends).
    /// </summary>
    public Node? Scope { get; init; }
    public bool ScopeAfter { get; init; }
    /// <summary>
    /// Along <see cref="Path"/>: whether each point runs whenever the function it is in runs
    /// (index 0, the site, is decided by the caller's order; the rest were decided in the callees).
    /// </summary>
    public IReadOnlyList<bool> CondPath { get; init; } = AtSite;
    // One shared default (read-only): a fresh `[true]` per event was a list per event made, and With overwrites it.
    private static readonly IReadOnlyList<bool> AtSite = [true];
    /// <summary>The site, the calls inside callees, and the origin: where the event is, level by level.</summary>
    /// <remarks>Built on first use and kept (events are immutable once recorded; the order checks ask for it often).</remarks>
    public IReadOnlyList<Node> Path => path ??= Chain.Count == 0 ? [Origin] : [.. Chain, Origin];
    private IReadOnlyList<Node>? path;
    /// <summary>For DynCall: the function-typed variable called, and the arguments.</summary>
    public GoVar? Callee { get; init; }
    public IReadOnlyList<Binding?> Args { get; init; } = [];

    public Event With(Node site, IReadOnlyList<Node> chain, Loc? loc, IReadOnlyList<HeldLock> locks, bool unconditional, bool atTop, bool deferred,
        SpawnInfo? spawn = null, IReadOnlyList<bool>? condPath = null) => new()
    {
        Kind = Kind, Loc = loc, Write = Write, Atomic = Atomic, Fresh = Fresh, Nil = Nil, JoinOnly = JoinOnly, Sync = Sync, Locks = locks, Site = site, Origin = Origin,
        Chain = chain, Deferred = deferred, Unconditional = unconditional, AtTop = atTop, Spawn = spawn ?? Spawn, Callee = Callee, Args = Args, Scope = Scope, ScopeAfter = ScopeAfter,
        CondPath = condPath ?? CondPath, imported = imported, ImportedSite = ImportedSite,
    };

    /// <summary>The path of this event inlined at a call: the callee decided everything below the call.</summary>
    public IReadOnlyList<bool> CondPathInlined()
    {
        var r = new bool[Math.Max(CondPath.Count, 1) + 1];
        r[0] = true;
        r[1] = AtTop;
        for (int i = 1; i < CondPath.Count; i++) r[i + 1] = CondPath[i];
        return SharedCondPaths.Intern(r);
    }

    public override string ToString() => $"{Kind} {Loc} {(Write ? "W" : "R")} @{Origin.Location}";
}

/// <summary>A goroutine start (or another concurrent entry) and what the new goroutine does.</summary>
public sealed class SpawnInfo
{
    public required SpawnKind Kind { get; init; }
    /// <summary>The statement that starts it (go statement, HandleFunc call...).</summary>
    public required Node Start { get; init; }
    /// <summary>For a goroutine a dependency known from its facts starts (Start is then the call): its go statement there.</summary>
    public Location? ImportedStart { get; init; }
    /// <summary>Where the goroutine is started, for messages.</summary>
    public Location StartLocation => ImportedStart ?? Start.Location;
    /// <summary>Started repeatedly (in a loop, or as a handler): instances run concurrently with each other.</summary>
    public bool Many { get; init; }
    /// <summary>Variables whose instances differ per goroutine instance (per-iteration loop variables).</summary>
    public IReadOnlySet<GoVar> PerInstance { get; init; } = new HashSet<GoVar>();
    /// <summary>The goroutine's events, in the frame of the function that starts it.</summary>
    public required IReadOnlyList<Event> Child { get; init; }
    /// <summary>The function the goroutine runs, for messages.</summary>
    public required string FunctionName { get; init; }
}

/// <summary>
/// One shared read-only copy of each short condition path: every inlined event had its own array, and the
/// paths are few (at most <see cref="Summaries.MaxCallDepth"/> + 2 flags long).
/// </summary>
internal static class SharedCondPaths
{
    private const int MaxLength = 12;
    private static readonly bool[]?[]?[] ByLength = new bool[]?[]?[MaxLength + 1];

    /// <summary>The shared array equal to <paramref name="path"/> (which is not changed afterwards), or the path itself when it is too long to share.</summary>
    public static bool[] Intern(bool[] path)
    {
        if (path.Length > MaxLength) return path;
        int bits = 0;
        for (int i = 0; i < path.Length; i++) if (path[i]) bits |= 1 << i;
        var table = Volatile.Read(ref ByLength[path.Length]);
        if (table is null)
        {
            Interlocked.CompareExchange(ref ByLength[path.Length], new bool[]?[1 << path.Length], null);
            table = Volatile.Read(ref ByLength[path.Length])!;
        }
        return Interlocked.CompareExchange(ref table[bits], path, null) ?? path;
    }
}
