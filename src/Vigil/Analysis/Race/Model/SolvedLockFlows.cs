using System.Collections.Concurrent;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// The lockset of a function (<see cref="LockFlow"/>) solved once and reused across its depth budgets. A function
/// reached at several call depths is walked once per budget (<see cref="Summaries.EventsOf(FunctionRef)"/>), and each
/// walk solved its lockset again, though the lock-only transfer reads nothing that depends on the budget except its
/// callees' net lock effects (<see cref="FunctionEvents.ExitHeld"/>, <see cref="FunctionEvents.ExitReleased"/>,
/// <see cref="FunctionEvents.ExitReceived"/>, <see cref="FunctionEvents.ExitSent"/>). So a solution is kept with the
/// callees it read and their effects; a walk at another budget reads those callees' summaries at its own budget and,
/// when every effect is the same, takes the kept solution: the transfer would read the same effects in the same
/// order and reach the same states. When one differs it solves again (and keeps that solution instead).
/// </summary>
internal sealed class SolvedLockFlows
{
    private sealed record Solved(LockFlow? Flow, List<(FunctionRef Callee, FunctionEvents Summary)> Consulted);

    private readonly ConcurrentDictionary<Node, Solved> solved = new();

    /// <summary>The function's lockset at the budget being walked on this thread: a kept one when its callees agree, else <paramref name="solve"/>'s.</summary>
    public LockFlow? Of(FunctionRef fn, Summaries sums, Func<(LockFlow? Flow, List<(FunctionRef Callee, FunctionEvents Summary)> Consulted)> solve)
    {
        if (solved.TryGetValue(fn.Node, out var kept))
        {
            // Reading the callees notes their depths, as the transfer's own reads would; a failed trial must not.
            int mark = Summaries.DeepestCalleeRead;
            if (SameEffects(kept.Consulted, sums))
            {
                RaceStats.LockFlow(wasReused: true);
                return kept.Flow;
            }
            Summaries.DeepestCalleeRead = mark;
        }
        RaceStats.LockFlow(wasReused: false);
        var (flow, consulted) = solve();
        solved[fn.Node] = new Solved(flow, consulted);
        return flow;
    }

    private static bool SameEffects(List<(FunctionRef Callee, FunctionEvents Summary)> consulted, Summaries sums)
    {
        foreach (var (callee, before) in consulted)
        {
            var now = sums.EventsOf(callee);
            if (!ReferenceEquals(now, before) && !SameEffects(now, before)) return false;
        }
        return true;
    }

    private static bool SameEffects(FunctionEvents a, FunctionEvents b) =>
        a.ExitHeld.SequenceEqual(b.ExitHeld) && a.ExitReleased.SequenceEqual(b.ExitReleased)
        && a.ExitReceived.SequenceEqual(b.ExitReceived) && a.ExitSent.SequenceEqual(b.ExitSent);
}
