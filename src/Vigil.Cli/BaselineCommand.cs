using System.CommandLine;
using Vigil.Analysis;
using Vigil.Filtering;

namespace Vigil.Cli;

/// <summary>`vigil baseline write FILE [patterns]`: record today's findings so that --baseline reports only new ones.</summary>
internal static class BaselineCommand
{
    public static Command Create(IReadOnlyList<Analyzer>? available = null, TextWriter? stderr = null)
    {
        available ??= Registry.Checks;
        var o = new RunOptions(available);
        var file = new Argument<string>("file") { Description = "The baseline file to write (JSON; commit it)." };
        var write = new Command("write", """
            Run the checks like 'vigil check' (same config, suppressions and flags) and record
            every finding in FILE, keyed without line numbers: check, file, enclosing function,
            message, and how many. 'vigil check --baseline FILE' then hides those and reports
            the rest, and lists entries whose findings are gone.
            """);
        write.Arguments.Add(file);
        o.AddTo(write);
        write.SetAction(r =>
        {
            var errors = stderr ?? Console.Error;
            return CheckCommand.Guard(errors, () =>
            {
                var settings = o.Settings(r);
                var path = Path.GetFullPath(r.GetValue(file)!, settings.Load.WorkingDirectory);
                var outcome = new CheckRun(available, errors).Run(settings);
                var baseline = Baseline.From(outcome.Filtered.Reported, outcome.Context.Paths, outcome.Context.Sources);
                baseline.Write(path);
                errors.WriteLine($"vigil: wrote {outcome.Filtered.Reported.Count} finding(s) as {baseline.Entries.Count} entr{(baseline.Entries.Count == 1 ? "y" : "ies")} to {path}");
                return outcome.LoadStatus == 2 ? 2 : 0;
            });
        });
        var cmd = new Command("baseline", "Manage the baseline of known findings (see 'vigil baseline write --help').");
        cmd.Subcommands.Add(write);
        return cmd;
    }
}
