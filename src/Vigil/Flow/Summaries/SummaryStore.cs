using System.Collections.Concurrent;
using Vigil.Analysis;

namespace Vigil.Flow.Summaries;

/// <summary>
/// Summaries (facts, in go/analysis' terms) of functions, types, fields and
/// packages, by kind and stable key, shared by every package pass of a run
/// (<see cref="For(Pass)"/>). An analyzer sets the summaries of what its
/// package declares and reads those of what it calls, whichever package
/// computed them. <see cref="Export"/> turns a package's summaries into bytes
/// and <see cref="Import"/> brings them back (into this or another process):
/// imported summaries are decoded on first read. Thread-safe.
/// </summary>
public sealed class SummaryStore
{
    private const string Magic = "vigil-summaries";
    private const int Version = 1;

    // An entry holds the value, or the bytes it was imported as until first read.
    private sealed class Entry
    {
        public object? Value;
        /// <summary>Writes <see cref="Value"/> (captured with its static type when set or decoded).</summary>
        public Action<SummaryWriter>? Write;
        public ReadOnlyMemory<byte> Bytes;
    }

    private readonly ConcurrentDictionary<(string Kind, SummaryKey Key), Entry> entries = new();

    public static SummaryStore For(Pass pass) => For(pass.Cache);
    public static SummaryStore For(ProgramCache cache) => cache.Get("flow.summaries", () => new SummaryStore());

    public int Count => entries.Count;

    public void Set<T>(SummaryKind<T> kind, SummaryKey key, T value) where T : ISummary<T> =>
        entries[(kind.Name, key)] = new Entry { Value = value, Write = value.Write };

    public bool TryGet<T>(SummaryKind<T> kind, SummaryKey key, out T value) where T : ISummary<T>
    {
        if (entries.TryGetValue((kind.Name, key), out var e))
        {
            lock (e)
            {
                if (e.Value is null)
                {
                    var decoded = T.Read(new SummaryReader(e.Bytes));
                    e.Value = decoded;
                    e.Write = decoded.Write;
                }
                value = (T)e.Value;
            }
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>The summary, or default (null for classes) when there is none.</summary>
    public T? Get<T>(SummaryKind<T> kind, SummaryKey key) where T : ISummary<T> =>
        TryGet(kind, key, out var v) ? v : default;

    /// <summary>The keys that have a summary of this kind, sorted.</summary>
    public IReadOnlyList<SummaryKey> Keys<T>(SummaryKind<T> kind) where T : ISummary<T> =>
        entries.Keys.Where(k => k.Kind == kind.Name).Select(k => k.Key).Order().ToList();

    /// <summary>
    /// Serializes the summaries of the objects of one package (all packages
    /// when null), sorted by kind and key so equal contents give equal bytes.
    /// Imported entries never read are written back as they came.
    /// </summary>
    public byte[] Export(string? packagePath = null)
    {
        var selected = entries.Where(kv => packagePath is null || kv.Key.Key.Package == packagePath)
            .OrderBy(kv => kv.Key.Kind, StringComparer.Ordinal).ThenBy(kv => kv.Key.Key).ToList();
        var w = new SummaryWriter();
        w.WriteString(Magic);
        w.WriteUInt(Version);
        w.WriteUInt((ulong)selected.Count);
        foreach (var ((kind, key), entry) in selected)
        {
            w.WriteString(kind);
            w.WriteKey(key);
            lock (entry)
            {
                if (entry.Value is null) { w.WriteBytes(entry.Bytes.Span); continue; }
                var payload = new SummaryWriter();
                entry.Write!(payload);
                w.WriteBytes(payload.ToArray());
            }
        }
        return w.ToArray();
    }

    /// <summary>Adds the summaries serialized by <see cref="Export"/> (replacing any with the same kind and key).</summary>
    public void Import(ReadOnlyMemory<byte> data)
    {
        var r = new SummaryReader(data);
        if (r.ReadString() != Magic) throw new FormatException("not Vigil summary data");
        if (r.ReadUInt() is var v and not Version) throw new FormatException($"summary data version {v}, expected {Version}");
        ulong n = r.ReadUInt();
        for (ulong i = 0; i < n; i++)
        {
            string kind = r.ReadString();
            var key = r.ReadKey();
            entries[(kind, key)] = new Entry { Bytes = r.ReadBytes() };
        }
        if (!r.AtEnd) throw new FormatException("trailing bytes after the summaries");
    }
}
