using Vigil.Analysis.Escape;
using Vigil.Loading;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Escape;

/// <summary>The compile started before loading: its guess of the packages, its use, and that it changes no finding.</summary>
public class EarlyCompileTests
{
    [Fact]
    public void StartedBeforeLoadingServesTheCheckWithTheSameFindings()
    {
        // Patterns no other test loads, so no other test's model takes this compile. The early compile
        // guesses use, lib (use imports it), withtests (with its tests) and hot; deep, which only lib
        // imports, is compiled after loading.
        var options = new LoadOptions
        {
            Patterns = ["./escape/crosspkg/use", "./escape/withtests", "./escape/cmd/hot", "./escape/crosspkg/lib", "./escape/crosspkg/deep"],
            WorkingDirectory = Repo.Testdata,
        };
        EarlyCompile.Start(options);
        var program = Loader.Load(options);
        WantHarness.Check(program, EscapeCheck.Analyzer);
        Assert.True(EarlyCompile.WasServed(options), "the model compiled again instead of taking the early compile");
    }

    [Fact]
    public void NotStartedMeansNothingToTake()
    {
        var options = new LoadOptions { Patterns = ["./nothing/started"], WorkingDirectory = Repo.Testdata };
        Assert.Null(EarlyCompile.Take(options, new CompilePlan([("/m", "p")], tests: false)));
    }

