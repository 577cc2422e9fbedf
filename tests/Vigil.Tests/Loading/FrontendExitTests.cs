using Vigil.Loading;

namespace Vigil.Tests.Loading;

/// <summary>How a failed front-end run is told to the user: the signal by name, and its stderr (the cause) quoted.</summary>
public class FrontendExitTests
{
    [Fact]
    public void SignalIsNamed()
    {
        if (OperatingSystem.IsWindows()) return; // exit statuses carry no signal there
        var kill = FrontendExit.Describe(128 + 9, streamCut: false, []);
        Assert.StartsWith("the front-end was killed by signal 9 (SIGKILL)", kill);
        Assert.Contains("out-of-memory", kill);
        Assert.StartsWith("the front-end was killed by signal 11 (SIGSEGV) in the middle of its output", FrontendExit.Describe(128 + 11, streamCut: true, []));
    }

    [Fact]
    public void CutStreamQuotesStderr()
    {
        var msg = FrontendExit.Describe(2, streamCut: true, ["fatal error: all goroutines are asleep - deadlock!", "", "goroutine 1 [chan receive]:"]);
        Assert.Equal("the front-end failed (exit 2) in the middle of its output: fatal error: all goroutines are asleep - deadlock!\ngoroutine 1 [chan receive]:", msg);
    }

    [Fact]
    public void LongStderrIsCutToItsStart()
    {
        var lines = Enumerable.Range(0, 1417).Select(i => $"line {i}").ToList();
        var msg = FrontendExit.Describe(2, streamCut: false, lines);
        Assert.Contains("line 0\n", msg);
        Assert.Contains("line 59\n", msg);
        Assert.DoesNotContain("line 60\n", msg);
        Assert.EndsWith("... (1357 more lines)", msg);
    }

    [Fact]
    public void CleanExitWithoutTheEndRecordIsStillAFailure()
    {
        Assert.Equal("the front-end ended without finishing its output", FrontendExit.Describe(0, streamCut: false, []));
    }
}
