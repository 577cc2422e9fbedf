using Vigil.Analysis;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Flow;

/// <summary>
/// Hosts other than the vigil command (a library user, a test runner) may call the
/// analysis from a thread with a small stack (issue 15, item 3): Driver.Run moves to a
/// thread of its own with a big stack (BigStack), and the recursive walks check the stack
/// that is left (RuntimeHelpers.EnsureSufficientExecutionStack), so deep code never
/// overflows it: at worst a package gets a clear tool error, never the process.
/// </summary>
public class SmallStackTests
{
    [Fact]
    public void DeepCodeOnASmallStackIsAPackageErrorNotACrash()
    {
        var dir = Pathological.Generate(1, "deepif", "deepleft");
        var program = TestLoads.Load(dir, ["./..."], tests: false);
        AnalysisResult? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = Driver.Run(program, Registry.Checks, jobs: 1); }
            catch (Exception e) { failure = e; }
        }, 256 * 1024); // 10,000 levels of if need far more than 256 KiB
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        Assert.True(result!.Findings.Any(f => f.Location.Path.EndsWith("normal/normal.go", StringComparison.Ordinal)), string.Join("\n", result.Errors));
        Assert.Contains(result!.Findings, f => f.Location.Path.EndsWith("normal/normal.go", StringComparison.Ordinal) && f.Location.Line == 7);
        Assert.Empty(result.Errors); // the deep packages were analyzed too
    }
}
