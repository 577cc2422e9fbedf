using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Program-wide knowledge the per-function analysis consults: the current
/// summaries of every function with a body, the implementations of each
/// interface method, and the struct fields whose channels get closed.
/// Summaries are replaced wholesale between inference rounds, so a round
/// reads a stable snapshot and rounds are deterministic.
/// </summary>
public sealed class NilWorld
{
    private Dictionary<GoFunc, FunctionSummary> summaries = [];
    private readonly Dictionary<string, List<GoFunc>> methodsByName;
    private readonly Dictionary<GoFunc, List<GoFunc>> implCache = [];
    private readonly object gate = new();

    /// <summary>The shared call graph, when available: interface calls reach the implementations it lists.</summary>
    public Vigil.Flow.CallGraph.CallGraph? Graph { get; }

    public NilWorld(IReadOnlyList<FunctionBody> bodies, ClosedChannels channels, Vigil.Flow.CallGraph.CallGraph? graph = null)
    {
        Graph = graph;
        Channels = channels;
        Receivers = new NilReceivers(bodies);
        PureGetters = new PureGetters(bodies);
        ArgumentFailures = new ArgumentFailures(bodies);
        Preconditions = new Preconditions(bodies);
        Downcasts = new Downcasts(bodies);
        foreach (var b in bodies)
            if (b.Func is not null)
            {
                docs[b.Func.Origin] = b.Decl.Doc?.List.Any(c => System.Text.RegularExpressions.Regex.IsMatch(c.Text, @"\bnil\b")) == true;
                bodyByKey.TryAdd(b.Func.Origin.Key, b.Func.Origin); // the first variant in program order: deterministic
            }
        methodsByName = bodies
            .Where(b => b.Func is { IsMethod: true, ReceiverNamed: not null })
            .GroupBy(b => b.Func!.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(b => b.Func!).Distinct().ToList(), StringComparer.Ordinal);
    }

    /// <summary>
    /// True when the function's doc comment speaks of nil ("returns nil if ..."):
    /// a nil it returns is part of its contract, and callers must handle it.
    /// </summary>
    public bool DocumentsNil(GoFunc f) =>
        docs.TryGetValue(WithBody(f), out var doc) ? doc : Imported?.DocumentsNil(f.Origin.Key) == true;

    private readonly Dictionary<GoFunc, bool> docs = [];

    // With tests, a package with in-package tests is analyzed as its test variant only
    // ("p [p.test]"); the packages that import p still see the plain p, whose functions have no
    // body here. The same declaration (same key) in the variant stands for them.
    private readonly Dictionary<string, GoFunc> bodyByKey = new(StringComparer.Ordinal);

    /// <summary>The function whose body and summary stand for <paramref name="f"/>: itself, or the same declaration in the package's test variant.</summary>
    public GoFunc WithBody(GoFunc f) =>
        docs.ContainsKey(f.Origin) ? f.Origin : bodyByKey.TryGetValue(f.Origin.Key, out var v) ? v : f.Origin;

    public FunctionSummary? SummaryOf(GoFunc f) =>
        summaries.TryGetValue(WithBody(f), out var s) ? s : Imported?.SummaryOf(f.Origin.Key);

    /// <summary>
    /// The facts of the packages loaded from export data (go vet's units, docs/facts.md): the
    /// summaries and doc facts of their functions, which have no body here. Null in a load from source.
    /// </summary>
    public Vigil.Facts.NilImports? Imported { get; init; }

    public void SetSummaries(Dictionary<GoFunc, FunctionSummary> next) => summaries = next;

    /// <summary>Struct fields as program-wide sites: where nil is stored into them, or left by a constructor.</summary>
    public FieldSites Fields { get; } = new();

    /// <summary>Nils passed through callback values, for the function literals stored as them.</summary>
    public CallbackNils Callbacks { get; } = new();

    /// <summary>Structs that hold a value and an error, built with the error set and the value nil.</summary>
    public ResultStructs ResultStructs { get; } = new();

    /// <summary>Per package, the expressions whose reflect.TypeOf it checks for nil.</summary>
    public TypeOfChecks TypeOfChecks { get; } = new();

