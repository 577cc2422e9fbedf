using Xunit;
using Vigil.Analysis;
using Vigil.Flow.Cfg;
using Vigil.Loading;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Flow;

/// <summary>The sanity checker on every function of every test package (Vigil's testdata and the shared acceptance cases).</summary>
public class CfgSanityTests
{
    public static List<string> CheckAll(GoProgram program)
    {
        var problems = new List<string>();
        var cache = new ProgramCache();
        foreach (var pkg in program.Packages)
        {
            var graphs = FunctionGraphs.For(cache, program, pkg);
            foreach (var f in graphs.Functions) problems.AddRange(CfgSanity.Check(graphs.Of(f)));
        }
        return problems;
    }

    [Fact]
    public void TestdataGraphsAreSound()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./..."]);
        Assert.Empty(CheckAll(program));
        Assert.Contains(program.Packages, p => p.Path == "vigil.test/flow/cfg");
    }

    [SharedCasesFact]
    public void SharedCasesGraphsAreSound()
    {
        var program = TestLoads.Load(Repo.SharedCases, ["./..."]);
        Assert.Empty(CheckAll(program));
    }
}
