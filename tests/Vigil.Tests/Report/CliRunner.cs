using System.CommandLine;
using Vigil.Analysis;
using Vigil.Cli;
using Vigil.Loading;

namespace Vigil.Tests.Report;

public sealed record CliResult(int Exit, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {Exit}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs the vigil command line in-process, with the test checks, capturing its output.</summary>
public static class CliRunner
{
    public static CliResult Run(string dir, params string[] args) => Run(dir, TestChecks.All, args);

    public static CliResult Run(string dir, IReadOnlyList<Analyzer> checks, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var root = new RootCommand("vigil (test)");
        root.Subcommands.Add(CheckCommand.Create(checks, stdout, stderr, stdoutIsTerminal: false));
        root.Subcommands.Add(BaselineCommand.Create(checks, stderr));
        root.Subcommands.Add(ExplainCommand.Create(checks, stdout));
        // -C makes the run independent of the test process's working directory.
        var full = args.Length > 0 && args[0] is "check" ? args.Take(1).Concat(["-C", dir]).Concat(args.Skip(1)).ToArray()
            : args.Length > 1 && args[0] == "baseline" ? args.Take(2).Concat(["-C", dir]).Concat(args.Skip(2)).ToArray()
            : args;
        int exit;
        try
        {
            var parse = root.Parse(full);
            if (parse.Errors.Count > 0)
            {
                foreach (var e in parse.Errors) stderr.WriteLine($"vigil: {e.Message}");
                exit = 2;
            }
            else exit = parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        }
        catch (Exception e) when (e is LoadException or UsageException)
        {
            stderr.WriteLine($"vigil: {e.Message}");
            exit = 2;
        }
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}
