using System.Collections.Concurrent;
using Vigil.Findings;
using Vigil.Loading;

namespace Vigil.Analysis;

/// <summary>A failure of the tool itself on one package (not a finding): reported, and the rest goes on.</summary>
public sealed record ToolError(string Package, string Analyzer, string Message);

public sealed record AnalysisResult(IReadOnlyList<Finding> Findings, IReadOnlyList<ToolError> Errors)
{
    /// <summary>Budgets the checks hit on this run (none when every analysis completed).</summary>
    public IReadOnlyList<LimitNote> Limits { get; init; } = [];
    /// <summary>Every finding as reported, before the same finding of a package and its test variant is folded (the result cache keeps these per package).</summary>
    public IReadOnlyList<Finding> Raw { get; init; } = [];
    /// <summary>The packages the analyzers ran on.</summary>
    public IReadOnlyList<Package> Analyzed { get; init; } = [];
    /// <summary>The program-wide computations of the run (summaries), for the result cache's fact hashes.</summary>
    public ProgramCache? Cache { get; init; }
}

/// <summary>How a run is configured beyond the analyzers (from vigil.yaml): what to analyze, and each check's options.</summary>
public sealed class RunSettings
{
    /// <summary>Whether a package is analyzed; packages not analyzed are still loaded (for types) but no analyzer runs on them.</summary>
    public Func<Package, bool> Analyze { get; init; } = _ => true;
    /// <summary>Per-check options by analyzer name (vigil.yaml's options.&lt;check&gt;), passed to the pass as Pass.Options.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Options { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, object?>>();
    /// <summary>Stops the run between packages (an editor's newer save makes this one stale): Run throws OperationCanceledException.</summary>
    public CancellationToken Cancel { get; init; }
    /// <summary>Program-wide inputs given from outside, by program-cache key: the facts of a go vet unit's imports (docs/facts.md).</summary>
    public IReadOnlyDictionary<string, object> Seeds { get; init; } = new Dictionary<string, object>();
}

/// <summary>
/// Runs analyzers (and what they require) over every loaded package, in
/// parallel across packages; an analyzer that throws on a package becomes a
/// tool error for that package, and everything else is still reported.
/// Findings come out sorted, so output is the same whatever the scheduling.
/// </summary>
public static class Driver
{
    public static AnalysisResult Run(GoProgram program, IReadOnlyList<Analyzer> analyzers, int jobs = 0, Action<string>? progress = null, RunSettings? settings = null) =>
        BigStack.Run(() => RunHere(program, analyzers, jobs, progress, settings)); // Parallel.ForEach also works on the calling thread

    private static AnalysisResult RunHere(GoProgram program, IReadOnlyList<Analyzer> analyzers, int jobs, Action<string>? progress, RunSettings? settings)
    {
        settings ??= new RunSettings();
        var order = TopologicalOrder(analyzers);
        var cache = new ProgramCache();
        foreach (var (key, seed) in settings.Seeds) cache.Get(key, () => seed);
        var findings = new ConcurrentBag<Finding>();
        var errors = new ConcurrentBag<ToolError>();
        var limits = new LimitNotes();
        int done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobs > 0 ? jobs : Environment.ProcessorCount, CancellationToken = settings.Cancel };
        // Dependencies loaded for facts are seen by the program-wide analyses (summaries) but never reported on.
        var packages = program.Packages.Where(p => !p.IsDependency && settings.Analyze(p)).ToList();
        Parallel.ForEach(packages, options, pkg =>
        {
            var results = new Dictionary<Analyzer, object?>();
            foreach (var a in order)
            {
                if (a.Requires.Any(r => !results.ContainsKey(r))) continue; // a requirement failed
                var pass = new Pass(a, pkg, program, cache, results, findings.Add)
                {
                    Limits = limits,
                    Options = settings.Options.GetValueOrDefault(a.Name) ?? Pass.NoOptions,
                };
                try
                {
                    results[a] = a.Run(pass);
                }
                catch (Exception e)
                {
                    errors.Add(new ToolError(pkg.Id, a.Name, $"{e.GetType().Name}: {e.Message}"));
                }
            }
            int n = Interlocked.Increment(ref done);
            progress?.Invoke($"analyzing packages: {n}/{packages.Count}");
        });
        return Finish(findings, errors) with { Analyzed = packages, Limits = limits.ToList(), Cache = cache };
    }

    /// <summary>
    /// Orders a run's findings and errors, whatever the scheduling (or the mix of analyzed and cached
    /// packages they came from). The same finding reported twice (a file in a package and its test
    /// variant) is kept once: the one of the package first in order ("p" before "p [p.test]").
    /// </summary>
    public static AnalysisResult Finish(IEnumerable<Finding> raw, IEnumerable<ToolError> errors)
    {
        var all = raw.ToList();
        var sorted = all.OrderBy(f => f.Package, StringComparer.Ordinal).DistinctBy(f => (f.Check, f.Location, f.FullText)).ToList();
        sorted.Sort(Finding.Compare);
        var errs = errors.OrderBy(e => e.Package, StringComparer.Ordinal).ThenBy(e => e.Analyzer, StringComparer.Ordinal).ToList();
        return new AnalysisResult(sorted, errs) { Raw = all };
    }

    /// <summary>The analyzers with their requirements, each after what it requires; rejects cycles.</summary>
    public static IReadOnlyList<Analyzer> TopologicalOrder(IEnumerable<Analyzer> roots)
    {
        var order = new List<Analyzer>();
        var state = new Dictionary<Analyzer, int>();
        void Visit(Analyzer a)
        {
            if (state.TryGetValue(a, out int s))
            {
                if (s == 1) throw new InvalidOperationException($"analyzer requirements form a cycle through {a.Name}");
                return;
            }
            state[a] = 1;
            foreach (var r in a.Requires) Visit(r);
            state[a] = 2;
            order.Add(a);
        }
        foreach (var a in roots) Visit(a);
        return order;
    }
}
