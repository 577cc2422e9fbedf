namespace Vigil.Analysis.Race;

/// <summary>
/// How much summary work the race check did, printed to stderr at exit when VIGIL_STATS=1 (as the CLI's own
/// figures): the walks by depth budget and the locksets solved or reused (<see cref="SolvedLockFlows"/>). For
/// profiling the cost on a large load, never part of the output; counts, not times, so runs on a busy machine compare.
/// </summary>
internal static class RaceStats
{
    private static readonly bool On = Environment.GetEnvironmentVariable("VIGIL_STATS") is "1";
    private static readonly int[] walks = new int[Summaries.MaxCallDepth + 1];
    private static int solved, reused, packages, startingPackages;

    static RaceStats()
    {
        if (On)
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Console.Error.WriteLine(
                $"vigil-stats: race summary walks by budget 0..{Summaries.MaxCallDepth}: {string.Join(" ", walks)} ({walks.Sum()}); locksets solved {solved}, reused {reused}; "
                + $"packages {packages}, {startingPackages} with a function that starts concurrency");
    }

    public static void Walked(int budget)
    {
        if (On) Interlocked.Increment(ref walks[budget]);
    }

    /// <summary>A package pass; <paramref name="starts"/>: some function of it starts concurrency (the others skip the caller-context walk).</summary>
    public static void Package(bool starts)
    {
        if (!On) return;
        Interlocked.Increment(ref packages);
        if (starts) Interlocked.Increment(ref startingPackages);
    }

    public static void LockFlow(bool wasReused)
    {
        if (On) Interlocked.Increment(ref wasReused ? ref reused : ref solved);
    }
}
