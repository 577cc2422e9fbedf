using System.CommandLine;
using Vigil.Cli;
using Vigil.Loading;

if (OpenSslCheck.Missing() is { } noOpenSsl)
{
    Console.Error.WriteLine(noOpenSsl);
    return 2;
}

// go vet -vettool=vigil speaks the unit-checker protocol, not vigil's commands.
if (Vigil.Cli.VetTool.VetUnit.IsVetInvocation(args)) return Vigil.Cli.VetTool.VetUnit.Run(args);

var root = new RootCommand("""
    Vigil finds the bugs that take Go services down and that go vet and the
    compiler let through: nil panics (vigil-nil), data races (vigil-race) and
    broken heap-escape promises on hot paths (vigil-escape).

    Findings print like go vet's: file.go:LINE:COL: message (vigil-CHECK), with
    the path that causes each one indented below.

    Examples:
      vigil check ./...                 all checks on the module's packages
      vigil check --checks nil,race ./...
      vigil check --format json ./pkg/...
      vigil dump types ./pkg F          what go/types says of F's identifiers
      vigil lsp                         language server for editors (docs/editors.md)

    Exit status: 0 no findings, 1 findings, 2 could not run.
    """);
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(DumpCommand.Create());
root.Subcommands.Add(EscapesCommand.Create());
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(BaselineCommand.Create());
root.Subcommands.Add(ExplainCommand.Create());
root.Subcommands.Add(CacheCommand.Create());
root.Subcommands.Add(LspCommand.Create());
FlowDumpCommands.AddTo(root);

// The whole run is on a thread with a big stack (the process's main thread has the OS's
// 8 MiB): syntax walks recurse as deep as the code nests, up to the decoder's depth budget
// (docs/limits.md). Threads the runtime starts get the same size (Vigil.Cli.csproj).
const int StackSize = 512 << 20;
int exitCode = 2;
var started = System.Diagnostics.Stopwatch.StartNew();
var main = new Thread(() => exitCode = Run(), StackSize) { Name = "vigil" };
main.Start();
main.Join();
return exitCode;

int Run()
{
    try
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) Console.Error.WriteLine($"vigil: {e.Message}");
            Console.Error.WriteLine("Run 'vigil --help' (or 'vigil COMMAND --help') for usage.");
            return 2;
        }
        // Vigil reports its own errors (exit 2); the default handler would print a stack trace and exit 1.
        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
    catch (Exception e) when (e is LoadException or UsageException)
    {
        Console.Error.WriteLine($"vigil: {e.Message}");
        return 2;
    }
    catch (StreamFormatException e)
    {
        Console.Error.WriteLine($"vigil: the front-end's output could not be read ({e.Message}); remove {FrontendCache.CacheRoot()} and retry");
        return 2;
    }
    finally
    {
        // For benchmarks (bench/): this process's own peak memory and wall time.
        if (Environment.GetEnvironmentVariable("VIGIL_STATS") is "1")
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            Console.Error.WriteLine($"vigil-stats: wall {started.Elapsed.TotalSeconds:F2} s, peak working set {self.PeakWorkingSet64 / (1024 * 1024)} MiB, GC heap peak {GC.GetGCMemoryInfo().HeapSizeBytes / (1024 * 1024)} MiB");
            // Where the CPU goes that no method's profile shows: the collector's pauses and how much was allocated.
            Console.Error.WriteLine($"vigil-stats: GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections (gen 0/1/2), "
                + $"paused {GC.GetTotalPauseDuration().TotalSeconds:F2} s, allocated {GC.GetTotalAllocatedBytes() / (1024 * 1024)} MiB, "
                + $"process CPU {self.TotalProcessorTime.TotalSeconds:F2} s");
        }
    }
}
