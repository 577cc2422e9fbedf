using Vigil.Analysis;
using Vigil.Config;
using Vigil.Filtering;
using Vigil.Findings;
using Vigil.Loading;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Report;

/// <summary>Loads testdata once, runs the test checks, and applies the filters in-process.</summary>
public static class Pipeline
{
    public static (GoProgram Program, FilterResult Result) Run(string pattern, VigilConfig? config = null)
    {
        var program = TestLoads.Load(Repo.Testdata, [pattern]);
        var found = Driver.Run(program, TestChecks.All);
        Xunit.Assert.Empty(found.Errors);
        var known = TestChecks.All.Select(a => a.CheckId).Append(Suppressions.DirectiveCheck).ToHashSet();
        var filter = new FindingFilter
        {
            Config = config ?? VigilConfig.Default,
            Sources = new SourceFiles(program),
            Paths = new RepoPaths(Repo.Testdata),
            KnownChecks = known,
            EnabledChecks = known,
        };
        return (program, filter.Apply(found.Findings));
    }
}
