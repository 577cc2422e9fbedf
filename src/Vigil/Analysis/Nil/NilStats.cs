using System.Diagnostics;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Where the nil inference spends its time, phase by phase (wall and process CPU time),
/// printed to stderr when VIGIL_STATS=1 (as the CLI's own figures): for profiling the
/// cost on a large load, never part of the output.
/// </summary>
internal sealed class NilStats
{
    private readonly bool on;
    public bool On => on;
    private readonly Stopwatch wall = Stopwatch.StartNew();
    private TimeSpan lastWall, lastCpu;

    private NilStats(bool on)
    {
        this.on = on;
        if (on) lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public static NilStats Start() => new(Environment.GetEnvironmentVariable("VIGIL_STATS") is "1");

    public void Phase(string what)
    {
        if (!on) return;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Console.Error.WriteLine($"vigil-stats: nil {what}: {(wall.Elapsed - lastWall).TotalSeconds:F2} s wall, {(cpu - lastCpu).TotalSeconds:F2} s CPU");
        lastWall = wall.Elapsed;
        lastCpu = cpu;
    }
}
