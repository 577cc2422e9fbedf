namespace Vigil.Cli.Lsp.Server;

/// <summary>
/// Runs one module's analyses one at a time, newest request first: a request
/// that arrives while an analysis runs cancels it (its results would be
/// stale) and runs again once it has stopped. A run's results are handed on
/// only when no newer request came in meanwhile, so a slow old run never
/// overwrites what a newer save shows.
/// </summary>
internal sealed class AnalysisQueue(Action<CancellationToken, Func<bool>> analyze)
{
    private readonly object gate = new();
    private long requested, started;
    private CancellationTokenSource? running;
    private Task loop = Task.CompletedTask;
    private bool looping; // under gate: set when the loop starts, cleared in the same lock it decides to end in

    /// <summary>Asks for a fresh analysis (after an open or a save).</summary>
    public void Request()
    {
        lock (gate)
        {
            requested++;
            running?.Cancel();
            if (looping) return;
            looping = true;
            loop = Task.Factory.StartNew(Loop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    /// <summary>Cancels the running analysis and drops those asked for; true when it stopped within the limit (exit).</summary>
    public bool Stop(TimeSpan limit)
    {
        Task current;
        lock (gate)
        {
            started = requested;
            running?.Cancel();
            current = loop;
        }
        return current.Wait(limit);
    }

    private void Loop()
    {
        while (true)
        {
            long generation;
            CancellationTokenSource cts;
            lock (gate)
            {
                if (started == requested) { running = null; looping = false; return; }
                generation = started = requested;
                running = cts = new CancellationTokenSource();
            }
            using (cts)
            {
                // The analysis asks, right before publishing, whether it is still the newest.
                analyze(cts.Token, () => { lock (gate) return requested == generation && !cts.IsCancellationRequested; });
            }
        }
    }
}
