using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vigil.Findings;

namespace Vigil.Cache;

/// <summary>
/// What the result cache keeps for one package: its findings as the
/// analyzers reported them (before suppressions, config, baselines and
/// only-new filters, which apply after the cache and never invalidate it),
/// and the syntax-free facts of its files that those filters and the
/// formats need. Every entry carries the package's fact hash (<see cref="FactHashes"/>);
/// an entry of a package analyzed only for its facts has no findings (<see cref="Reported"/> false).
/// </summary>
public sealed record CacheEntry(string Package, IReadOnlyList<Finding> Findings, IReadOnlyList<FileFacts> Files)
{
    private static readonly byte[] Magic = "VIGILRC2\n"u8.ToArray();

    /// <summary>The package's fact hash: what its dependents' keys take from it (early cut-off).</summary>
    public string FactHash { get; init; } = "";

    /// <summary>True when the entry holds the package's findings (it was analyzed as a matched package).</summary>
    public bool Reported { get; init; }

    /// <summary>A go vet unit's whole answer (`-facts=none` or `vetx`: keyed by its vet.cfg's inputs), or null.</summary>
    public VetUnitOutput? VetOutput { get; init; }

    /// <summary>
    /// The entry's bytes: a magic line, the SHA-256 of the payload and its
    /// length, then the payload (JSON). <see cref="Decode"/> checks all three.
    /// </summary>
    public byte[] Encode()
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(this, CacheJson.Default.CacheEntry);
        var header = Encoding.ASCII.GetBytes($"{Convert.ToHexString(SHA256.HashData(payload))}\n{payload.Length}\n");
        return [.. Magic, .. header, .. payload];
    }

    /// <summary>The entry, or null when the bytes are not a whole, intact entry (truncated, corrupt, another format).</summary>
    public static CacheEntry? Decode(byte[] bytes)
    {
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return null;
        int pos = Magic.Length;
        if (ReadLine(bytes, ref pos) is not { Length: 64 } hash) return null;
        if (!int.TryParse(ReadLine(bytes, ref pos), out int length) || length != bytes.Length - pos) return null;
        var payload = bytes.AsSpan(pos);
        if (!Convert.ToHexString(SHA256.HashData(payload)).Equals(hash, StringComparison.Ordinal)) return null;
        try
        {
            return JsonSerializer.Deserialize(payload, CacheJson.Default.CacheEntry);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? ReadLine(byte[] bytes, ref int pos)
    {
        int nl = Array.IndexOf(bytes, (byte)'\n', pos);
        if (nl < 0 || nl - pos > 100) return null;
        var s = Encoding.ASCII.GetString(bytes, pos, nl - pos);
        pos = nl + 1;
        return s;
    }
}

/// <summary>What a go vet unit printed and its exit status, replayed on a hit.</summary>
public sealed record VetUnitOutput(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The fact file a -facts=vetx unit wrote to its VetxOutput (served with the answer), or null.</summary>
    public byte[]? Facts { get; init; }
}
