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
    /// <summary>Loads the run made (0 when everything came from the cache; 2 when it first learnt new facts).</summary>
    public int Loads { get; init; }
}

/// <summary>
/// Analysis with the result cache. A package's findings depend only on the
/// package and its dependencies (docs/facts.md), so they can be kept under a
/// key of the package's content, its dependencies' fact hashes
/// (<see cref="CutoffKeys"/>) and the run's settings (<see cref="RunFingerprint"/>).
/// A run lists the packages (go list and hashing, no parsing), then, from the
/// packages without dependencies up, takes what the cache has and loads and
/// analyzes what it misses, storing findings and fact hashes for the next run.
/// <para>
/// Early cut-off: a package whose key is unknown because a dependency missed
/// waits for that dependency's new fact hash when its entry under the
/// dependency's previous fact hash exists (the edit may not have changed the
/// facts). The first load then analyzes only the changed packages; if their
/// facts are unchanged, the waiting packages are served from the cache,
/// else a second load analyzes them. When the listing fails, everything is
/// loaded, and the load explains why.
/// </para>
/// </summary>
public sealed class CachedAnalysis(ResultCache cache)
{
    /// <summary>The most loads a run makes: after that, every package still waiting is analyzed.</summary>
    private const int MaxLoads = 3;

    public CachedResult Run(LoadOptions load, Func<LoadOptions, GoProgram> loadProgram, IReadOnlyList<Analyzer> analyzers,
        int jobs, Action<string>? progress, RunSettings settings, Func<string, bool> analyzesId)
    {
        var go = GoToolchain.Find();
        progress?.Invoke("listing packages");
        var listing = PackageKeys.List(load, go);
        var packages = listing?.Packages ?? [];
        var targets = packages.Where(p => !p.IsDependency && analyzesId(p.Id)).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        if (targets.Count == 0)
        {
            foreach (var a in analyzers) a.BeforeLoad?.Invoke(load);
            var program = loadProgram(load);
            return new CachedResult(program, Driver.Run(program, analyzers, jobs, progress, settings), [], []) { Loads = 1 };
        }
        var keys = new CutoffKeys(packages, RunFingerprint.Of(load, go, analyzers, settings.Options),
            Driver.TopologicalOrder(analyzers).Any(a => a.Name == "escape"));
        var run = new Rounds(cache, keys, packages, targets);
        // Packages go list cannot name by path (files given on the command line) mean the original patterns: one load.
        bool byFiles = packages.Any(p => targets.Contains(p.Id) && (p.Path == "command-line-arguments" || p.Path.StartsWith('_')));
        GoProgram? last = null;
        var earlier = new List<FileFacts>();
        bool mayWait = !byFiles;
        for (int round = 0; round < MaxLoads; round++)
        {
            var (analyze, waiting) = run.Plan(mayWait && round < MaxLoads - 1);
            if (analyze.Count == 0) break;
            if (Environment.GetEnvironmentVariable("VIGIL_DEBUG") is "1")
                Console.Error.WriteLine($"vigil: cache: load {round + 1}: {analyze.Count} to analyze ({string.Join(", ", analyze.Take(5).Select(p => p.Id))}{(analyze.Count > 5 ? ", …" : "")}), {waiting} waiting for their facts");
            var patterns = run.Patterns(analyze);
            bool all = byFiles || (round == 0 && waiting == 0 && targets.All(t => analyze.Any(p => p.Id == t)));
            var missLoad = all ? load : load with { Patterns = patterns };
            foreach (var a in analyzers) a.BeforeLoad?.Invoke(missLoad);
            settings.Cancel.ThrowIfCancellationRequested(); // a newer request (the language server's next save) supersedes this one
            var program = loadProgram(missLoad);
            var result = Driver.Run(program, analyzers, jobs, progress, settings);
            if (waiting > 0 && program.Packages.Any(p => p.HasErrors))
            {
                // Broken code: its problems are reported with the program that shows them, so the
                // packages waiting and these are analyzed again in one load (a rare, costly case).
                mayWait = false;
                continue;
            }
            if (last is not null) earlier.AddRange(run.FilesOf(last));
            last = program;
            var hashes = result.Cache is { } pc ? FactHashes.Of(program, pc, analyzers) : new Dictionary<string, string>();
            run.Take(program, result, hashes, analyze);
        }
        if (run.Wrote) cache.Trim();
        var final = Driver.Finish(run.Findings, run.Errors) with { Analyzed = run.AnalyzedPackages, Limits = run.Limits };
        return new CachedResult(last, final, [.. run.ServedFiles, .. earlier], [.. listing!.Value.Warnings])
        {
            FromCache = run.Served,
            Analyzed = run.AnalyzedPackages.Count,
            Loads = run.Loads,
        };
    }

