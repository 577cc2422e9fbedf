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
