using Vigil.Loading;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Cache;

/// <summary>
/// `vigil check` with the result cache, end to end on a copy of
/// tests/testdata/facts: the cache never changes an answer — not when it
/// serves every package, not when its entries are corrupt, not when it
/// cannot be written, not when two runs share it at once, not when a
/// dependency changes.
/// </summary>
public class CacheRunTests
{
    private static readonly string[] Files = ["facts/store/store.go", "facts/server/server.go", "facts/app/main.go"];

    internal sealed class Project
    {
        public required string Dir { get; init; }
        public required string Cache { get; init; }

        public CliRunner.Result Check(string? cache = null) => CliRunner.Run(Dir, ["check", "./..."], new Dictionary<string, string?>
        {
            ["VIGIL_CACHE"] = cache ?? Cache,
            ["VIGIL_CACHE_REPORT"] = "1",
        });

        public string Reference() => Check("off").Stdout;
    }

    /// <summary>The facts project (or the given files of tests/testdata) in a temporary module, and an empty cache that shares the built front-end.</summary>
    internal static Project NewProject(IEnumerable<string>? testdataFiles = null)
    {
        var files = (testdataFiles ?? Files).ToDictionary(f => f, f => File.ReadAllText(Path.Combine(Repo.Testdata, f)));
        var dir = CliRunner.TempModule(files, module: "vigil.test");
        var cache = Path.Combine(Path.GetTempPath(), "vigil-cache-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(cache);
        var frontend = Path.GetDirectoryName(FrontendCache.Ensure(GoToolchain.Find()))!;
        Directory.CreateSymbolicLink(Path.Combine(cache, Path.GetFileName(frontend)), frontend);
        return new Project { Dir = dir, Cache = cache };
    }

    private static void Served(CliRunner.Result r, int fromCache, int analyzed) =>
        Assert.Contains($"cache: {fromCache} packages from the cache, {analyzed} analyzed", r.Stderr);

    [Fact]
    public void SecondRunIsServedFromTheCacheWithTheSameAnswer()
    {
        var p = NewProject();
        var reference = p.Reference();
        Assert.Contains("nil panic", reference);
        var first = p.Check();
        Served(first, 0, 3);
        Assert.Equal(reference, first.Stdout);
        var second = p.Check();
        Served(second, 3, 0);
        Assert.Equal(reference, second.Stdout);
        Assert.Equal(first.ExitCode, second.ExitCode);
    }

    [Fact]
    public void CorruptEntriesAreRecomputed()
    {
        var p = NewProject();
        var reference = p.Reference();
        p.Check();
        var entries = Directory.GetFiles(Path.Combine(p.Cache, "results"), "*", SearchOption.AllDirectories);
        Assert.Equal(6, entries.Length); // per package: its findings and facts, and its latest fact hash
        for (int i = 0; i < entries.Length; i++)
        {
            switch (i % 3)
            {
                case 0:
                    File.WriteAllBytes(entries[i], File.ReadAllBytes(entries[i])[..^5]); // truncated
                    break;
                case 1:
                    var flipped = File.ReadAllBytes(entries[i]);
                    flipped[^3] ^= 1; // one bit of the payload
                    File.WriteAllBytes(entries[i], flipped);
                    break;
                default:
                    File.WriteAllText(entries[i], ""); // emptied
                    break;
            }
        }
        var r = p.Check();
        Served(r, 0, 3);
        Assert.Equal(reference, r.Stdout);
        Assert.Equal(reference, p.Check().Stdout);
    }

    [Fact]
    public void AnUnwritableCacheCostsSpeedNotResults()
    {
        var p = NewProject();
        var reference = p.Reference();
        // A file where the results directory should be: every write fails, whoever runs the test (root ignores modes).
        File.WriteAllText(Path.Combine(p.Cache, "results"), "in the way");
        var r = p.Check();
        Assert.Equal(reference, r.Stdout);
        Assert.Contains("cannot be written", r.Stderr);
        Assert.Equal(1, r.ExitCode);
        Served(p.Check(), 0, 3);
    }

    [Fact]
    public async Task TwoConcurrentRunsShareTheCache()
    {
        var p = NewProject();
        var reference = p.Reference();
        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => p.Check())));
        foreach (var r in runs) Assert.Equal(reference, r.Stdout);
        var after = p.Check();
        Served(after, 3, 0);
        Assert.Equal(reference, after.Stdout);
        Assert.Empty(Directory.GetFiles(Path.Combine(p.Cache, "results"), "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void AChangedDependencyInvalidatesItsDependents()
    {
        var p = NewProject();
        p.Check();
        var store = Path.Combine(p.Dir, "facts/store/store.go");
        // Get no longer returns nil: server's nil panic must go, though server's files did not change.
        File.WriteAllText(store, File.ReadAllText(store).Replace("\treturn nil\n}", "\treturn &Conn{name: name}\n}"));
        var reference = p.Reference();
        Assert.DoesNotContain("p.Get(…) may be nil", reference);
        var r = p.Check();
        Assert.Equal(reference, r.Stdout);
        Served(r, 0, 3);
    }

    [Fact]
    public void ABodyEditThatKeepsItsFactsLeavesDependentsInTheCache()
    {
        var p = NewProject();
        Served(p.Check(), 0, 3);
        var store = Path.Combine(p.Dir, "facts/store/store.go");
        // Inside a body, on one line: Name still dereferences its receiver at the same place and returns a string.
        File.WriteAllText(store, File.ReadAllText(store).Replace("{ return c.name }", "{ return c.name + \"\" }"));
        var reference = p.Reference();
        var r = p.Check();
        Assert.Equal(reference, r.Stdout);
        Served(r, 2, 1); // server and app (which depend on store) come from the cache: early cut-off
        Assert.Contains("p.Get(…) may be nil", r.Stdout);
    }

    [Fact]
    public void AnEditThatChangesFactsAnalyzesDependentsAgain()
    {
        var p = NewProject();
        var store = Path.Combine(p.Dir, "facts/store/store.go");
        var original = File.ReadAllText(store);
        File.WriteAllText(store, original.Replace("\treturn nil\n}", "\treturn &Conn{name: name}\n}"));
        Assert.DoesNotContain("p.Get(…) may be nil", p.Check().Stdout);
        // Get returns nil again: its summary changes, so server is analyzed again and its nil panic comes back.
        File.WriteAllText(store, original);
        var r = p.Check();
        Assert.Contains("p.Get(…) may be nil", r.Stdout);
        Assert.Equal(p.Reference(), r.Stdout);
        Served(r, 0, 3);
    }

    [Fact]
    public void APackageWithExternalTestsIsLoadedAgainByThePackageUnderTest()
    {
        const string race = "n := 0\n\tdone := make(chan bool)\n\tgo func() {\n\t\tn++\n\t\tdone <- true\n\t}()\n\tn++\n\t<-done\n\tt.Log(n)\n";
        var dir = CliRunner.TempModule(new Dictionary<string, string>
        {
            ["p/p.go"] = "package p\n\nfunc F() int { return 1 }\n",
            ["p/p_test.go"] = "package p\n\nimport \"testing\"\n\nfunc TestIn(t *testing.T) {\n\t" + race + "}\n",
            ["p/x_test.go"] = "package p_test\n\nimport \"testing\"\n\nfunc TestOut(t *testing.T) {\n\t" + race + "}\n",
        });
        var p = NewProject();
        var project = new Project { Dir = dir, Cache = p.Cache };
        var reference = project.Reference();
        Assert.Contains("p_test.go:", reference);
        Assert.Contains("x_test.go:", reference);
        var first = project.Check();
        Assert.Equal(reference, first.Stdout);
        Assert.DoesNotContain("error", first.Stderr);
        // Entries lost: the run loads p again for both ("p_test" is no pattern go list knows) and gives the same answer.
        var entries = Directory.GetFiles(Path.Combine(p.Cache, "results"), "*", SearchOption.AllDirectories);
        foreach (var e in entries) File.Delete(e);
        var again = project.Check();
        Assert.Equal(reference, again.Stdout);
        Assert.DoesNotContain("error", again.Stderr);
        Served(project.Check(), 2, 0);
    }
}
