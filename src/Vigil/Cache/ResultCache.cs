namespace Vigil.Cache;

/// <summary>
/// Vigil's result cache: one file per (run settings, package content key),
/// under $VIGIL_CACHE/results (default: the user cache directory's vigil/).
/// Safe for concurrent runs without locks: an entry is written to a unique
/// temporary file and renamed into place, so a reader sees a whole entry or
/// none; every read is verified (<see cref="CacheEntry.Decode"/>) and a bad
/// entry is recomputed, never trusted. A cache that cannot be written
/// (read-only, full disk) costs speed, never results. Its size is bounded:
/// after a run writes, the least recently used entries go until the total
/// is under <see cref="MaxBytes"/> ($VIGIL_CACHE_MAX_BYTES, default 1 GiB).
/// </summary>
public sealed class ResultCache
{
    public const long DefaultMaxBytes = 1L << 30;
    /// <summary>Entries read more recently than this are not touched again (saves a write per hit).</summary>
    private static readonly TimeSpan TouchAfter = TimeSpan.FromHours(1);

    private readonly Action<string>? warn;
    private bool warned;

    public ResultCache(string root, long maxBytes = DefaultMaxBytes, Action<string>? warn = null)
    {
        Directory = Path.Combine(root, "results");
        MaxBytes = maxBytes;
        this.warn = warn;
    }

    public string Directory { get; }
    public long MaxBytes { get; }

    /// <summary>The cache of this user and environment ($VIGIL_CACHE, $VIGIL_CACHE_MAX_BYTES).</summary>
    public static ResultCache Default(Action<string>? warn = null)
    {
        long max = long.TryParse(Environment.GetEnvironmentVariable("VIGIL_CACHE_MAX_BYTES"), out var m) && m > 0 ? m : DefaultMaxBytes;
        return new ResultCache(Loading.FrontendCache.CacheRoot(), max, warn);
    }

    private string PathOf(string key) => Path.Combine(Directory, key[..2], key);

    /// <summary>The verified entry under the key, or null (missing, unreadable or corrupt: a corrupt file is removed).</summary>
    public CacheEntry? Get(string key)
    {
        var path = PathOf(key);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var entry = CacheEntry.Decode(bytes);
        if (entry is null)
        {
            TryDelete(path);
            return null;
        }
        try
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > TouchAfter) File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return entry;
    }

    /// <summary>Stores an entry atomically (temporary file, then rename); a failure is warned about once and ignored.</summary>
    public void Put(string key, CacheEntry entry)
    {
        var path = PathOf(key);
        var tmp = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(tmp, entry.Encode());
            File.Move(tmp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(tmp);
            if (!warned) warn?.Invoke($"the result cache in {Directory} cannot be written ({e.Message}); results are computed without it");
            warned = true;
        }
    }

    /// <summary>Removes the least recently used entries until the total size is at most <see cref="MaxBytes"/>; returns how many went.</summary>
    public int Trim()
    {
        var entries = Entries().OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        long total = entries.Sum(f => f.Length);
        int removed = 0;
        foreach (var f in entries)
        {
            if (total <= MaxBytes) break;
            if (TryDelete(f.FullName)) { total -= f.Length; removed++; }
        }
        // Temporary files of runs that died mid-write.
        foreach (var t in TempFiles().Where(t => DateTime.UtcNow - t.LastWriteTimeUtc > TimeSpan.FromHours(1))) TryDelete(t.FullName);
        return removed;
    }

    public (int Entries, long Bytes, DateTime? Oldest, DateTime? Newest) Status()
    {
        var entries = Entries().ToList();
        return (entries.Count, entries.Sum(f => f.Length),
            entries.Count == 0 ? null : entries.Min(f => f.LastWriteTimeUtc),
            entries.Count == 0 ? null : entries.Max(f => f.LastWriteTimeUtc));
    }

    /// <summary>Removes every entry; returns how many.</summary>
    public int Clean()
    {
        int n = 0;
        foreach (var f in Entries().Concat(TempFiles())) if (TryDelete(f.FullName)) n++;
        return n;
    }

    private IEnumerable<FileInfo> Entries() => Files().Where(f => !f.Name.EndsWith(".tmp", StringComparison.Ordinal));
    private IEnumerable<FileInfo> TempFiles() => Files().Where(f => f.Name.EndsWith(".tmp", StringComparison.Ordinal));

    private IEnumerable<FileInfo> Files()
    {
        var dir = new DirectoryInfo(Directory);
        if (!dir.Exists) return [];
        try
        {
            return dir.EnumerateFiles("*", SearchOption.AllDirectories).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
