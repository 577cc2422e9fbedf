using Vigil.Analysis.Nil;
using Vigil.Syntax;

namespace Vigil.Facts;

/// <summary>
/// The nil facts of the packages a unit imports, directly or not, merged: what
/// the nil inference consults for a function or field of a package it loaded from
/// export data (<see cref="NilWorld"/>, <see cref="Inference"/>). Read-only.
/// </summary>
public sealed class NilImports
{
    private readonly Dictionary<string, FunctionSummary> summaries = new(StringComparer.Ordinal);
    private readonly HashSet<string> documentsNil = new(StringComparer.Ordinal);
    private readonly HashSet<string> checks = new(StringComparer.Ordinal);
    private readonly HashSet<string> compared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int From, int To)>> silenced = new(StringComparer.Ordinal);

    /// <summary>The key a load's program cache holds the imports under, for the nil check to find them.</summary>
    public const string CacheKey = "vigil-nil/imports";

    public NilImports(IEnumerable<PackageFacts> packages)
    {
        foreach (var p in packages)
        {
            foreach (var (k, s) in p.Summaries) summaries.TryAdd(k, s);
            documentsNil.UnionWith(p.DocumentsNil);
            checks.UnionWith(p.Checks);
            compared.UnionWith(p.ComparedFields);
            foreach (var (path, from, to) in p.Silenced)
            {
                if (!silenced.TryGetValue(path, out var list)) silenced[path] = list = [];
                list.Add((from, to));
            }
        }
    }

    public int Count => summaries.Count;

    /// <summary>The summary of a dependency's function, by the key of its origin; null when none was imported.</summary>
    public FunctionSummary? SummaryOf(string key) => summaries.GetValueOrDefault(key);

    public bool DocumentsNil(string key) => documentsNil.Contains(key);

    /// <summary>True when code of an imported package checks the callee's nil result.</summary>
    public bool Checks(string origin) => checks.Contains(origin);

    /// <summary>True when code of an imported package compares the field with nil.</summary>
    public bool ComparesWithNil(string fieldOrigin) => compared.Contains(fieldOrigin);

    /// <summary>True when a //nolint:vigil-nil of an imported package covers the line.</summary>
    public bool Silences(Location at) =>
        silenced.TryGetValue(at.Path, out var ranges) && ranges.Any(r => at.Line >= r.From && at.Line <= r.To);
}
