using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Fixes;

/// <summary>`vigil check --diff` and `--fix` end to end, on a copy of the fixes testdata.</summary>
public class FixCliTests
{
    private static readonly string[] Args = ["check", "--cache=false", "--checks", "nil,race"];

    [Fact]
    public void DiffAppliesWithGitThenFixRewritesTheFiles()
    {
        using var copy = new FixCopy("fixes/nilfix", "fixes/racefix", "fixes/nofix");
        var before = File.ReadAllText(Path.Combine(copy.Dir, "fixes/racefix/racefix.go"));

        var diff = CliRunner.Run(copy.Dir, [.. Args, "--diff", "./..."]);
        Assert.True(diff.ExitCode == 1, diff.ToString()); // findings remain findings
        Assert.StartsWith("--- a/fixes/", diff.Stdout);
        Assert.DoesNotContain("vigil-nil", diff.Stdout); // the diff replaces the findings on stdout
        Assert.Equal(before, File.ReadAllText(Path.Combine(copy.Dir, "fixes/racefix/racefix.go")));
        File.WriteAllText(Path.Combine(copy.Dir, "fixes.diff"), diff.Stdout);
        var (exit, output) = copy.Run("git", "apply", "--check", "-v", "fixes.diff");
        Assert.True(exit == 0, "git apply --check rejected the diff:\n" + output + "\n" + diff.Stdout);
        File.Delete(Path.Combine(copy.Dir, "fixes.diff"));

        var fix = CliRunner.Run(copy.Dir, [.. Args, "--fix", "./..."]);
        Assert.Matches(@"vigil: applied 1[0-9] fixes in 4 files\n", fix.Stderr);
        // What is left is what has no fix: the nofix package's six findings.
        Assert.Equal(6, fix.Stdout.Split('\n').Count(l => l.StartsWith("./fixes/nofix/", StringComparison.Ordinal) && l.Contains("(vigil-")));
        Assert.DoesNotContain("./fixes/nilfix/", fix.Stdout);
        Assert.Equal(1, fix.ExitCode);
        var build = copy.GoBuild();
        Assert.True(build.Exit == 0, build.Output);

        var again = CliRunner.Run(copy.Dir, [.. Args, "./..."]);
        Assert.DoesNotContain("./fixes/nilfix/", again.Stdout);
        Assert.DoesNotContain("./fixes/racefix/", again.Stdout);
    }

    [Fact]
    public void DiffAndFixAreExclusiveAndDiffOwnsStdout()
    {
        var both = CliRunner.Run(Repo.Testdata, [.. Args, "--fix", "--diff", "./fixes/nofix"]);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("not both", both.Stderr);
        var stdoutFormat = CliRunner.Run(Repo.Testdata, [.. Args, "--diff", "--format", "json", "./fixes/nofix"]);
        Assert.Equal(2, stdoutFormat.ExitCode);
        Assert.Contains("--diff prints the diff on stdout", stdoutFormat.Stderr);
    }
}
