using System.Collections.Concurrent;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>What a function does, in its own frame: its events and its net effect on the caller's locks.</summary>
public sealed class FunctionEvents
{
    public static readonly FunctionEvents Empty = new() { Events = [] };
    public required IReadOnlyList<Event> Events { get; init; }
    /// <summary>Locks still held when it returns (a helper that locks for its caller).</summary>
    public IReadOnlyList<HeldLock> ExitHeld { get; init; } = [];
    /// <summary>Caller's locks it releases (a helper that unlocks for its caller).</summary>
    public IReadOnlyList<Loc> ExitReleased { get; init; } = [];
}

/// <summary>
/// Program-wide memo shared by every package pass: where each function's body
/// is, and its events (the interprocedural summary callers inline with their
/// own arguments substituted). Computed on demand, once per function.
/// </summary>
public sealed class Summaries
{
    private const int MaxDepth = 8;
    private readonly Dictionary<GoFunc, FunctionRef> bodies = new();
    private readonly ConcurrentDictionary<Node, FunctionEvents> events = new();
    private readonly ConcurrentDictionary<string, bool> unbuffered = new();
    [ThreadStatic] private static HashSet<Node>? inProgress;

    public Summaries(GoProgram program)
    {
        Program = program;
        foreach (var pkg in program.Packages)
            foreach (var file in pkg.Files)
                foreach (var fd in file.Syntax.Decls.OfType<FuncDecl>())
                    if (fd.Body != null && fd.Name != null && pkg.Info.DefOf(fd.Name) is GoFunc f)
                        bodies.TryAdd(f, new FunctionRef(fd, pkg));
    }

    public GoProgram Program { get; }

    public static Summaries For(Pass pass) => pass.Cache.Get("race.summaries", () => new Summaries(pass.Program));

    public FunctionRef? BodyOf(GoFunc f) =>
        bodies.GetValueOrDefault(f) ?? (f.Origin != f ? bodies.GetValueOrDefault(f.Origin) : null);

    /// <summary>The function's events in its own frame; empty while it is being computed (recursion) or too deep.</summary>
    public FunctionEvents EventsOf(FunctionRef fn)
    {
        if (events.TryGetValue(fn.Node, out var done)) return done;
        inProgress ??= [];
        if (inProgress.Contains(fn.Node) || inProgress.Count > MaxDepth) return FunctionEvents.Empty;
        inProgress.Add(fn.Node);
        try
        {
            var result = FunctionWalker.Walk(fn, this);
            return events.GetOrAdd(fn.Node, result);
        }
        finally
        {
            inProgress.Remove(fn.Node);
        }
    }

    /// <summary>Records that the channel stored at <paramref name="chan"/> was made without a buffer (or with one).</summary>
    public void NoteChannel(Loc chan, bool isUnbuffered) =>
        unbuffered.AddOrUpdate(chan.Key, isUnbuffered, (_, old) => old && isUnbuffered);

    public bool IsUnbuffered(Loc chan) => unbuffered.TryGetValue(chan.Key, out var u) && u;
}
