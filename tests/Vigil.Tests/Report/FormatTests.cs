using System.Text.Json;
using System.Xml.Linq;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Report;

/// <summary>End-to-end: `vigil check --format X` on testdata/report/formats against golden files.</summary>
public class FormatTests
{
    private static CliResult Check(params string[] args) => CliRunner.Run(Repo.Testdata, ["check", .. args, "./report/formats"]);

    [Theory]
    [InlineData("text", "formats.txt")]
    [InlineData("json", "formats.json")]
    [InlineData("sarif", "formats.sarif")]
    [InlineData("checkstyle", "formats.checkstyle.xml")]
    [InlineData("github", "formats.github.txt")]
    [InlineData("rdjson", "formats.rdjson")]
    public void EachFormatMatchesItsGolden(string format, string golden)
    {
        var r = Check("--format", format);
        Assert.True(r.Exit == 1, r.ToString());
        Assert.Equal("", r.Stderr);
        Golden.Check(golden, r.Stdout);
    }

    [Fact]
    public void SeveralFormatsAtOnceWriteWhatEachWritesAlone()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-formats-").FullName;
        try
        {
            var sarif = Path.Combine(dir, "out.sarif");
            var json = Path.Combine(dir, "out.json");
            var r = Check("--format", "text", "--format", "sarif=" + sarif, "--format", "json=" + json);
            Assert.True(r.Exit == 1, r.ToString());
            Assert.Equal(Check("--format", "text").Stdout, r.Stdout);
            Assert.Equal(Check("--format", "sarif").Stdout, File.ReadAllText(sarif));
            Assert.Equal(Check("--format", "json").Stdout, File.ReadAllText(json));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void TwoFormatsOnStdoutAreRefused()
    {
        var r = Check("--format", "text", "--format", "json");
        Assert.Equal(2, r.Exit);
        Assert.Contains("only one --format may go to stdout", r.Stderr);
    }

    [Fact]
    public void UnwritableOutputIsRefusedBeforeAnalysis()
    {
        var r = Check("--format", "sarif=/nonexistent-dir/out.sarif");
        Assert.Equal(2, r.Exit);
        Assert.Contains("no directory /nonexistent-dir", r.Stderr);
    }

    [Fact]
    public void UnknownFormatIsAUsageError()
    {
        var r = Check("--format", "yaml");
        Assert.Equal(2, r.Exit);
        Assert.Contains("unknown format \"yaml\"", r.Stderr);
    }

    [Fact]
    public void TextIsGoVetShapedWithTabIndentedTrace()
    {
        var lines = Check().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("./report/formats/formats.go:12:32: call to bad (vigil-bad)", lines);
        Assert.Contains("\t./report/formats/formats.go:5:6:\tbad is declared here", lines);
        // A trace over two goroutines names each flow.
        Assert.Contains("\tgoroutine 2:", lines);
        Assert.DoesNotContain(lines, l => l.Contains('\x1b'));
    }

    /// <summary>
    /// actions/setup-go registers an unanchored problem matcher; every line it
    /// matches becomes a GitHub annotation. The pattern is the one in
    /// setup-go's matchers.json (owner "go"): one finding must give one match,
    /// not one per trace step.
    /// </summary>
    [Fact]
    public void SetupGoProblemMatcherMatchesOneLinePerFinding()
    {
        var matcher = new System.Text.RegularExpressions.Regex(@"((?:\.{0,2}\/|\.{0,2}\\)(?:.+\.go)):(?:(\d+):(\d+):)? (.*)");
        var text = CliRunner.Run(Path.Combine(Repo.Testdata, "report"), ["check", "./formats"]).Stdout;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var findings = lines.Where(l => !l.StartsWith('\t')).ToList();
        Assert.True(findings.Count >= 3, text);
        Assert.True(lines.Length > findings.Count, "the findings have traces: " + text);
        var matched = lines.Where(l => matcher.IsMatch(l)).ToList();
        Assert.Equal(findings, matched);
        foreach (var f in findings)
        {
            var m = matcher.Match(f);
            Assert.StartsWith("./", m.Groups[1].Value);
            Assert.True(int.Parse(m.Groups[2].Value) > 0, f);
        }
    }

    [Fact]
    public void JsonIsOneDocumentInGoVetShape()
    {
        using var doc = JsonDocument.Parse(Check("--format", "json").Stdout);
        // Package keys are go list ids, as go vet's: here the test variant, which holds every file.
        var pkg = doc.RootElement.EnumerateObject().Single().Value;
        var first = pkg.GetProperty("vigil-bad")[0];
        Assert.Matches(@"formats\.go:12:32$", first.GetProperty("posn").GetString());
        Assert.Matches(@"formats\.go:12:38$", first.GetProperty("end").GetString());
        Assert.Equal(2, first.GetProperty("related").GetArrayLength());
        var edit = first.GetProperty("suggested_fixes")[0].GetProperty("edits")[0];
        Assert.Equal("good", edit.GetProperty("new").GetString());
        Assert.Equal(3, edit.GetProperty("end").GetInt32() - edit.GetProperty("start").GetInt32());
        // Each finding once, though formats.go belongs to the package and its test variant.
        Assert.Equal(3, pkg.GetProperty("vigil-bad").GetArrayLength());
    }

    [Fact]
    public void CheckstyleIsWellFormedWithOneFilePerSource()
    {
        var xml = XDocument.Parse(Check("--format", "checkstyle").Stdout);
        var files = xml.Root!.Elements("file").Select(f => f.Attribute("name")!.Value).ToList();
        Assert.Equal(["report/formats/formats.go", "report/formats/formats_test.go"], files);
        Assert.All(xml.Descendants("error"), e => Assert.StartsWith("vigil-", e.Attribute("source")!.Value));
    }

    [Fact]
    public void GitHubAnnotationsEscapeTheirData()
    {
        var lines = Check("--format", "github").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("::error file=tests/testdata/report/formats/", l));
        Assert.Contains(lines, l => l.Contains(",line=12,col=32,endLine=12,endColumn=38,title=vigil-bad::call to bad%0A"));
    }
}

public class BrokenInputTests
{
    /// <summary>A package that does not type-check: exit 2, the others' findings still reported, SARIF says the run was incomplete.</summary>
    [Fact]
    public void SarifRecordsAnIncompleteRun()
    {
        using var m = new TempModule(git: false);
        m.Write("a/a.go", "package a\n\nfunc bad() {}\n\nfunc A() { bad() }\n");
        m.Write("b/b.go", "package b\n\nfunc B() int { return \"not an int\" }\n");
        var r = m.Check("--format", "sarif");
        Assert.True(r.Exit == 2, r.ToString());
        using var doc = System.Text.Json.JsonDocument.Parse(r.Stdout);
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Single(run.GetProperty("results").EnumerateArray());
        var invocation = run.GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        Assert.Contains("example.com/r/b", invocation.GetProperty("toolExecutionNotifications")[0].GetProperty("message").GetProperty("text").GetString());
    }
}
