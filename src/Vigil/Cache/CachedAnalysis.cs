using Vigil.Analysis;
using Vigil.Filtering;
using Vigil.Findings;
using Vigil.Loading;

namespace Vigil.Cache;

/// <summary>The outcome of an analysis served partly or wholly from the result cache.</summary>
public sealed record CachedResult(GoProgram? Program, AnalysisResult Result, IReadOnlyList<FileFacts> CachedFiles, IReadOnlyList<string> CacheWarnings)
{
    /// <summary>Packages whose findings came from the cache.</summary>
    public int FromCache { get; init; }
    /// <summary>Packages the analyzers ran on in this run.</summary>
    public int Analyzed { get; init; }
}

/// <summary>
/// Analysis with the result cache. A package's findings depend only on the
/// package and its dependencies (docs/facts.md), so they can be kept under a
/// key of that content (<see cref="PackageKeys"/>) and the run's settings
/// (<see cref="RunFingerprint"/>). A run lists the packages with their keys
/// (go list and hashing, no parsing), takes what the cache has, and loads
/// and analyzes only the packages it misses (with their dependencies for
/// facts, as any load); those results are stored for the next run. When
/// the listing fails, everything is loaded, and the load explains why.
/// </summary>
public sealed class CachedAnalysis(ResultCache cache)
{
    public CachedResult Run(LoadOptions load, Func<LoadOptions, GoProgram> loadProgram, IReadOnlyList<Analyzer> analyzers,
        int jobs, Action<string>? progress, RunSettings settings, Func<string, bool> analyzesId)
    {
        var warnings = new List<string>();
        var go = GoToolchain.Find();
        progress?.Invoke("listing packages");
        var listing = PackageKeys.List(load, go);
        var targets = listing?.Packages.Where(p => !p.IsDependency && analyzesId(p.Id)).ToList() ?? [];
        if (targets.Count == 0) return Analyze(load, loadProgram, analyzers, jobs, progress, settings, null, "", [], warnings);

        var fingerprint = RunFingerprint.Of(load, go, analyzers, settings.Options);
        var hits = new List<(KeyedPackage Package, CacheEntry Entry)>();
        var misses = new List<KeyedPackage>();
        foreach (var p in targets)
        {
            var entry = p.HasListError ? null : cache.Get(RunFingerprint.KeyOf(fingerprint, p));
            if (entry is not null && entry.Package == p.Id) hits.Add((p, entry));
            else misses.Add(p);
        }
        if (misses.Count == 0)
        {
            var result = Driver.Finish(hits.SelectMany(h => h.Entry.Findings), []);
            return new CachedResult(null, result, hits.SelectMany(h => h.Entry.Files).ToList(), [.. listing!.Value.Warnings]) { FromCache = hits.Count };
        }
        // Load the packages the cache misses, by import path (a package's test variants come with it);
        // packages go list cannot name by path (files given on the command line) mean the original patterns.
        var paths = misses.Select(m => m.Path).Distinct(StringComparer.Ordinal).ToList();
        // When every package misses, the run is the uncached one: the same patterns (and the same early work keyed on them).
        bool all = misses.Count == targets.Count || paths.Any(p => p == "command-line-arguments" || p.StartsWith('_'));
        var missLoad = all ? load : load with { Patterns = paths };
        return Analyze(missLoad, loadProgram, analyzers, jobs, progress, settings, listing!.Value.Packages, fingerprint, hits, warnings);
    }

    private CachedResult Analyze(LoadOptions load, Func<LoadOptions, GoProgram> loadProgram, IReadOnlyList<Analyzer> analyzers, int jobs,
        Action<string>? progress, RunSettings settings, IReadOnlyList<KeyedPackage>? keyed, string fingerprint,
        List<(KeyedPackage Package, CacheEntry Entry)> hits, List<string> warnings)
    {
        foreach (var a in analyzers) a.BeforeLoad?.Invoke(load);
        settings.Cancel.ThrowIfCancellationRequested();
        var program = loadProgram(load);
        var fresh = Driver.Run(program, analyzers, jobs, progress, settings);
        var loadedIds = fresh.Analyzed.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var kept = hits.Where(h => !loadedIds.Contains(h.Package.Id)).ToList();
        if (keyed is not null) Store(program, fresh, keyed, fingerprint, warnings);
        var result = Driver.Finish(kept.SelectMany(h => h.Entry.Findings).Concat(fresh.Raw), fresh.Errors) with { Analyzed = fresh.Analyzed };
        return new CachedResult(program, result, kept.SelectMany(h => h.Entry.Files).ToList(), warnings)
        {
            FromCache = kept.Count,
            Analyzed = fresh.Analyzed.Count,
        };
    }

    /// <summary>Stores each analyzed package that loaded cleanly and on which no analyzer failed.</summary>
    private void Store(GoProgram program, AnalysisResult fresh, IReadOnlyList<KeyedPackage> keyed, string fingerprint, List<string> warnings)
    {
        var keys = keyed.Where(k => !k.IsDependency && !k.HasListError).ToDictionary(k => k.Id, StringComparer.Ordinal);
        var failed = fresh.Errors.Select(e => e.Package).ToHashSet(StringComparer.Ordinal);
        var byPackage = fresh.Raw.ToLookup(f => f.Package, StringComparer.Ordinal);
        var sources = new SourceFiles(program);
        bool wrote = false;
        foreach (var pkg in fresh.Analyzed)
        {
            if (pkg.HasErrors || failed.Contains(pkg.Id) || !keys.TryGetValue(pkg.Id, out var k)) continue;
            var files = pkg.Files.Select(f => FileFactsOf.Compute(f, sources) with { Package = pkg.Id }).ToList();
            var findings = byPackage[pkg.Id].OrderBy(f => f, Comparer<Finding>.Create(Finding.Compare)).ThenBy(f => f.FullText, StringComparer.Ordinal).ToList();
            cache.Put(RunFingerprint.KeyOf(fingerprint, k), new CacheEntry(pkg.Id, findings, files));
            wrote = true;
        }
        if (wrote) cache.Trim();
    }
}
