using System.Diagnostics;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Where the nil inference spends its time, phase by phase (wall and process CPU time, bytes allocated),
/// printed to stderr when VIGIL_STATS=1 (as the CLI's own figures): for profiling the
/// cost on a large load, never part of the output.
/// </summary>
internal sealed class NilStats
{
    private readonly bool on;
    public bool On => on;
    private readonly Stopwatch wall = Stopwatch.StartNew();
    private TimeSpan lastWall, lastCpu;
    private long lastAllocated;

    private NilStats(bool on)
    {
        this.on = on;
        if (!on) return;
        lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
        lastAllocated = GC.GetTotalAllocatedBytes();
    }

    public static NilStats Start() => new(Environment.GetEnvironmentVariable("VIGIL_STATS") is "1");

    public void Phase(string what)
    {
        if (!on) return;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes();
        // Bytes allocated (by every thread, the other checks' included when they run too): stable on a busy machine, unlike times.
        Console.Error.WriteLine($"vigil-stats: nil {what}: {(wall.Elapsed - lastWall).TotalSeconds:F2} s wall, {(cpu - lastCpu).TotalSeconds:F2} s CPU, {(allocated - lastAllocated) / (1024 * 1024)} MiB allocated");
        lastAllocated = allocated;
        lastWall = wall.Elapsed;
        lastCpu = cpu;
    }
}
