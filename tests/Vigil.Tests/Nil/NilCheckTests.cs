using Vigil.Analysis.Nil;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Nil;

public class NilCheckTests
{
    [SharedCasesFact]
    public void SharedCases() =>
        WantHarness.Check(Repo.SharedCases, ["./nil/..."], NilAnalyzer.Analyzer);

    [Fact]
    public void Suite() =>
        WantHarness.Check(Repo.Testdata, ["./nil/..."], NilAnalyzer.Analyzer);
}
