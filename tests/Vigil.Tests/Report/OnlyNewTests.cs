using Xunit;

namespace Vigil.Tests.Report;

/// <summary>--new-from-rev, --new-from-merge-base, --new-from-patch and --new-scope on real git repositories.</summary>
public class OnlyNewTests
{
    private const string Decl = "package r\n\nfunc bad(args ...any) {}\n";

    private static TempModule WithOldFinding()
    {
        var m = new TempModule();
        m.Write("decl.go", Decl).Write("old.go", "package r\n\nfunc Old() {\n\tbad()\n}\n");
        m.Commit("old code with a finding");
        return m;
    }

    private static string[] FindingLines(CliResult r) =>
        r.Stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('\t')).ToArray();

    [Fact]
    public void NewFromRevReportsOnlyAddedLines()
    {
        using var m = WithOldFinding();
        m.Write("new.go", "package r\n\nfunc New() {\n\tbad()\n}\n");
        m.Commit("new finding");
        Assert.Equal(2, FindingLines(m.Check()).Length);

        var r = m.Check("--new-from-rev", "HEAD~1");
        Assert.True(r.Exit == 1, r.ToString());
        Assert.Equal(["./new.go:4:2: call to bad (vigil-bad)"], FindingLines(r));

        // Uncommitted edits and untracked files are changes too.
        m.Write("old.go", "package r\n\nfunc Old() {\n\tbad()\n\tbad(1)\n}\n");
        m.Write("untracked.go", "package r\n\nfunc U() { bad() }\n");
        r = m.Check("--new-from-rev", "HEAD");
        Assert.Equal(["./old.go:5:2: call to bad (vigil-bad)", "./untracked.go:3:12: call to bad (vigil-bad)"], FindingLines(r));

        // Every format gets the same filtered findings.
        var json = m.Check("--new-from-rev", "HEAD", "--format", "json");
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(json.Stdout, "\"posn\": \"[^\"]*(old|untracked)\\.go:\\d+:\\d+\",\\s*\"end\"").Count);
        Assert.DoesNotContain("new.go", json.Stdout);
    }

    [Fact]
    public void NothingNewExitsZero()
    {
        using var m = WithOldFinding();
        var r = m.Check("--new-from-rev", "HEAD");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void MissingRevisionIsAClearError()
    {
        using var m = WithOldFinding();
        var r = m.Check("--new-from-rev", "v9.9.9");
        Assert.Equal(2, r.Exit);
        Assert.Contains("no revision \"v9.9.9\"", r.Stderr);
        Assert.Equal("", r.Stdout);

        r = m.Check("--new-from-merge-base", "no-such-branch");
        Assert.Equal(2, r.Exit);
        Assert.Contains("no merge base of \"no-such-branch\"", r.Stderr);
    }

    [Fact]
    public void OutsideGitIsAClearError()
    {
        using var m = new TempModule(git: false);
        m.Write("decl.go", Decl);
        var r = m.Check("--new-from-rev", "HEAD");
        Assert.Equal(2, r.Exit);
        Assert.Contains("--new-from-rev", r.Stderr);
    }

    [Fact]
    public void NewFromMergeBaseComparesWithTheForkPoint()
    {
        using var m = WithOldFinding();
        m.Git("checkout", "-q", "-b", "feature");
        m.Write("feature.go", "package r\n\nfunc Feature() {\n\tbad()\n}\n");
        m.Commit("feature work");
        m.Write("more.go", "package r\n\nfunc More() {\n\tbad()\n}\n");
        m.Commit("more feature work");
        // main moves on after the fork: its new commits do not count for the feature branch.
        m.Git("checkout", "-q", "main");
        m.Write("mainline.go", "package r\n\nfunc Mainline() {}\n");
        m.Commit("main moves on");
        m.Git("checkout", "-q", "feature");

        var r = m.Check("--new-from-merge-base", "main");
        Assert.True(r.Exit == 1, r.ToString());
        Assert.Equal(["./feature.go:4:2: call to bad (vigil-bad)", "./more.go:4:2: call to bad (vigil-bad)"], FindingLines(r));
    }

    [Fact]
    public void NewFromPatchReadsAUnifiedDiff()
    {
        using var m = WithOldFinding();
        m.Write("old.go", "package r\n\nfunc Old() {\n\tbad()\n}\n\nfunc Added() {\n\tbad(2)\n}\n");
        m.Commit("add a function");
        File.WriteAllText(Path.Combine(m.Dir, "..", Path.GetFileName(m.Dir) + ".diff"), m.Git("diff", "HEAD~1", "HEAD"));
        var patch = Path.Combine(m.Dir, "..", Path.GetFileName(m.Dir) + ".diff");
        try
        {
            var r = m.Check("--new-from-patch", patch);
            Assert.True(r.Exit == 1, r.ToString());
            Assert.Equal(["./old.go:8:2: call to bad (vigil-bad)"], FindingLines(r));
        }
        finally { File.Delete(patch); }

        var missing = m.Check("--new-from-patch", "/nonexistent/x.diff");
        Assert.Equal(2, missing.Exit);
        Assert.Contains("cannot read", missing.Stderr);
    }

    /// <summary>
    /// A change to bad's declaration (a trace step) makes the old call's
    /// finding new under --new-scope=trace, not under the default line scope.
    /// </summary>
    [Fact]
    public void TraceScopeCountsAChangedTraceStep()
    {
        using var m = WithOldFinding();
        m.Write("decl.go", "package r\n\n// bad now takes ints only.\nfunc bad(args ...int) {}\n");
        m.Commit("change bad");

        var line = m.Check("--new-from-rev", "HEAD~1");
        Assert.True(line.Exit == 0, line.ToString());

        var trace = m.Check("--new-from-rev", "HEAD~1", "--new-scope", "trace");
        Assert.True(trace.Exit == 1, trace.ToString());
        Assert.Equal(["./old.go:4:2: call to bad (vigil-bad)"], FindingLines(trace));
    }

    [Fact]
    public void UnifiedDiffParsing()
    {
        var diff = """
            diff --git a/x.go b/x.go
            --- a/x.go
            +++ b/x.go
            @@ -3,2 +3,3 @@ func F() {
             keep
            -gone
            +added4
            +added5
            @@ -20 +21,0 @@
            -removed
            diff --git a/new.go b/new.go
            --- /dev/null
            +++ b/new.go
            @@ -0,0 +1 @@
            +package x
            """;
        var c = Vigil.Filtering.ChangedLines.Parse(diff);
        Assert.False(c.IsAdded("x.go", 3));
        Assert.True(c.IsAdded("x.go", 4));
        Assert.True(c.IsAdded("x.go", 5));
        Assert.False(c.IsAdded("x.go", 21));
        Assert.True(c.IsAdded("new.go", 1));
        Assert.False(c.IsAdded("other.go", 4));
    }

    [Fact]
    public void UnifiedDiffHunksAreReadByTheirCounts()
    {
        // A removed line "-- x" and an added "++ y" inside a hunk look like file headers;
        // a context line without its leading space (stripped by some tools) still counts.
        var diff = "--- a/s.sql\n+++ b/s.sql\n@@ -1,4 +1,4 @@\n--- old comment\n++++ new comment\n\n same\n+added\n-gone\n";
        var c = Vigil.Filtering.ChangedLines.Parse(diff);
        Assert.True(c.IsAdded("s.sql", 1));
        Assert.False(c.IsAdded("s.sql", 2));
        Assert.False(c.IsAdded("s.sql", 3));
        Assert.True(c.IsAdded("s.sql", 4));
        Assert.False(c.IsAdded("+ new comment", 1));
    }
}
