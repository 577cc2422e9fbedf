using Vigil.Cache;
using Vigil.Findings;
using Location = Vigil.Syntax.Location;

namespace Vigil.Tests.Cache;

/// <summary>Cache entries are verified before use: anything but a whole, intact entry reads as missing.</summary>
public class CacheEntryTests
{
    private static CacheEntry Sample() => new("example.com/p", [
        new Finding
        {
            Check = "vigil-nil",
            Location = new Location("/src/p/p.go", 3, 9, 40),
            End = new Location("/src/p/p.go", 3, 12, 43),
            Message = "nil panic: x may be nil here",
            Package = "example.com/p",
            Related = [new RelatedLocation(new Location("/src/p/q.go", 1, 2, 3), "literal nil") { Flow = "this goroutine" }],
            SuggestedFixes = [new SuggestedFix("check it", [new TextEdit("/src/p/p.go", 40, 43, "y")])],
        },
    ], [
        new FileFacts
        {
            Path = "/src/p/p.go",
            Package = "example.com/p",
            GeneratedLax = true,
            Directives = [new DirectiveSite("//nolint:vigil-nil // why", new Location("/src/p/p.go", 5, 2, 60), false, 1, 5, 7)],
            Functions = [new FunctionSpan(10, 80, "(*T).M")],
        },
    ]);

    [Fact]
    public void RoundTripsEveryField()
    {
        var e = Sample();
        var back = CacheEntry.Decode(e.Encode());
        Assert.NotNull(back);
        Assert.Equal(e.Package, back.Package);
        var f = Assert.Single(back.Findings);
        Assert.Equal(e.Findings[0].FullText, f.FullText);
        Assert.Equal(e.Findings[0].End, f.End);
        Assert.Equal("this goroutine", f.Related[0].Flow);
        Assert.Equal("y", f.SuggestedFixes[0].Edits[0].NewText);
        var file = Assert.Single(back.Files);
        Assert.Equal(e.Files[0].Directives, file.Directives);
        Assert.Equal(e.Files[0].Functions, file.Functions);
        Assert.True(file.GeneratedLax);
        Assert.Equal("(*T).M", file.EnclosingFunction(new Location("/src/p/p.go", 4, 1, 50)));
    }

    [Fact]
    public void TruncatedFlippedOrForeignBytesAreRejected()
    {
        var bytes = Sample().Encode();
        Assert.Null(CacheEntry.Decode(bytes[..^1]));
        Assert.Null(CacheEntry.Decode(bytes[..(bytes.Length / 2)]));
        Assert.Null(CacheEntry.Decode([]));
        Assert.Null(CacheEntry.Decode("not a cache entry"u8.ToArray()));
        for (int i = 0; i < bytes.Length; i += 7)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[i] ^= 0x20;
            Assert.Null(CacheEntry.Decode(flipped));
        }
    }

    [Fact]
    public void CorruptFileIsAMissAndIsRemoved()
    {
        var root = Path.Combine(Path.GetTempPath(), "vigil-cache-" + Guid.NewGuid().ToString("N")[..12]);
        var cache = new ResultCache(root);
        var key = new string('a', 64);
        cache.Put(key, Sample());
        Assert.NotNull(cache.Get(key));
        var file = Directory.GetFiles(cache.Directory, "*", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(file, File.ReadAllBytes(file)[..^10]);
        Assert.Null(cache.Get(key));
        Assert.False(File.Exists(file));
        Directory.Delete(root, true);
    }

    [Fact]
    public void TrimKeepsTheCacheUnderItsBoundLeastRecentlyUsedFirst()
    {
        var root = Path.Combine(Path.GetTempPath(), "vigil-cache-" + Guid.NewGuid().ToString("N")[..12]);
        int size = Sample().Encode().Length;
        var cache = new ResultCache(root, maxBytes: 2L * size);
        var keys = Enumerable.Range(0, 4).Select(i => new string((char)('a' + i), 64)).ToList();
        for (int i = 0; i < keys.Count; i++)
        {
            cache.Put(keys[i], Sample());
            var file = Directory.GetFiles(cache.Directory, keys[i], SearchOption.AllDirectories).Single();
            File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1 + i, 0, 0, 0, DateTimeKind.Utc));
        }
        Assert.Equal(2, cache.Trim());
        Assert.Null(cache.Get(keys[0]));
        Assert.Null(cache.Get(keys[1]));
        Assert.NotNull(cache.Get(keys[2]));
        Assert.NotNull(cache.Get(keys[3]));
        Assert.Equal(2, cache.Status().Entries);
        Assert.Equal(2, cache.Clean());
        Assert.Equal(0, cache.Status().Entries);
        Directory.Delete(root, true);
    }
}
