using Vigil.Loading;
using Xunit;

namespace Vigil.Tests.Loading;

/// <summary>The front-end cache under concurrent first use (the state of a fresh clone's first test run).</summary>
public class FrontendCacheTests
{
    [Fact]
    public void ParallelFirstUsesOfAnEmptyCacheAllGetAWorkingFrontend()
    {
        var root = Path.Combine(Path.GetTempPath(), "vigil-cache-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var go = GoToolchain.Find();
            var bins = new string[4];
            Parallel.For(0, bins.Length, new ParallelOptions { MaxDegreeOfParallelism = bins.Length }, i => bins[i] = FrontendCache.Ensure(go, root));
            Assert.Single(bins.Distinct());
            Assert.True(File.Exists(bins[0]));
            // Nothing is left behind but the binary: no sources or partial binaries of other builds.
            var dir = Path.GetDirectoryName(bins[0])!;
            Assert.Equal(["vigil-frontend"], Directory.GetFileSystemEntries(dir).Select(p => Path.GetFileName(p)!).ToList());
        }
        finally
        {
            try { Directory.Delete(root, true); } catch (IOException) { }
        }
    }
}
