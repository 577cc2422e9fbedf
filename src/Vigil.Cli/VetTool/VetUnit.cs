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
/// summaries): the cost of go vet itself; the go command reruns these units,
/// and the result cache keeps each unit's answer (<see cref="UnitKey"/>).
/// With -facts=vetx a unit is loaded as with -facts=none, but analyzed with the
/// facts of its imports (PackageVetx: summaries, no-return functions, nil
/// evidence; <see cref="UnitFacts"/>), and writes its own to VetxOutput; units
/// the go command runs only for facts (VetxOnly) run the nil check for them and
/// report nothing. Otherwise VetxOnly units have nothing to do.
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
                new VetFlag("facts", false, "project (dependencies from source for facts, as vigil check), vetx (the package alone, imports from export data with their serialized facts) or none (the package alone, no facts of its imports: fastest)"),
            ], VetJson.Default.VetFlagArray));
            return 0;
        }
        bool json = false;
        string? checks = null;
        var facts = FactScope.Project;
        bool vetx = false;
        foreach (var a in args[..^1])
        {
            if (a is "-json" or "-json=true" or "--json") json = true;
            else if (a is "-json=false") json = false;
            else if (a.StartsWith("-checks=", StringComparison.Ordinal)) checks = a["-checks=".Length..];
            else if (a is "-facts=project") facts = FactScope.Project;
            else if (a is "-facts=none") (facts, vetx) = (FactScope.None, false);
            else if (a is "-facts=vetx") (facts, vetx) = (FactScope.None, true);
            else if (a.StartsWith("-facts=", StringComparison.Ordinal)) { Console.Error.WriteLine($"vigil: -facts takes project, vetx or none, not {a["-facts=".Length..]}"); return 1; }
            else { Console.Error.WriteLine($"vigil: unknown vet flag {a}"); return 1; }
        }
        try
        {
            var cfg = VetConfig.Read(args[^1]);
            if (vetx) return RunCached(cfg, args[..^1], () => RunWithFacts(cfg, Path.GetFullPath(args[^1]), json, checks));
            if (cfg.VetxOutput.Length > 0) File.WriteAllText(cfg.VetxOutput, $"vigil facts from source: {cfg.ID}\n");
            if (cfg.VetxOnly) return 0;
            if (facts == FactScope.None) return RunCached(cfg, args[..^1], () => RunUnit(cfg, Path.GetFullPath(args[^1]), json, checks, facts));
            return RunUnit(cfg, Path.GetFullPath(args[^1]), json, checks, facts).Exit;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException
            or LoadException or UsageException or Config.ConfigException)
        {
            Console.Error.WriteLine($"vigil: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// A -facts=vetx unit: analyzed with its imports' facts, its own written to VetxOutput. A VetxOnly
    /// unit runs the nil check only, when the run's checks include it (the facts dependents read; the race
    /// facts come from the race summaries, computed on demand when the race check runs) and reports nothing. Through the unit
    /// result cache: its key covers the imports' fact files, and the entry keeps the facts it wrote.
    /// </summary>
    private static (int Exit, bool Clean) RunWithFacts(VetConfig cfg, string cfgPath, bool json, string? checks)
    {
        var facts = UnitFacts.Read(cfg);
        var seeds = facts.Seeds();
        CheckOutcome? outcome = null;
        int exit = 0;
        bool clean;
        if (cfg.VetxOnly)
        {
            // The nil facts only when dependents run the nil check; with none (-checks=race) the load alone:
            // the race facts come from the race summaries, the no-return facts from their own analysis, on demand.
            outcome = Analyze(cfg, cfgPath, Runs(checks, "nil") ? "nil" : "none", FactScope.None, seeds);
            clean = outcome.LoadStatus == 0;
        }
        else (exit, clean) = RunUnit(cfg, cfgPath, json, checks, FactScope.None, seeds, o => outcome = o);
        if (cfg.VetxOutput.Length > 0 && outcome?.Program is { } program && outcome.Result?.Cache is { } cache
            && program.FindPackage(cfg.Unit.VigilId) is { } pkg)
            facts.Write(cfg.VetxOutput, pkg.Path, Vigil.Facts.FactsExport.Of(program, cache, pkg, races: RunsRace(checks), reachableOnly: true));
        return (exit, clean);
    }

    /// <summary>Whether the race check runs (its facts are worth computing for dependents).</summary>
    private static bool RunsRace(string? checks) => Runs(checks, "race");

    private static bool Runs(string? checks, string check) =>
        CheckRun.SelectChecks(checks, null, Registry.Checks, out _).Any(a => a.Name == check);

    /// <summary>Loads and analyzes the unit (nothing printed but load problems and analyzer failures).</summary>
    private static CheckOutcome Analyze(VetConfig cfg, string cfgPath, string? checks, FactScope facts, IReadOnlyDictionary<string, object>? seeds)
    {
        var (id, pattern) = cfg.Unit;
        bool tests = id.Contains(" [", StringComparison.Ordinal);
        var load = new LoadOptions { Patterns = [pattern], WorkingDirectory = cfg.Dir, Tests = tests, Facts = facts };
        // The package alone, without the per-package result cache (RunCached keeps the unit's whole answer).
        if (facts == FactScope.None) load = load with { VetUnit = new VetUnitSource(cfgPath, id, tests ? pattern : "") };
        var settings = new CheckSettings
        {
            Load = load,
            TestsExplicit = true,
            Checks = checks,
            UseCache = load.VetUnit is null,
            Seeds = seeds,
        };
        return new CheckRun(Registry.Checks, Console.Error).Run(settings);
    }

    /// <summary>Analyzes the unit and prints its findings; Clean when it loaded without errors and no analyzer failed.</summary>
    private static (int Exit, bool Clean) RunUnit(VetConfig cfg, string cfgPath, bool json, string? checks, FactScope facts,
        IReadOnlyDictionary<string, object>? seeds = null, Action<CheckOutcome>? analyzed = null)
    {
        var stderr = Console.Error;
        var id = cfg.Unit.VigilId;
        var outcome = Analyze(cfg, cfgPath, checks, facts, seeds);
        analyzed?.Invoke(outcome);
        var mine = outcome.Filtered.Reported.Where(f => f.Package == id).Select(f => f with { Package = cfg.ID }).ToList();
        if (json)
        {
            Formats.Create("json", color: false)!.Write(Console.Out, mine, outcome.Context);
            return (0, outcome.LoadStatus == 0);
        }
        WritePlain(stderr, mine);
        return (mine.Count > 0 || outcome.LoadStatus == 2 ? 1 : 0, outcome.LoadStatus == 0);
    }

    /// <summary>
    /// A unit-mode run through the result cache (<see cref="UnitKey"/>): a hit replays what the
    /// unit printed and its exit status; a run that loaded cleanly is stored. VIGIL_CACHE=off turns it off.
    /// </summary>
    private static int RunCached(VetConfig cfg, string[] flags, Func<(int Exit, bool Clean)> run)
    {
        if (Environment.GetEnvironmentVariable("VIGIL_CACHE") == "off") return run().Exit;
        bool report = Environment.GetEnvironmentVariable("VIGIL_CACHE_REPORT") is { Length: > 0 };
        var cache = Vigil.Cache.ResultCache.Default(msg => Console.Error.WriteLine($"vigil: {msg}"));
        var key = UnitKey.Of(cfg, flags);
        // A unit that writes facts is served only with the facts it wrote then (an older entry without them is a miss).
        bool writesFacts = cfg.VetxOutput.Length > 0;
        if (cache.Get(key)?.VetOutput is { } hit && (!writesFacts || hit.Facts is not null))
        {
            if (writesFacts) File.WriteAllBytes(cfg.VetxOutput, hit.Facts!);
            if (report) Console.Error.WriteLine("vigil: cache: unit served from the cache");
            Console.Out.Write(hit.Stdout);
            Console.Error.Write(hit.Stderr);
            return hit.ExitCode;
        }
        // Built (and said so) before the answer is captured: that one-time note is no part of it.
        FrontendCache.Ensure(GoToolchain.OfGoCommand() ?? GoToolchain.Find());
        var (stdout, stderr) = (Console.Out, Console.Error);
        var (capturedOut, capturedErr) = (new StringWriter(), new StringWriter());
        int exit;
        bool clean;
        try
        {
            Console.SetOut(capturedOut);
            Console.SetError(capturedErr);
            (exit, clean) = run();
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            stdout.Write(capturedOut.ToString()); // also what a failing run said before it failed
            stderr.Write(capturedErr.ToString());
        }
        if (report) stderr.WriteLine("vigil: cache: unit analyzed");
        byte[]? written = writesFacts && File.Exists(cfg.VetxOutput) ? File.ReadAllBytes(cfg.VetxOutput) : null;
        if (clean && (!writesFacts || written is not null))
            cache.Put(key, new Vigil.Cache.CacheEntry(cfg.ID, [], [])
            {
                VetOutput = new(exit, capturedOut.ToString(), capturedErr.ToString()) { Facts = written },
            });
        return exit;
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
