using Vigil.Analysis.Race;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Race;

/// <summary>The race check against the shared acceptance cases and Vigil's own race testdata suite.</summary>
public class RaceCasesTests
{
    [SharedCasesFact]
    public void SharedCases() =>
        WantHarness.Check(Repo.SharedCases, ["./race/..."], RaceAnalyzer.Analyzer);

    [Theory]
    [InlineData("capture")]
    [InlineData("locks")]
    [InlineData("hb")]
    [InlineData("entry")]
    [InlineData("interproc")]
    [InlineData("elements")]
    [InlineData("variants")]
    [InlineData("patterns")]
    [InlineData("misc")]
    [InlineData("sync2")]
    [InlineData("handoff")]
    [InlineData("idioms")]
    [InlineData("flow")]
    [InlineData("locked")]
    [InlineData("guarded")]
    [InlineData("outliving")]
    [InlineData("library")]
    [InlineData("order")]
    [InlineData("forms")]
    [InlineData("precision")]
    [InlineData("shards")]
    [InlineData("globals")]
    [InlineData("recall")]
    public void Suite(string theme) =>
        WantHarness.Check(Repo.Testdata, ["./race/" + theme + "/..."], RaceAnalyzer.Analyzer);

    /// <summary>A module of its own with golang.org/x/sync/errgroup vendored: a dependency without source for the analysis.</summary>
    [Fact]
    public void ErrgroupFromADependency() =>
        WantHarness.Check(Path.Combine(Repo.Testdata, "race", "errgroup"), ["./..."], RaceAnalyzer.Analyzer);
}