    /// <summary>What a cached run knows as it goes: fact hashes, packages served and analyzed, and their results.</summary>
    private sealed class Rounds(ResultCache cache, CutoffKeys keys, IReadOnlyList<KeyedPackage> packages, HashSet<string> targets)
    {
        private readonly Dictionary<string, string> facts = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CacheEntry> served = new(StringComparer.Ordinal);
        private readonly HashSet<string> done = new(StringComparer.Ordinal);
        private readonly Dictionary<string, KeyedPackage> byId = packages.ToDictionary(p => p.Id, StringComparer.Ordinal);
        private readonly List<Finding> fresh = [];

        /// <summary>True once the run stored an entry (the cache is then trimmed).</summary>
        public bool Wrote { get; private set; }

        public List<ToolError> Errors { get; } = [];
        public List<LimitNote> Limits { get; } = [];
        public List<Package> AnalyzedPackages { get; } = [];
        public int Loads { get; private set; }
        public int Served => served.Count;
        public IEnumerable<Finding> Findings => served.Values.SelectMany(e => e.Findings).Concat(fresh);
        public IEnumerable<FileFacts> ServedFiles => served.Values.SelectMany(e => e.Files);

        /// <summary>
        /// Looks up every package still needed (the matched packages without findings, and the
        /// dependencies whose fact hashes they need) whose key is known; returns those to analyze,
        /// and how many wait for a dependency's new facts.
        /// </summary>
        public (List<KeyedPackage> Analyze, int Waiting) Plan(bool mayWait)
        {
            var needed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in targets.Where(t => !done.Contains(t)))
            {
                needed.Add(t);
                needed.UnionWith(keys.DependenciesOf(byId[t]));
            }
            var analyze = new List<KeyedPackage>();
            int waiting = 0;
            foreach (var p in packages) // dependencies first
            {
                if (!needed.Contains(p.Id) || (targets.Contains(p.Id) ? done.Contains(p.Id) : facts.ContainsKey(p.Id))) continue;
                if (keys.KeyOf(p, facts.GetValueOrDefault) is { } key)
                {
                    if (Lookup(p, key) is { } entry)
                    {
                        facts[p.Id] = entry.FactHash;
                        if (targets.Contains(p.Id))
                        {
                            served[p.Id] = entry;
                            done.Add(p.Id);
                        }
                        continue;
                    }
                    analyze.Add(p);
                }
                else if (mayWait && keys.KeyOf(p, d => facts.GetValueOrDefault(d) ?? cache.Get(keys.LatestEntry(d))?.FactHash) is { } guess
                         && Lookup(p, guess) is not null)
                    waiting++;
                else analyze.Add(p);
            }
            return (analyze, waiting);
        }

        /// <summary>A valid entry for the package under the key: with findings for a matched package, facts for a dependency.</summary>
        private CacheEntry? Lookup(KeyedPackage p, string key)
        {
            bool target = targets.Contains(p.Id);
            var entry = cache.Get(CutoffKeys.FindingsEntry(key));
            if (entry is null && !target) entry = cache.Get(CutoffKeys.FactsEntry(key));
            return entry is { FactHash.Length: > 0 } && entry.Package == p.Id && (entry.Reported || !target) ? entry : null;
        }

