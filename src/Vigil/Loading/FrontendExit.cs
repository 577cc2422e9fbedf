namespace Vigil.Loading;

/// <summary>
/// Says why the front-end's run failed, from how it ended: its exit status
/// (a signal on Unix shows as 128 + the signal's number), whether its stream
/// was cut, and what it wrote on stderr — the cause, which is quoted.
/// </summary>
public static class FrontendExit
{
    /// <summary>The message for a front-end that ended with <paramref name="exitCode"/> (null: still a success) after writing <paramref name="stderr"/>.</summary>
    public static string Describe(int exitCode, bool streamCut, IReadOnlyList<string> stderr)
    {
        string where = streamCut ? " in the middle of its output" : "";
        string how = SignalName(exitCode) is { } signal
            ? $"the front-end was killed by signal {exitCode - 128} ({signal}){where}{SignalHint(exitCode - 128)}"
            : exitCode != 0 ? $"the front-end failed (exit {exitCode}){where}"
            : "the front-end ended without finishing its output";
        var said = stderr.Where(l => l.Length > 0).ToList();
        return said.Count == 0 ? how : $"{how}: {string.Join("\n", Limit(said))}";
    }

    /// <summary>A Go crash prints every goroutine; the panic and the first stack are what a user needs.</summary>
    private static IEnumerable<string> Limit(List<string> lines)
    {
        const int MaxLines = 60;
        if (lines.Count <= MaxLines) return lines;
        return lines.Take(MaxLines).Append($"... ({lines.Count - MaxLines} more lines)");
    }

    private static string? SignalName(int exitCode) =>
        OperatingSystem.IsWindows() || exitCode <= 128 || exitCode > 128 + 64 ? null : (exitCode - 128) switch
        {
            1 => "SIGHUP",
            2 => "SIGINT",
            3 => "SIGQUIT",
            4 => "SIGILL",
            6 => "SIGABRT",
            7 => "SIGBUS",
            8 => "SIGFPE",
            9 => "SIGKILL",
            11 => "SIGSEGV",
            13 => "SIGPIPE",
            15 => "SIGTERM",
            24 => "SIGXCPU",
            25 => "SIGXFSZ",
            var n => $"signal {n}",
        };

    private static string SignalHint(int signal) => signal switch
    {
        9 => " — often the system's out-of-memory killer: analyze fewer packages at once, or give the machine more memory",
        24 => " — it ran out of its CPU time limit (ulimit -t)",
        _ => "",
    };
}
