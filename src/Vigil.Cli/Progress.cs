namespace Vigil.Cli;

/// <summary>
/// A single self-overwriting progress line on stderr, shown only when stderr
/// is a terminal that can move its cursor: never in CI, never under TERM=dumb
/// (Emacs' compilation buffers, some CI consoles), where "\r" lines pile up.
/// </summary>
internal sealed class Progress : IDisposable
{
    private readonly bool enabled = Shown(Console.IsErrorRedirected, Environment.GetEnvironmentVariable("CI"), Environment.GetEnvironmentVariable("TERM"));

    internal static bool Shown(bool stderrRedirected, string? ci, string? term) =>
        !stderrRedirected && string.IsNullOrEmpty(ci) && term != "dumb";
    private readonly object gate = new();
    private int width;
    private long lastTicks;

    public void Report(string message)
    {
        if (!enabled) return;
        lock (gate)
        {
            long now = Environment.TickCount64;
            if (now - lastTicks < 50) return;
            lastTicks = now;
            if (message.Length > 100) message = message[..100];
            Console.Error.Write("\r" + message.PadRight(width));
            width = message.Length;
        }
    }

    public void Dispose()
    {
        if (!enabled) return;
        lock (gate)
        {
            // Callers clear the line before printing results, then dispose again at scope end.
            if (width == 0) return;
            Console.Error.Write("\r" + new string(' ', width) + "\r");
            width = 0;
        }
    }
}