        /// <summary>
        /// What loads the packages to analyze: the matched ones by path (a package's test variants come
        /// with it), and dependencies that no matched package to analyze brings along for facts.
        /// </summary>
        public List<string> Patterns(List<KeyedPackage> analyze)
        {
            var covered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in analyze.Where(p => targets.Contains(p.Id))) covered.UnionWith(keys.DependenciesOf(p));
            return analyze.Where(p => targets.Contains(p.Id) || !covered.Contains(p.Id))
                .Select(p => p.Path).Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>Takes a load's results: fact hashes, the findings of matched packages, and stores what is cacheable.</summary>
        public void Take(GoProgram program, AnalysisResult result, IReadOnlyDictionary<string, string> hashes, List<KeyedPackage> analyze)
        {
            Loads++;
            foreach (var p in packages)
                if (!facts.ContainsKey(p.Id) && hashes.TryGetValue(p.Id, out var h)) facts[p.Id] = h;
            var byPackage = result.Raw.ToLookup(f => f.Package, StringComparer.Ordinal);
            var mine = result.Analyzed.Where(p => targets.Contains(p.Id) && !done.Contains(p.Id)).ToList();
            foreach (var pkg in mine)
            {
                fresh.AddRange(byPackage[pkg.Id]);
                done.Add(pkg.Id);
                AnalyzedPackages.Add(pkg);
            }
            var analyzedIds = mine.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            Errors.AddRange(result.Errors.Where(e => analyzedIds.Contains(e.Package)));
            Limits.AddRange(result.Limits);
            Store(program, result, hashes, analyzedIds, byPackage);
        }

        /// <summary>
        /// Stores each package of the load that loaded cleanly and on which no analyzer failed: its
        /// findings when it was analyzed as a matched package here, else its facts; and its fact hash
        /// as the package's latest.
        /// </summary>
        private void Store(GoProgram program, AnalysisResult result, IReadOnlyDictionary<string, string> hashes,
            HashSet<string> analyzedIds, ILookup<string, Finding> byPackage)
        {
            var failed = result.Errors.Select(e => e.Package).ToHashSet(StringComparer.Ordinal);
            SourceFiles? sources = null;
            foreach (var pkg in program.Packages)
            {
                if (pkg.HasErrors || failed.Contains(pkg.Id) || !byId.TryGetValue(pkg.Id, out var keyed) || !hashes.TryGetValue(pkg.Id, out var h)) continue;
                if (keys.KeyOf(keyed, facts.GetValueOrDefault) is not { } key) continue;
                cache.Put(keys.LatestEntry(pkg.Id), new CacheEntry(pkg.Id, [], []) { FactHash = h });
                if (analyzedIds.Contains(pkg.Id))
                {
                    sources ??= new SourceFiles(program);
                    var files = pkg.Files.Select(f => FileFactsOf.Compute(f, sources) with { Package = pkg.Id }).ToList();
                    var findings = byPackage[pkg.Id].OrderBy(f => f, Comparer<Finding>.Create(Finding.Compare)).ThenBy(f => f.FullText, StringComparer.Ordinal).ToList();
                    cache.Put(CutoffKeys.FindingsEntry(key), new CacheEntry(pkg.Id, findings, files) { FactHash = h, Reported = true });
                }
                else cache.Put(CutoffKeys.FactsEntry(key), new CacheEntry(pkg.Id, [], []) { FactHash = h });
                Wrote = true;
            }
        }

        /// <summary>The files of the packages an earlier load analyzed, as the filters need them (that load's program is not kept).</summary>
        public IEnumerable<FileFacts> FilesOf(GoProgram program)
        {
            var sources = new SourceFiles(program);
            var ids = AnalyzedPackages.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            return program.Packages.Where(p => ids.Contains(p.Id) && !p.IsDependency)
                .SelectMany(p => p.Files.Select(f => FileFactsOf.Compute(f, sources) with { Package = p.Id })).ToList();
        }
    }
}
