using Vigil.Analysis.Escape;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Escape;

/// <summary>The escape check on want-marked Go packages: the shared acceptance case and Vigil's own suite.</summary>
public class EscapeCasesTests
{
    [SharedCasesFact]
    public void SharedHotpathCase() =>
        WantHarness.Check(Repo.SharedCases, ["./escape/..."], EscapeCheck.Analyzer);

    [Theory]
    [InlineData("grammar")]
    [InlineData("reasons")]
    [InlineData("callee")]
    [InlineData("crosspkg/...")]
    [InlineData("generics")]
    [InlineData("closures")]
    [InlineData("builtins")]
    [InlineData("exempt")]
    [InlineData("inline")]
    [InlineData("samename/...")]
    [InlineData("mustescape")]
    [InlineData("oneline")]
    [InlineData("more")]
    [InlineData("asm")]
    [InlineData("withtests")]
    [InlineData("gvisor")]
    public void Suite(string package) =>
        WantHarness.Check(Repo.Testdata, ["./escape/" + package], EscapeCheck.Analyzer);

    [Fact]
    public void MainPackageLeavesNoBinary()
    {
        WantHarness.Check(Repo.Testdata, ["./escape/cmd/hot"], EscapeCheck.Analyzer);
        Assert.False(File.Exists(Path.Combine(Repo.Testdata, "hot")), "go build wrote the command's binary into the module");
    }
}
