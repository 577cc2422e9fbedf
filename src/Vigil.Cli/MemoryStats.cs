namespace Vigil.Cli;

/// <summary>
/// For benchmarks (bench/memory/): with VIGIL_STATS=1, the live managed heap (after a full
/// collection) and the process's resident set at the run's phases, on stderr. What the run
/// holds after loading and after analyzing is what bounds its peak (docs/loading.md, "Memory").
/// The forced collection costs time, so it happens only when asked for.
/// </summary>
internal static class MemoryStats
{
    private static readonly bool On = Environment.GetEnvironmentVariable("VIGIL_STATS") is "1";

    public static void Note(string phase)
    {
        if (!On) return;
        long live = GC.GetTotalMemory(forceFullCollection: true);
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        Console.Error.WriteLine($"vigil-stats: {phase}: live heap {live >> 20} MiB, resident {self.WorkingSet64 >> 20} MiB, peak resident {self.PeakWorkingSet64 >> 20} MiB");
    }
}
