using System.Security.Cryptography;
using System.Text;
using Vigil.Loading;

namespace Vigil.Cache;

/// <summary>
/// Early cut-off keys. A package's key hashes the run's fingerprint, its own
/// inputs and the content of what it reaches without source
/// (<see cref="KeyedPackage.Ext"/>), and the fact hash (<see cref="FactHashes"/>)
/// of every package it depends on that is analyzed from source, transitively —
/// not their content: an edit that leaves a dependency's facts unchanged leaves
/// its dependents' keys unchanged. A package whose files mention escape
/// annotations is keyed by content (its check reads callees' compiled code).
/// </summary>
public sealed class CutoffKeys
{
    private readonly string fingerprint;
    private readonly bool escapes;
    private readonly Dictionary<string, List<string>> closure = new(StringComparer.Ordinal);

    /// <param name="packages">The keyed packages in list order (dependencies first).</param>
    /// <param name="escapes">Whether the escape check runs.</param>
    public CutoffKeys(IReadOnlyList<KeyedPackage> packages, string fingerprint, bool escapes)
    {
        this.fingerprint = fingerprint;
        this.escapes = escapes;
        foreach (var p in packages)
        {
            var deps = new HashSet<string>(StringComparer.Ordinal);
            foreach (var d in p.SourceImports)
            {
                deps.Add(d);
                if (closure.TryGetValue(d, out var below)) deps.UnionWith(below);
            }
            closure[p.Id] = deps.Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The packages analyzed from source that <paramref name="p"/> depends on, transitively, by id.</summary>
    public IReadOnlyList<string> DependenciesOf(KeyedPackage p) => closure.GetValueOrDefault(p.Id) ?? [];

    /// <summary>The package's key, or null when it has none: go list reported a problem, or a dependency's fact hash is unknown.</summary>
    public string? KeyOf(KeyedPackage p, Func<string, string?> factHash)
    {
        if (p.HasListError) return null;
        var sb = new StringBuilder();
        sb.Append(fingerprint).Append('\n').Append(p.Id).Append('\n');
        if (escapes && p.MentionsEscapes) return Hash(sb.Append("content ").Append(p.Key).ToString());
        sb.Append("ext ").Append(p.Ext).Append('\n');
        foreach (var d in DependenciesOf(p))
        {
            if (factHash(d) is not { } h) return null;
            sb.Append("facts ").Append(d).Append(' ').Append(h).Append('\n');
        }
        return Hash(sb.ToString());
    }

    /// <summary>Where a package's findings (and facts) are kept under its key.</summary>
    public static string FindingsEntry(string key) => Hash("findings\n" + key);

    /// <summary>Where the facts of a package analyzed only for them are kept under its key.</summary>
    public static string FactsEntry(string key) => Hash("facts\n" + key);

    /// <summary>Where the last fact hash computed for a package is kept: a dependent's key with it says whether waiting for the package's new facts can pay.</summary>
    public string LatestEntry(string id) => Hash($"{fingerprint}\nlatest\n{id}");

    private static string Hash(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s))).ToLowerInvariant();
}