    /// <summary>Functions that only read (one `return E`): a call of one changes no field.</summary>
    public PureGetters PureGetters { get; }

    /// <summary>(T, error) functions that fail only for invalid arguments.</summary>
    public ArgumentFailures ArgumentFailures { get; }

    /// <summary>The package variables functions assign, for nils that are preconditions on the arguments.</summary>
    public Preconditions Preconditions { get; }

    /// <summary>Methods that return their receiver viewed as another type, or nil when its tag does not match.</summary>
    public Downcasts Downcasts { get; }

    /// <summary>Types whose methods accept a nil receiver.</summary>
    public NilReceivers Receivers { get; }

    /// <summary>Where channel fields get closed, and which closes can precede a receive in another function.</summary>
    public ClosedChannels Channels { get; }

    /// <summary>How much evidence a returned nil needs to be reported.</summary>
    public Evidence Evidence { get; init; } = Evidence.Documented;

    /// <summary>The sync.Pool variables and fields given a New function.</summary>
    public Pools Pools { get; init; } = new();

    /// <summary>
    /// The concrete methods (with summaries) that a call of interface method <paramref name="m"/> can reach, in a stable order.
    /// <paramref name="considered"/> hears of each one looked at, with a summary yet or not (the caller depends on it).
    /// </summary>
    public IEnumerable<(GoFunc Impl, FunctionSummary Summary)> Implementations(GoFunc m, CallExpr site, Action<GoFunc>? considered = null)
    {
        string callerFile = site.SourceFile.Path;
        string callerDir = Path.GetDirectoryName(callerFile) ?? "";
        List<GoFunc> impls;
        var edges = Graph?.EdgesOf(site) ?? [];
        if (edges.Count > 0)
        {
            // The shared call graph: implementations among the types converted to interfaces. Each site asks at every
            // visit of the solver and in every round (io.Writer's Write has hundreds): sorted once per site.
            impls = siteImpls.GetOrAdd(site, _ => Shared(m, edges.Where(e => e.Kind == Vigil.Flow.CallGraph.CallKind.Interface && e.Callee?.Func is not null)
                .Select(e => e.Callee!.Func!).Distinct().OrderBy(f => f.Key, StringComparer.Ordinal).ToList()));
        }
        else
        {
            lock (gate)
            {
                if (!implCache.TryGetValue(m, out impls!))
                {
                    impls = FindImplementations(m);
                    implCache[m] = impls;
                }
            }
        }
        foreach (var i in impls)
        {
            // A type declared in a test file only reaches code of its own package's test binary.
            // (and only test code there: a summary of non-test code must not depend on test doubles).
            if (i.Location.Path.EndsWith("_test.go", StringComparison.Ordinal)
                && (Path.GetDirectoryName(i.Location.Path) != callerDir || !callerFile.EndsWith("_test.go", StringComparison.Ordinal))) continue;
            considered?.Invoke(i);
            if (SummaryOf(i) is { } s) yield return (i, s);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<CallExpr, List<GoFunc>> siteImpls = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<GoFunc, List<GoFunc>> lastImpls = new();

    /// <summary>The sites of one interface method mostly reach the same implementations: they share one list (read-only).</summary>
    private List<GoFunc> Shared(GoFunc m, List<GoFunc> impls)
    {
        if (lastImpls.TryGetValue(m, out var last) && last.SequenceEqual(impls)) return last;
        lastImpls[m] = impls;
        return impls;
    }

    private List<GoFunc> FindImplementations(GoFunc m)
    {
        if (m.Signature.Recv?.Type?.Underlying is not GoInterface iface) return [];
        if (!methodsByName.TryGetValue(m.Name, out var candidates)) return [];
        var needed = iface.Methods.Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
        var result = new List<GoFunc>();
        foreach (var c in candidates)
        {
            var named = c.ReceiverNamed!;
            if (named.Underlying is GoInterface) continue;
            var have = named.Methods.Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
            if (!needed.IsSubsetOf(have)) continue;
            if (c.Signature.Results.Count != m.Signature.Results.Count) continue;
            result.Add(c);
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }
}

/// <summary>A function declaration with a body, and the package it was checked in.</summary>
public sealed record FunctionBody(Package Package, FuncDecl Decl, GoFunc? Func);
