using System.Text;
using Vigil.Findings;
using Vigil.Fixes;
using Vigil.Syntax;
using Xunit;

namespace Vigil.Tests.Fixes;

/// <summary>Which fixes apply together, and the unified diff of the result.</summary>
public class FixPlanTests
{
    private const string File = "/m/a.go";

    private static Finding With(int line, params TextEdit[] edits) => new()
    {
        Check = "vigil-nil",
        Location = new Location(File, line, 1, 0),
        Message = "m",
        SuggestedFixes = [new SuggestedFix("fix " + line, edits)],
    };

    private static FixPlan Plan(string text, params Finding[] findings) =>
        FixPlan.Make(findings, p => p == File ? Encoding.UTF8.GetBytes(text) : null);

    private static string After(FixPlan plan) => Encoding.UTF8.GetString(plan.Files[File].New);

    [Fact]
    public void OverlappingFixIsSkippedWhole()
    {
        var plan = Plan("0123456789",
            With(1, new TextEdit(File, 2, 4, "ab")),
            With(2, new TextEdit(File, 8, 8, "X"), new TextEdit(File, 3, 5, "cd")));
        Assert.Single(plan.Applied);
        var skipped = Assert.Single(plan.SkippedFixes);
        Assert.Equal("fix 2", skipped.Fix.Message);
        Assert.Equal("01ab456789", After(plan)); // not even its edit at 8
    }

    [Fact]
    public void IdenticalEditsAreOneAndInsertionsAtOnePlaceConflict()
    {
        var import = new TextEdit(File, 0, 0, "I");
        var plan = Plan("abc",
            With(1, import, new TextEdit(File, 1, 1, "x")),
            With(2, import, new TextEdit(File, 2, 2, "y")),
            With(3, new TextEdit(File, 2, 2, "z")));
        Assert.Equal(2, plan.Applied.Count);
        Assert.Single(plan.SkippedFixes);
        Assert.Equal("Iaxbyc", After(plan));
    }

    [Fact]
    public void EditsOutsideTheFileOrUnreadableFilesAreSkipped()
    {
        var plan = FixPlan.Make([With(1, new TextEdit(File, 2, 99, "")), With(2, new TextEdit("/m/gone.go", 0, 0, "x"))],
            p => p == File ? "abc"u8.ToArray() : null);
        Assert.Empty(plan.Applied);
        Assert.Equal(2, plan.SkippedFixes.Count);
        Assert.Empty(plan.Files);
    }

    [Fact]
    public void DiffHasAHunkPerDistantChange()
    {
        var old = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
        var now = old.Replace("line 2\n", "line 2\nnew A\n").Replace("line 18\n", "");
        var diff = UnifiedDiff.Of("p/a.go", Encoding.UTF8.GetBytes(old), Encoding.UTF8.GetBytes(now));
        Assert.Equal("""
            --- a/p/a.go
            +++ b/p/a.go
            @@ -1,5 +1,6 @@
             line 1
             line 2
            +new A
             line 3
             line 4
             line 5
            @@ -15,6 +16,5 @@
             line 15
             line 16
             line 17
            -line 18
             line 19
             line 20

            """.Replace("\r\n", "\n"), diff);
    }

    [Fact]
    public void DiffMarksALastLineWithoutNewline()
    {
        var diff = UnifiedDiff.Of("a.go", "x\ny"u8.ToArray(), "x\nz"u8.ToArray());
        Assert.Equal("--- a/a.go\n+++ b/a.go\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file\n", diff);
        Assert.Equal("", UnifiedDiff.Of("a.go", "same\n"u8.ToArray(), "same\n"u8.ToArray()));
    }

    [Fact]
    public void DiffBeyondTheDistanceBudgetIsOneHunk()
    {
        int n = UnifiedDiff.MaxDistance;
        var old = string.Concat(Enumerable.Range(0, n).Select(i => $"a{i}\n"));
        var now = string.Concat(Enumerable.Range(0, n).Select(i => $"b{i}\n"));
        var lines = UnifiedDiff.Of("a.go", Encoding.UTF8.GetBytes("same\n" + old), Encoding.UTF8.GetBytes("same\n" + now)).Split('\n');
        Assert.Equal($"@@ -1,{n + 1} +1,{n + 1} @@", lines[2]);
        Assert.Equal(n, lines.Count(l => l.StartsWith('-') && !l.StartsWith("---")));
        Assert.Equal(n, lines.Count(l => l.StartsWith('+') && !l.StartsWith("+++")));
    }
}
