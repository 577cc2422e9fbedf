using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Cli;

/// <summary>
/// `--timeout`, as golangci-lint's: a Go duration ("90s", "5m", "1h30m")
/// after which the run stops with exit status 2 and a message, so a CI job
/// fails with a reason rather than at the runner's own limit. The Go
/// front-end and compiler processes Vigil started are stopped with it.
/// </summary>
internal sealed partial class RunTimeout : IDisposable
{
    private readonly Timer? timer;

    private RunTimeout(TimeSpan limit, string text, TextWriter stderr)
    {
        if (limit <= TimeSpan.Zero) return;
        timer = new Timer(_ =>
        {
            stderr.WriteLine($"vigil: the run took longer than --timeout {text} and was stopped; no findings were reported. Raise --timeout, or check fewer packages.");
            stderr.Flush();
            ChildProcesses.KillDescendants();
            Environment.Exit(2);
        }, null, limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts the clock for <paramref name="text"/> (null or "0": no limit).</summary>
    public static RunTimeout Start(string? text, TextWriter stderr) =>
        new(text is null ? TimeSpan.Zero : Parse(text), text ?? "", stderr);

    public void Dispose() => timer?.Dispose();

    /// <summary>Go's time.ParseDuration: decimal numbers each with a unit (ns, us, µs, ms, s, m, h); "0" alone is zero.</summary>
    public static TimeSpan Parse(string text)
    {
        if (text == "0") return TimeSpan.Zero;
        var parts = DurationPart().Matches(text);
        if (parts.Count == 0 || string.Concat(parts.Select(m => m.Value)) != text)
            throw new UsageException($"--timeout {text}: not a duration; write it as Go does, e.g. 90s, 5m, 1h30m");
        double ticks = 0;
        foreach (Match m in parts)
        {
            double n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            ticks += n * m.Groups[2].Value switch
            {
                "ns" => 0.01,
                "us" or "µs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }
        return TimeSpan.FromTicks((long)Math.Max(1, ticks));
    }

    [GeneratedRegex(@"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")]
    private static partial Regex DurationPart();
}

/// <summary>The processes this one started, found through /proc (Linux), for stopping them before an early exit.</summary>
internal static class ChildProcesses
{
    public static void KillDescendants()
    {
        if (!Directory.Exists("/proc")) return;
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException) { }
        }
        var self = Environment.ProcessId;
        var doomed = new HashSet<int> { self };
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var (pid, ppid) in parents)
                if (doomed.Contains(ppid) && doomed.Add(pid)) grew = true;
        }
        doomed.Remove(self);
        foreach (var pid in doomed)
        {
            try { System.Diagnostics.Process.GetProcessById(pid).Kill(); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
        }
    }
}
