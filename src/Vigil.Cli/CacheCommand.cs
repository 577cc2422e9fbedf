using System.CommandLine;
using Vigil.Cache;

namespace Vigil.Cli;

/// <summary>`vigil cache status|clean`: look at or empty the result cache.</summary>
internal static class CacheCommand
{
    public static Command Create()
    {
        var cmd = new Command("cache", """
            The result cache: per package, findings keyed by the content of the package and its
            dependencies, the Go version, build settings, Vigil's version and the checks' options.
            It lives in $VIGIL_CACHE/results (default ~/.cache/vigil/results; VIGIL_CACHE=off turns it off)
            and is kept under $VIGIL_CACHE_MAX_BYTES (default 1 GiB), least recently used first out.
            """);
        var status = new Command("status", "Print where the cache is, how many entries it holds and their size.");
        status.SetAction(_ =>
        {
            var cache = ResultCache.Default();
            var (entries, bytes, oldest, newest) = cache.Status();
            Console.WriteLine($"directory {cache.Directory}");
            Console.WriteLine($"entries {entries}");
            Console.WriteLine($"size {bytes} bytes (limit {cache.MaxBytes})");
            if (oldest is { } o && newest is { } n) Console.WriteLine($"used {o:yyyy-MM-dd HH:mm} to {n:yyyy-MM-dd HH:mm} UTC");
            return 0;
        });
        var clean = new Command("clean", "Remove every entry of the result cache.");
        clean.SetAction(_ =>
        {
            var cache = ResultCache.Default();
            Console.WriteLine($"removed {cache.Clean()} entries from {cache.Directory}");
            return 0;
        });
        cmd.Subcommands.Add(status);
        cmd.Subcommands.Add(clean);
        return cmd;
    }
}
