using System.Reflection;
using Vigil.Analysis;
using Vigil.Config;
using Vigil.Filtering;
using Vigil.Findings;
using Vigil.Loading;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>What one run of `vigil check` (or `vigil baseline write`) is asked to do.</summary>
internal sealed class CheckSettings
{
    public required LoadOptions Load { get; init; }
    /// <summary>True when --tests was given on the command line (it then wins over vigil.yaml's tests).</summary>
    public bool TestsExplicit { get; init; }
    /// <summary>--checks, or null to take vigil.yaml's checks (default: all).</summary>
    public string? Checks { get; init; }
    public string? ConfigPath { get; init; }
    public int Jobs { get; init; }
    public string? NewFromRev { get; init; }
    public string? NewFromMergeBase { get; init; }
    public string? NewFromPatch { get; init; }
    public NewScope NewScope { get; init; } = NewScope.Line;
    public string? BaselinePath { get; init; }
    /// <summary>Use the result cache (--cache, on by default; VIGIL_CACHE=off turns it off too).</summary>
    public bool UseCache { get; init; } = true;
    /// <summary>Named .go files (absolute): only their findings are reported; null for package patterns.</summary>
    public IReadOnlySet<string>? OnlyFiles { get; init; }
    /// <summary>--nil-evidence, or null to take vigil.yaml's options.nil.evidence.</summary>
    public string? NilEvidence { get; init; }
    /// <summary>Stops the run (vigil lsp: a newer save): Run then throws OperationCanceledException.</summary>
    public CancellationToken Cancel { get; init; }
    /// <summary>Program-wide inputs for the analyzers (go vet's imported facts, <see cref="RunSettings.Seeds"/>).</summary>
    public IReadOnlyDictionary<string, object>? Seeds { get; init; }
}

/// <summary>The findings of a run, after the filters, and what the formats need to print them.</summary>
internal sealed record CheckOutcome(FilterResult Filtered, ReportContext Context, int LoadStatus)
{
    /// <summary>What was loaded and the analyzers' program-wide results (a go vet unit writes its facts from them).</summary>
    public GoProgram? Program { get; init; }
    public AnalysisResult? Result { get; init; }
}

/// <summary>
/// The pipeline behind `vigil check` and `vigil baseline write`: config,
/// load, analyze, filter. Errors that make the run impossible (bad config,
/// missing revision, unreadable baseline) are raised before loading, so
/// they come fast.
/// </summary>
internal sealed class CheckRun(IReadOnlyList<Analyzer> available, TextWriter stderr)
{
    public CheckOutcome Run(CheckSettings s)
    {
        var cwd = s.Load.WorkingDirectory;
        var config = ReadConfig(s.ConfigPath, cwd);
        var analyzers = SelectChecks(s.Checks, config.Checks, available, out bool directivesEnabled);
        var paths = new RepoPaths(cwd);
        var changed = OnlyNew(s, paths);
        var baseline = s.BaselinePath is { } bp ? Filtering.Baseline.Read(Path.GetFullPath(bp, cwd)) : null;

        var load = s.Load with { Tests = s.TestsExplicit || config.Tests is null ? s.Load.Tests : config.Tests.Value };
        using var progress = new Progress();
        var settings = new RunSettings
        {
            Analyze = p => config.Analyze.Allows(FindingFilter.PackagePath(p.Id)),
            Options = WithNilEvidence(config.Options, s.NilEvidence),
            Cancel = s.Cancel,
            Seeds = s.Seeds ?? new Dictionary<string, object>(),
        };
        GoProgram? program;
        AnalysisResult result;
        IReadOnlyList<FileFacts> cachedFiles = [];
        IReadOnlyList<string> listWarnings = [];
        if (s.UseCache && !ResultCacheDisabled)
        {
            var cache = Vigil.Cache.ResultCache.Default(msg => stderr.WriteLine($"vigil: {msg}"));
            var cached = new Vigil.Cache.CachedAnalysis(cache).Run(load, l => Cli.LoadOrExplain(l, progress), analyzers, s.Jobs, progress.Report, settings,
                id => config.Analyze.Allows(FindingFilter.PackagePath(id)));
            (program, result, cachedFiles, listWarnings) = (cached.Program, cached.Result, cached.CachedFiles, cached.CacheWarnings);
            if (Environment.GetEnvironmentVariable("VIGIL_CACHE_REPORT") is { Length: > 0 })
                stderr.WriteLine($"vigil: cache: {cached.FromCache} packages from the cache, {cached.Analyzed} analyzed");
        }
        else
        {
            // The escape check's early compile lists the patterns: a go vet unit has none (it compiles on demand).
            if (load.VetUnit is null)
                foreach (var a in analyzers) a.BeforeLoad?.Invoke(load);
            program = Cli.LoadOrExplain(load, progress);
            result = Driver.Run(program, analyzers, s.Jobs, progress.Report, settings);
        }
        progress.Dispose();
        MemoryStats.Note("analyzed");

        int status = 0;
        if (program is not null) status = Cli.ReportLoadProblems(program);
        foreach (var w in listWarnings) stderr.WriteLine($"vigil: {w}");
        foreach (var e in result.Errors)
        {
            stderr.WriteLine($"vigil: {e.Analyzer} failed on {e.Package}: {e.Message}");
            status = 2;
        }

        foreach (var note in result.Limits)
        {
            stderr.WriteLine($"vigil: note: {note.Summary}");
            if (Environment.GetEnvironmentVariable("VIGIL_DEBUG") is "1")
                foreach (var subject in note.Subjects) stderr.WriteLine($"vigil: note:   {subject}");
        }

        var sources = new SourceFiles(program, cachedFiles: cachedFiles);
        var enabled = analyzers.Select(a => a.CheckId).ToHashSet(StringComparer.Ordinal);
        if (directivesEnabled) enabled.Add(Suppressions.DirectiveCheck);
        var known = available.Select(a => a.CheckId).Append(Suppressions.DirectiveCheck).ToHashSet(StringComparer.Ordinal);
        var filter = new FindingFilter
        {
            Config = config,
            Sources = sources,
            Paths = paths,
            KnownChecks = known,
            EnabledChecks = enabled,
            OnlyNew = changed is null ? null : new NewFindingsFilter(changed, s.NewScope, paths),
            Baseline = baseline,
            OnlyFiles = s.OnlyFiles,
        };
        var filtered = filter.Apply(result.Findings);
        var rules = analyzers.Select(Rule.Of).ToList();
        if (directivesEnabled) rules.Add(Rule.Of(DirectiveCheck.Analyzer));
        var context = new ReportContext
        {
            Paths = paths,
            Sources = sources,
            Rules = rules,
            ToolVersion = Version,
            BaselineApplied = baseline is not null,
            ToolErrors = ToolErrors(program, result),
            Severities = config.Severities,
        };
        return new CheckOutcome(filtered, context, status) { Program = program, Result = result };
    }

