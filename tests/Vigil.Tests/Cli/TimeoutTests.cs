using Vigil.Cli;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Cli;

/// <summary>`vigil check --timeout`: Go durations, and a run stopped with a reason and exit status 2.</summary>
public class TimeoutTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("250ms", 250)]
    [InlineData("0", 0)]
    public void DurationsAreReadAsGoWritesThem(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RunTimeout.Parse(text));

    [Theory]
    [InlineData("5")]
    [InlineData("abc")]
    [InlineData("5 m")]
    [InlineData("-1s")]
    public void OtherTextIsRefused(string text) =>
        Assert.Contains("not a duration", Assert.Throws<UsageException>(() => RunTimeout.Parse(text)).Message);

    [Fact]
    public void ARunPastItsTimeoutStopsWithAReason()
    {
        var dir = CliRunner.TempModule(new Dictionary<string, string> { ["a/a.go"] = "package a\n\nfunc F() int { return 1 }\n" });
        // No load finishes within a nanosecond: the limit is always reached first.
        var r = CliRunner.Run(dir, ["check", "--timeout", "1ns", "./..."]);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("took longer than --timeout 1ns", r.Stderr);
        Assert.Equal("", r.Stdout);

        var bad = CliRunner.Run(dir, ["check", "--timeout", "soon", "./..."]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--timeout soon: not a duration", bad.Stderr);
    }
}