    [Fact]
    public void GuessTakesAnnotatedPackagesAndTheLoadedPackagesTheyImport()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-early-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "go.mod"), "module m\n");
            string F(string name, string text) { var f = Path.Combine(dir, name); File.WriteAllText(f, text); return f; }
            var hot = F("hot.go", "package hot\n\n// +checkescape\nfunc F() {}\n");
            var plain = F("plain.go", "package plain\n");
            var testOnly = F("t_test.go", "package t\n\nfunc g() { _ = 1 } // escapes: fixture\n");
            var listed = new List<ListedPackage>
            {
                new("m/hot", dir, [hot], [], ["fmt", "m/lib"], []),
                new("m/lib", dir, [plain], [], [], []),
                new("m/other", dir, [plain], [], [], []),
                new("m/t", dir, [plain], [testOnly], [], ["m/other"]),
            };
            var withTests = EarlyCompile.Guess(listed, withTests: true);
            Assert.True(withTests.Tests);
            Assert.Equal(["m/hot", "m/lib", "m/other", "m/t"], withTests.Paths);
            var noTests = EarlyCompile.Guess(listed, withTests: false);
            Assert.False(noTests.Tests);
            Assert.Equal(["m/hot", "m/lib"], noTests.Paths);
            Assert.True(EarlyCompile.Guess([listed[1], listed[2]], withTests: true).IsEmpty);
            // vigil escapes: every package with Go files, annotated or not.
            var testsOnly = new ListedPackage("m/only", dir, [], [testOnly], [], []);
            Assert.Equal(["m/hot", "m/lib", "m/other", "m/t"], EarlyCompile.Guess([.. listed, testsOnly], withTests: false, allPackages: true).Paths);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void PlanCoversSubsetsWithinTheSameModuleAndTestsSetting()
    {
        var big = new CompilePlan([("/m", "m/a"), ("/m", "m/b"), ("/n", "n/c")], tests: false);
        Assert.True(big.Covers(new CompilePlan([("/m", "m/b"), ("/n", "n/c")], tests: false)));
        Assert.False(big.Covers(new CompilePlan([("/m", "m/b")], tests: true)));
        Assert.False(big.Covers(new CompilePlan([("/n", "m/a")], tests: false)));
        Assert.False(big.Covers(new CompilePlan([("/m", "m/d")], tests: false)));
        Assert.True(new CompilePlan([("/m", "m/a")], tests: true).Covers(new CompilePlan([("/m", "m/a")], tests: false)));
    }

    [Fact]
    public void WithoutLeavesWhatAnEarlierCompileMissed()
    {
        var needed = new CompilePlan([("/m", "m/a"), ("/m", "m/b"), ("/n", "n/c")], tests: false);
        var done = new CompilePlan([("/m", "m/a"), ("/m", "m/x")], tests: false);
        Assert.Equal(["m/b", "n/c"], needed.Without(done).Paths);
        Assert.True(needed.Without(needed).IsEmpty);
        var neededTests = new CompilePlan([("/m", "m/a")], tests: true);
        Assert.Equal(["m/a"], neededTests.Without(done).Paths); // compiled without its tests: still missing
        Assert.True(neededTests.Without(new CompilePlan([("/m", "m/a")], tests: true)).IsEmpty);
    }

    [Fact]
    public void RestrictKeepsWhatACompileOfThePlanAloneGives()
    {
        var output = new CompilerOutput();
        foreach (var header in new[] { "m/a", "m/a [m/a.test]", "m/a_test [m/a.test]", "m/a.test", "m/b", "m/dep [m/a.test]" })
            output.Functions.Add(new CompiledFunction(header + ".F", header, noSplit: false));
        output.Escapes.Add(new EscapeRecord("m/a", new SourcePos("/m/a/a.go", 3, 1), [], "x escapes to heap", []));
        output.Escapes.Add(new EscapeRecord("m/a", new SourcePos("/m/a/a_test.go", 3, 1), [], "y escapes to heap", []));
        output.Escapes.Add(new EscapeRecord("m/a_test", new SourcePos("/m/a/x_test.go", 3, 1), [], "z escapes to heap", []));
        output.Escapes.Add(new EscapeRecord("m/b", new SourcePos("/m/b/b.go", 3, 1), [], "w escapes to heap", []));
        output.Escapes.Add(new EscapeRecord("main", new SourcePos("/m/cmd/main.go", 3, 1), [], "v escapes to heap", [])); // a command logs as "main"

        var plain = new CompilePlan([("/m", "m/a")], tests: false).Restrict(output);
        Assert.Equal(["m/a.F"], plain.Functions.Select(f => f.Symbol));
        Assert.Equal(["x escapes to heap", "v escapes to heap"], plain.Escapes.Select(r => r.Message));

        var tests = new CompilePlan([("/m", "m/a")], tests: true).Restrict(output);
        Assert.Equal(["m/a.F", "m/a [m/a.test].F", "m/a_test [m/a.test].F"], tests.Functions.Select(f => f.Symbol));
        Assert.Equal(["x escapes to heap", "y escapes to heap", "z escapes to heap", "v escapes to heap"], tests.Escapes.Select(r => r.Message));
    }

    [Fact]
    public void ListingParsesGoListsStream()
    {
        var json = """
            {"ImportPath": "fmt", "Dir": "/go/src/fmt", "GoFiles": ["print.go"], "DepOnly": true}
            {"ImportPath": "m/a", "Dir": "/m/a", "GoFiles": ["a.go"], "CgoFiles": ["c.go"], "TestGoFiles": ["a_test.go"], "XTestGoFiles": ["x_test.go"], "Imports": ["fmt", "m/b"], "TestImports": ["testing"], "XTestImports": ["m/a"]}
            {"ImportPath": "m/b", "Dir": "/m/b", "Stale": true}
            """u8.ToArray();
        var listing = PackageListing.Parse(json);
        Assert.True(listing.DependenciesCached); // m/b is stale, but it is matched: compiled anyway
        var listed = listing.Packages;
        Assert.Equal(["m/a", "m/b"], listed.Select(p => p.ImportPath));
        Assert.Equal([Path.Combine("/m/a", "a.go"), Path.Combine("/m/a", "c.go")], listed[0].Files);
        Assert.Equal([Path.Combine("/m/a", "a_test.go"), Path.Combine("/m/a", "x_test.go")], listed[0].TestFiles);
        Assert.Equal(["fmt", "m/b"], listed[0].Imports);
        Assert.Equal(["testing", "m/a"], listed[0].TestImports);
        Assert.Empty(listed[1].Files);
    }

    [Fact]
    public void AStaleDependencyMeansAColdBuildCache()
    {
        var json = """
            {"ImportPath": "fmt", "Dir": "/go/src/fmt", "DepOnly": true, "Stale": true}
            {"ImportPath": "m/a", "Dir": "/m/a"}
            """u8.ToArray();
        Assert.False(PackageListing.Parse(json).DependenciesCached);
    }
}

/// <summary>`vigil check` starts the escape compile before loading and the check takes it.</summary>
public class EarlyCompileCliTests
{
    [Fact]
    public void CheckCommandStartsTheCompileTheCheckTakes()
    {
        // A pattern no other test uses (the key of a started compile is the load's options).
        // Without the result cache: a warm one would serve the package and compile nothing.
        var result = Vigil.Tests.Report.CliRunner.Run(Repo.Testdata, [EscapeCheck.Analyzer], "check", "--cache=false", "./escape/gvisor/");
        Assert.Equal(1, result.Exit);
        Assert.Contains("gvisor.go:26:9: heap: &Big{...} escapes to heap (vigil-escape)", result.Stdout);
        Assert.True(EarlyCompile.WasServed(new LoadOptions { Patterns = ["./escape/gvisor/"], WorkingDirectory = Repo.Testdata }), result.ToString());
    }
}