    /// <summary>What went wrong in the run itself, one line each: package errors and analyzer failures.</summary>
    private static List<string> ToolErrors(GoProgram? program, AnalysisResult result)
    {
        var errors = new List<string>();
        foreach (var p in program?.Packages ?? [])
            foreach (var e in p.Errors)
                errors.Add($"{e.Location}: {e.Message} ({e.Kind} error in {p.Id})");
        foreach (var e in result.Errors)
            errors.Add($"{e.Analyzer} failed on {e.Package}: {e.Message}");
        return errors;
    }

    private static bool ResultCacheDisabled => Environment.GetEnvironmentVariable("VIGIL_CACHE") == "off";

    public static string Version =>
        typeof(Loader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    private static VigilConfig ReadConfig(string? explicitPath, string cwd)
    {
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath, cwd);
            if (!File.Exists(full)) throw new UsageException($"--config: no file {full}");
            return ConfigLoader.Load(full);
        }
        return ConfigLoader.Discover(cwd) is { } found ? ConfigLoader.Load(found) : VigilConfig.Default;
    }

    private static ChangedLines? OnlyNew(CheckSettings s, RepoPaths paths)
    {
        int given = (s.NewFromRev is null ? 0 : 1) + (s.NewFromMergeBase is null ? 0 : 1) + (s.NewFromPatch is null ? 0 : 1);
        if (given > 1) throw new UsageException("use only one of --new-from-rev, --new-from-merge-base, --new-from-patch");
        if (s.NewFromRev is { } rev) return ChangedLines.FromRevision(paths.Root, rev);
        if (s.NewFromMergeBase is { } branch) return ChangedLines.FromMergeBase(paths.Root, branch);
        if (s.NewFromPatch is { } patch) return ChangedLines.FromPatch(Path.GetFullPath(patch, paths.WorkingDirectory));
        return null;
    }

    /// <summary>
    /// The analyzers to run: --checks when given, else vigil.yaml's checks,
    /// else all. Items are check names ("nil" or "vigil-nil"), "all", "none",
    /// and "-name" to take one out, applied in order. "directive" is the
    /// vigil-directive check (on unless taken out).
    /// </summary>
    internal static IReadOnlyList<Analyzer> SelectChecks(string? cliList, IReadOnlyList<string>? configList, IReadOnlyList<Analyzer> available, out bool directives)
    {
        var items = cliList is not null
            ? cliList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : configList?.ToArray() ?? ["all"];
        var source = cliList is not null ? "--checks" : "the config's checks";
        var selected = new List<Analyzer>();
        directives = true;
        bool first = true;
        foreach (var raw in items)
        {
            bool remove = raw.StartsWith('-');
            var name = remove ? raw[1..] : raw;
            if (first && remove) selected.AddRange(available); // "-race" alone means all but race
            first = false;
            if (name == "all") { if (!remove) selected = [.. available]; else selected.Clear(); continue; }
            if (name == "none") { selected.Clear(); directives = false; continue; }
            if (name is "directive" or Suppressions.DirectiveCheck) { directives = !remove; continue; }
            var a = available.FirstOrDefault(c => c.Name == name || c.CheckId == name) ?? throw new UsageException(
                $"unknown check \"{name}\" in {source}; the checks are: {string.Join(", ", available.Select(c => c.Name).Append("directive"))} (or all, none)");
            if (remove) selected.Remove(a);
            else if (!selected.Contains(a)) selected.Add(a);
        }
        // Documentation order, whatever order they were named in.
        return available.Where(selected.Contains).ToList();
    }

    /// <summary>The per-check options with --nil-evidence, when given, in place of options.nil.evidence.</summary>
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> WithNilEvidence(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> options, string? level)
    {
        if (level is null) return options;
        if (level is not ("documented" or "preconditions" or "returns"))
            throw new UsageException($"--nil-evidence: unknown level \"{level}\" (documented, preconditions or returns)");
        var merged = options.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var nil = merged.TryGetValue("nil", out var o) ? o.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) : new Dictionary<string, object?>(StringComparer.Ordinal);
        nil[Vigil.Analysis.Nil.EvidenceOption.Key] = level;
        merged["nil"] = nil;
        return merged;
    }
}
