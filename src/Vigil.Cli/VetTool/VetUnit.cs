using System.Reflection;
using System.Text.Json;
using Vigil.Analysis;
using Vigil.Loading;
using Vigil.Output;

namespace Vigil.Cli.VetTool;

/// <summary>
/// `go vet -vettool=$(command -v vigil)`: the unit-checker protocol of
/// golang.org/x/tools/go/analysis/unitchecker, which the go command speaks:
///   vigil -V=full       a version line the go command keys its cache on
///   vigil -flags        the tool's flags, as JSON
///   vigil [-json] [-facts=M] X.cfg
///                       one package (a vet.cfg): its findings on stderr in
///                       go vet's text form (exit 1 when there are any), or
///                       as go vet -json's tree on stdout (exit 0)
/// With -facts=project (the default) a unit is analyzed as `vigil check`
/// analyzes that package alone — its dependencies in the project from source
/// for facts, through the result cache — so go vet, a run of the package and
/// a run of everything give the same findings for it (docs/facts.md).
/// With -facts=none a unit is the front-end's unit mode: only the package is
/// type-checked, its imports from the export data the go command built, and
/// it is analyzed as `vigil check --facts=none` analyzes it (no dependency's
/// summaries): the cost of go vet itself. Units the go command runs only for
/// facts (VetxOnly) have nothing to do: Vigil's facts are not serialized yet.
/// </summary>
internal static class VetUnit
{
    /// <summary>True when the arguments are the go command's, not a user's `vigil COMMAND`.</summary>
    public static bool IsVetInvocation(string[] args) =>
        args is ["-V=full"] or ["-flags"] || (args.Length > 0 && args[^1].EndsWith(".cfg", StringComparison.Ordinal) && args[..^1].All(a => a.StartsWith('-')));

    public static int Run(string[] args)
    {
        if (args is ["-V=full"])
        {
            // A release-style line ("name version X"): the go command keys its cache on all of it.
            var mvid = typeof(Driver).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..16];
            Console.WriteLine($"vigil version {CheckRun.Version}-{mvid}");
            return 0;
        }
        if (args is ["-flags"])
        {
            Console.WriteLine(JsonSerializer.Serialize(
            [
                new VetFlag("json", true, "emit JSON output"),
                new VetFlag("checks", false, "comma-separated checks to run (as vigil check --checks)"),
                new VetFlag("facts", false, "project (dependencies from source for facts, as vigil check) or none (the package alone, imports from export data: fast)"),
            ], VetJson.Default.VetFlagArray));
            return 0;
        }
        bool json = false;
        string? checks = null;
        var facts = FactScope.Project;
        foreach (var a in args[..^1])
        {
            if (a is "-json" or "-json=true" or "--json") json = true;
            else if (a is "-json=false") json = false;
            else if (a.StartsWith("-checks=", StringComparison.Ordinal)) checks = a["-checks=".Length..];
            else if (a is "-facts=project") facts = FactScope.Project;
            else if (a is "-facts=none") facts = FactScope.None;
            else if (a.StartsWith("-facts=", StringComparison.Ordinal)) { Console.Error.WriteLine($"vigil: -facts takes project or none, not {a["-facts=".Length..]}"); return 1; }
            else { Console.Error.WriteLine($"vigil: unknown vet flag {a}"); return 1; }
        }
        try
        {
            return RunUnit(VetConfig.Read(args[^1]), Path.GetFullPath(args[^1]), json, checks, facts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException
            or LoadException or UsageException or Config.ConfigException)
        {
            Console.Error.WriteLine($"vigil: {e.Message}");
            return 1;
        }
    }

    private static int RunUnit(VetConfig cfg, string cfgPath, bool json, string? checks, FactScope facts)
    {
        if (cfg.VetxOutput.Length > 0) File.WriteAllText(cfg.VetxOutput, $"vigil facts from source: {cfg.ID}\n");
        if (cfg.VetxOnly) return 0;
        var stderr = Console.Error;
        var (id, pattern) = cfg.Unit;
        bool tests = id.Contains(" [", StringComparison.Ordinal);
        var load = new LoadOptions { Patterns = [pattern], WorkingDirectory = cfg.Dir, Tests = tests, Facts = facts };
        // The package alone: the go command's own cache stands in for the result cache.
        if (facts == FactScope.None) load = load with { VetUnit = new VetUnitSource(cfgPath, id, tests ? pattern : "") };
        var settings = new CheckSettings
        {
            Load = load,
            TestsExplicit = true,
            Checks = checks,
            UseCache = load.VetUnit is null,
        };
        var outcome = new CheckRun(Registry.Checks, stderr).Run(settings);
        var mine = outcome.Filtered.Reported.Where(f => f.Package == id).Select(f => f with { Package = cfg.ID }).ToList();
        if (json)
        {
            Formats.Create("json", color: false)!.Write(Console.Out, mine, outcome.Context);
            return 0;
        }
        WritePlain(stderr, mine);
        return mine.Count > 0 || outcome.LoadStatus == 2 ? 1 : 0;
    }

    /// <summary>
    /// go vet's plain form with absolute positions (as unitchecker prints them: the go command
    /// shortens them relative to where it runs), the check after the message, the trace indented.
    /// </summary>
    private static void WritePlain(TextWriter w, IReadOnlyList<Findings.Finding> findings)
    {
        foreach (var f in findings)
        {
            w.WriteLine($"{f.Location}: {f.Message} ({f.Check})");
            foreach (var r in f.Related)
                w.WriteLine($"\t{(r.Flow is null ? "" : $"[{r.Flow}] ")}{r.Location}: {r.Message}");
            if (f.Advice is { } advice) w.WriteLine($"\tto fix: {advice}");
        }
    }
}
