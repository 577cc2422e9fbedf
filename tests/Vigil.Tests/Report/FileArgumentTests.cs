using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Report;

/// <summary>
/// `vigil check a/x.go b/y.go` (pre-commit passes changed files so): files
/// from several directories are analyzed with the rest of their packages, and
/// only their own findings are reported.
/// </summary>
public class FileArgumentTests
{
    private static List<string> Findings(CliResult r) =>
        r.Stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('\t')).ToList();

    [Fact]
    public void FilesFromSeveralDirectoriesReportTheirOwnFindings()
    {
        var r = CliRunner.Run(Repo.Testdata, "check", "report/formats/formats_test.go", "./report/directives/directives.go");
        Assert.True(r.Exit == 1, r.ToString());
        var found = Findings(r);
        Assert.Contains(found, l => l.StartsWith("./report/formats/formats_test.go:", StringComparison.Ordinal));
        Assert.Contains(found, l => l.StartsWith("./report/directives/directives.go:", StringComparison.Ordinal));
        // formats.go has findings of its own (see FormatTests); it was not named.
        Assert.DoesNotContain(found, l => l.StartsWith("./report/formats/formats.go:", StringComparison.Ordinal));
        Assert.Equal(found.Count, found.Count(l => l.Contains("formats_test.go:") || l.Contains("directives.go:")));
    }

    [Fact]
    public void ANamedFileIsReportedAsInAPackageRun()
    {
        var whole = Findings(CliRunner.Run(Repo.Testdata, "check", "./report/formats"))
            .Where(l => l.StartsWith("./report/formats/formats.go:", StringComparison.Ordinal)).ToList();
        var named = Findings(CliRunner.Run(Repo.Testdata, "check", "report/formats/formats.go"));
        Assert.NotEmpty(whole);
        Assert.Equal(whole, named);
    }

    [Fact]
    public void FilesAndPackagesTogetherOrAMissingFileAreUsageErrors()
    {
        var mixed = CliRunner.Run(Repo.Testdata, "check", "./report/formats", "report/directives/directives.go");
        Assert.Equal(2, mixed.Exit);
        Assert.Contains("name either packages or .go files, not both", mixed.Stderr);
        var missing = CliRunner.Run(Repo.Testdata, "check", "report/nope/x.go");
        Assert.Equal(2, missing.Exit);
        Assert.Contains("no file report/nope/x.go", missing.Stderr);
    }
}
