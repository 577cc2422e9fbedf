using System.CommandLine;
using Vigil.Analysis;
using Vigil.Loading;
using Vigil.Output;

namespace Vigil.Cli;

internal static class CheckCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var checks = new Option<string>("--checks")
        {
            Description = "Comma-separated checks to run: " + string.Join(",", Registry.Checks.Select(c => c.Name)) + "; \"all\" (the default) or \"none\" (only load).",
            DefaultValueFactory = _ => "all",
        };
        var format = new Option<string>("--format") { Description = "Output format: text (go vet style) or json (go vet -json shape).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var jobs = new Option<int>("--jobs") { Description = "Packages analyzed in parallel (default: the number of CPUs).", DefaultValueFactory = _ => 0 };
        var patterns = new Argument<string[]>("patterns") { Description = "Package patterns, as go list takes them (./..., std, import paths). Default: \".\"", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("check", "Load the packages and report nil panics, data races and broken escape promises.\n\nExit status: 0 no findings, 1 findings, 2 the run could not be done (or a package did not load).");
        common.AddTo(cmd);
        cmd.Options.Add(checks);
        cmd.Options.Add(format);
        cmd.Options.Add(jobs);
        cmd.Arguments.Add(patterns);
        cmd.SetAction(r => Run(common.Load(r, r.GetValue(patterns) ?? []), r.GetValue(checks)!, r.GetValue(format)!, r.GetValue(jobs)));
        return cmd;
    }

    private static int Run(LoadOptions load, string checkList, string format, int jobs)
    {
        var analyzers = SelectChecks(checkList);
        using var progress = new Progress();
        var program = Cli.LoadOrExplain(load, progress);
        var result = Driver.Run(program, analyzers, jobs, progress.Report);
        progress.Dispose();

        int status = Cli.ReportLoadProblems(program);
        foreach (var e in result.Errors)
        {
            Console.Error.WriteLine($"vigil: {e.Analyzer} failed on {e.Package}: {e.Message}");
            status = 2;
        }
        if (format == "json")
        {
            using var stdout = Console.OpenStandardOutput();
            JsonFormat.Write(stdout, result.Findings);
        }
        else
        {
            TextFormat.Write(Console.Out, result.Findings, load.WorkingDirectory);
        }
        if (status == 2) return 2;
        return result.Findings.Count > 0 ? 1 : 0;
    }

    internal static IReadOnlyList<Analyzer> SelectChecks(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 1 && names[0] == "none") return [];
        if (names.Length == 0 || (names.Length == 1 && names[0] == "all")) return Registry.Checks;
        var selected = new List<Analyzer>();
        foreach (var n in names)
        {
            var a = Registry.Find(n) ?? throw new UsageException(
                $"unknown check \"{n}\" in --checks; the checks are: {string.Join(", ", Registry.Checks.Select(c => c.Name))} (or all, none)");
            if (!selected.Contains(a)) selected.Add(a);
        }
        return selected;
    }
}
