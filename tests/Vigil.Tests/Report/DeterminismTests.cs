using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Report;

/// <summary>The same input gives byte-identical output across runs and across --jobs values, in every format.</summary>
public class DeterminismTests
{
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("checkstyle")]
    [InlineData("github")]
    [InlineData("rdjson")]
    [InlineData("html")]
    public void SameOutputAcrossRunsAndJobs(string format)
    {
        string Run(string jobs) => CliRunner.Run(Repo.Testdata, "check", "--format", format, "--jobs", jobs, "./report/...").Stdout;
        var first = Run("1");
        Assert.NotEmpty(first);
        Assert.Equal(first, Run("1"));
        Assert.Equal(first, Run("2"));
        Assert.Equal(first, Run("8"));
    }
}

public class FilterOrderTests
{
    /// <summary>Findings equal in position, check and message but not in trace or package come out in one order, whatever the input order.</summary>
    [Fact]
    public void OrderIsTotal()
    {
        Vigil.Findings.Finding Make(string pkg, string step) => new()
        {
            Check = "vigil-x",
            Location = new Vigil.Syntax.Location("/m/a.go", 3, 1, 20),
            Message = "m",
            Package = pkg,
            Related = [new(new Vigil.Syntax.Location("/m/b.go", 1, 1, 0), step)],
        };
        var findings = new[] { Make("p [p.test]", "two"), Make("p", "one"), Make("p", "two"), Make("p [p.test]", "one") };
        var filter = new Vigil.Filtering.FindingFilter
        {
            Config = Vigil.Config.VigilConfig.Default,
            Sources = new Vigil.Findings.SourceFiles(null),
            Paths = new Vigil.Findings.RepoPaths("/m"),
            KnownChecks = new HashSet<string> { "vigil-x" },
            EnabledChecks = new HashSet<string> { "vigil-x" },
        };
        var expected = filter.Apply(findings).Reported;
        Assert.Equal([("p", "one"), ("p", "two")], expected.Select(f => (f.Package, f.Related[0].Message)));
        foreach (var permutation in new[] { new[] { 3, 2, 1, 0 }, new[] { 1, 3, 0, 2 }, new[] { 2, 0, 3, 1 } })
            Assert.Equal(expected, filter.Apply(permutation.Select(i => findings[i]).ToList()).Reported);
    }
}
