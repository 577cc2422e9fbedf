using Vigil.Loading;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Cli;

/// <summary>
/// Inputs go build accepts but that are extreme in one dimension (issue 15, items 3 and 10):
/// each run ends with a result or a clear error for that package, never a crash, and the
/// package "normal" beside it still gets its finding. The bench (bench/patho/run.sh) runs
/// the same shapes full size and prints time and memory.
/// </summary>
public class PathologicalInputTests
{
    private static void NoCrash(CliRunner.Result r)
    {
        Assert.DoesNotContain("Stack overflow", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.DoesNotContain("Exception", r.Stderr);
    }

    /// <summary>10,000 levels of each kind of nesting overflowed the stack before (exit 134, every result lost).</summary>
    [Fact]
    public void TenThousandDeepNestingOfEachKindIsAnalyzed()
    {
        var dir = Pathological.Generate(1, "deepbinary", "deepleft", "deepif", "deepblock", "deepparen", "deepcall", "deeplit", "deeptype", "elsechain");
        var r = CliRunner.Run(dir, ["check", "./..."]);
        NoCrash(r);
        Assert.True(r.ExitCode == 1, r.ToString()); // findings, and no package failed
        Assert.Contains(Pathological.NormalFinding, r.Stdout);
    }

    /// <summary>Nested function literals are analyzed each on its own: 10,000 of them cost minutes, 500 a moment.</summary>
    [Fact]
    public void DeeplyNestedFunctionLiteralsAreAnalyzed()
    {
        var dir = Pathological.Generate(0.05, "deepfunclit");
        var r = CliRunner.Run(dir, ["check", "./..."]);
        NoCrash(r);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains(Pathological.NormalFinding, r.Stdout);
    }

    /// <summary>Past the decoder's depth budget, the package is a load error that says so; the others are analyzed.</summary>
    [Fact]
    public void NestingPastTheBudgetIsAPackageErrorAndOtherPackagesAreReported()
    {
        double scale = (SyntaxDecoder.MaxSyntaxDepth + 10) / 10_000.0; // deepleft has 10,000 terms at scale 1
        var dir = Pathological.Generate(scale, "deepleft");
        var r = CliRunner.Run(dir, ["check", "./..."]);
        NoCrash(r);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains($"deepleft/deepleft.go:4:9: syntax nested more than {SyntaxDecoder.MaxSyntaxDepth} levels deep", r.Stderr);
        Assert.Contains("(limit error in example.com/patho/deepleft)", r.Stderr);
        Assert.Contains(Pathological.NormalFinding, r.Stdout);
    }

    /// <summary>Every shape of the bench, small: long function, big switch and literal, call chain, cycle, go statements, generics.</summary>
    [Fact]
    public void EveryBenchShapeSmallGivesAResult()
    {
        var dir = Pathological.Generate(0.02);
        var r = CliRunner.Run(dir, ["check", "./..."]);
        NoCrash(r);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains(Pathological.NormalFinding, r.Stdout);
    }
}
