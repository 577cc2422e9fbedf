using System.Collections.Concurrent;
using Vigil.Findings;
using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Analysis;

/// <summary>What an analyzer sees when it runs on one package.</summary>
public sealed class Pass
{
    private readonly Action<Finding> report;
    private readonly IReadOnlyDictionary<Analyzer, object?> results;

    internal Pass(Analyzer analyzer, Package package, GoProgram program, ProgramCache cache,
        IReadOnlyDictionary<Analyzer, object?> results, Action<Finding> report)
    {
        Analyzer = analyzer;
        Package = package;
        Program = program;
        Cache = cache;
        this.results = results;
        this.report = report;
    }

    public Analyzer Analyzer { get; }
    public Package Package { get; }
    /// <summary>The whole load, for analyses that look across packages.</summary>
    public GoProgram Program { get; }
    /// <summary>Program-wide results computed once and shared by all passes (call graph, summaries...).</summary>
    public ProgramCache Cache { get; }
    public TypeInfo Info => Package.Info;
    /// <summary>
    /// The check's options from vigil.yaml (options.&lt;name&gt;): scalars are
    /// strings, sequences are lists, mappings are dictionaries. Empty when none.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Options { get; init; } = NoOptions;
    internal static readonly IReadOnlyDictionary<string, object?> NoOptions = new Dictionary<string, object?>();

    /// <summary>Where budgets hit are noted (the driver's; a pass made elsewhere keeps its own).</summary>
    internal LimitNotes Limits { get; init; } = new();

    /// <summary>
    /// Notes that <paramref name="subject"/> exceeded one of this check's budgets, documented
    /// at <paramref name="doc"/>: the run reports how many did, instead of dropping them silently.
    /// </summary>
    public void NoteLimit(string limit, string doc, string subject) => Limits.Add(Analyzer.CheckId, limit, doc, subject);

    /// <summary>The result of a required analyzer on this package.</summary>
    public T ResultOf<T>(Analyzer required) => (T)results[required]!;

    public void Report(Finding f) => report(f with { Check = f.Check.Length == 0 ? Analyzer.CheckId : f.Check, Package = Package.Id });

    public void Report(Node at, string message, IReadOnlyList<RelatedLocation>? trace = null) =>
        Report(new Finding { Check = Analyzer.CheckId, Location = at.Location, End = at.SourceFile.Location(at.End), Message = message, Related = trace ?? [] });
}

/// <summary>Memoizes program-wide computations by key, once per load, safely across threads.</summary>
public sealed class ProgramCache
{
    private readonly ConcurrentDictionary<string, Lazy<object>> entries = new();

    public T Get<T>(string key, Func<T> compute) where T : class =>
        (T)entries.GetOrAdd(key, _ => new Lazy<object>(() => compute(), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>What an analyzer computed under the key during this load, or null when nothing did (or it failed).</summary>
    public T? Find<T>(string key) where T : class =>
        entries.TryGetValue(key, out var lazy) && lazy.IsValueCreated ? lazy.Value as T : null;
}
