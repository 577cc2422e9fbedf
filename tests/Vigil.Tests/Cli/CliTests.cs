using System.Text.Json;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Cli;

public class CliTests
{
    [Fact]
    public void HelpDescribesEveryCommand()
    {
        var r = CliRunner.Run(Repo.Root, ["--help"]);
        Assert.Equal(0, r.ExitCode);
        foreach (var cmd in new[] { "check", "dump", "version" }) Assert.Contains(cmd, r.Stdout);
        var check = CliRunner.Run(Repo.Root, ["check", "--help"]);
        foreach (var flag in new[] { "--checks", "--format", "--tags", "--tests", "--jobs" }) Assert.Contains(flag, check.Stdout);
    }

    [Fact]
    public void VersionNamesGo()
    {
        var r = CliRunner.Run(Repo.Root, ["version"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"go go1\.\d+", r.Stdout);
    }

    [Fact]
    public void CheckNoneOnACleanModuleExitsZero()
    {
        var dir = CliRunner.TempModule(new Dictionary<string, string> { ["a/a.go"] = "package a\n\nfunc F() int { return 1 }\n" });
        var r = CliRunner.Run(dir, ["check", "--checks", "none", "--format", "json", "./..."]);
        Assert.True(r.ExitCode == 0, r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Fact]
    public void TestFilesAreLoadedUnlessTestsIsFalse()
    {
        var dir = CliRunner.TempModule(new Dictionary<string, string>
        {
            ["a/a.go"] = "package a\n\nfunc F() int { return 1 }\n",
            ["a/a_test.go"] = "package a\n\nimport \"testing\"\n\nfunc TestF(t *testing.T) { _ = F() }\n",
        });
        Assert.Contains("TestF def func", CliRunner.Run(dir, ["dump", "types", "./a"]).Stdout);
        Assert.DoesNotContain("TestF", CliRunner.Run(dir, ["dump", "types", "--tests=false", "./a"]).Stdout);
    }

    [Fact]
    public void TagsReachGoList()
    {
        var dir = CliRunner.TempModule(new Dictionary<string, string>
        {
            ["a/a.go"] = "package a\n",
            ["a/extra.go"] = "//go:build extra\n\npackage a\n\nfunc Extra() {}\n",
        });
        Assert.DoesNotContain("Extra", CliRunner.Run(dir, ["dump", "types", "./a"]).Stdout);
        Assert.Contains("Extra def func", CliRunner.Run(dir, ["dump", "types", "--tags", "extra", "./a"]).Stdout);
    }

    [Fact]
    public void DumpSyntaxOfOneFunction()
    {
        var r = CliRunner.Run(Repo.Testdata, ["dump", "syntax", "./race/guarded", "Counter.Inc"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("FuncDecl guarded.go:19:1", r.Stdout);
        Assert.Contains("IncDecStmt", r.Stdout);
        Assert.DoesNotContain("Peek", r.Stdout);
    }
}
