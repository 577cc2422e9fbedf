using Vigil.Analysis;
using Vigil.Output;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Report;

public class ExplainAndTextTests
{
    [Fact]
    public void ExplainPrintsTheDocWithExamples()
    {
        var r = CliRunner.Run(Repo.Testdata, "explain", "bad");
        Assert.Equal(0, r.Exit);
        Assert.Equal("vigil-bad: reports calls to functions named bad\n\nA test check. Example:\n\n    bad() // reported: call to bad\n", r.Stdout);
        Assert.Equal(r.Stdout, CliRunner.Run(Repo.Testdata, "explain", "vigil-bad").Stdout);
        var d = CliRunner.Run(Repo.Testdata, "explain", "directive");
        Assert.Contains("//lint:file-ignore", d.Stdout);
    }

    [Fact]
    public void ExplainTextIsSarifHelp()
    {
        var sarif = CliRunner.Run(Repo.Testdata, "check", "--format", "sarif", "./report/formats").Stdout;
        using var doc = System.Text.Json.JsonDocument.Parse(sarif);
        var rule = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];
        Assert.Equal("vigil-bad", rule.GetProperty("id").GetString());
        Assert.Equal(CliRunner.Run(Repo.Testdata, "explain", "bad").Stdout, rule.GetProperty("help").GetProperty("text").GetString());
        Assert.Equal("reports calls to functions named bad", rule.GetProperty("shortDescription").GetProperty("text").GetString());
    }

    /// <summary>`vigil explain nil|race|escape|directive` print the check's whole page, embedded in the binary.</summary>
    [Theory]
    [InlineData("nil")]
    [InlineData("race")]
    [InlineData("escape")]
    [InlineData("directive")]
    public void ExplainPrintsTheWholePageOfARealCheck(string check)
    {
        var r = CliRunner.Run(Repo.Testdata, Registry.Checks, "explain", check);
        Assert.True(r.Exit == 0, r.ToString());
        var page = File.ReadAllText(Path.Combine(Repo.Root, "docs", "checks", check + ".md"));
        Assert.Equal(page, r.Stdout);
        Assert.StartsWith($"# vigil-{check}", r.Stdout);
    }

    /// <summary>SARIF rules link to their page (helpUri) and carry it whole as help, for code scanning's rule help.</summary>
    [Fact]
    public void SarifRulesCarryHelpUriAndTheWholePage()
    {
        var sarif = CliRunner.Run(Repo.Testdata, Registry.Checks, "check", "--format", "sarif", "--checks", "nil,race,escape", "./report/formats").Stdout;
        using var doc = System.Text.Json.JsonDocument.Parse(sarif);
        var rules = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(["vigil-nil", "vigil-race", "vigil-escape", "vigil-directive"], rules.Select(r => r.GetProperty("id").GetString()).ToList());
        foreach (var rule in rules)
        {
            var name = rule.GetProperty("id").GetString()!["vigil-".Length..];
            var uri = new Uri(rule.GetProperty("helpUri").GetString()!);
            Assert.True(uri.IsAbsoluteUri);
            Assert.EndsWith($"/checks/{name}.md", uri.AbsolutePath);
            var page = File.ReadAllText(Path.Combine(Repo.Root, "docs", "checks", name + ".md"));
            Assert.Equal(page, rule.GetProperty("help").GetProperty("markdown").GetString());
        }
    }

    [Fact]
    public void EveryRegisteredCheckHasAnExplanation()
    {
        foreach (var a in Registry.Checks.Append(Vigil.Filtering.DirectiveCheck.Analyzer))
        {
            var rule = Rule.Of(a);
            Assert.False(string.IsNullOrWhiteSpace(rule.Summary), a.Name);
            Assert.True(rule.FullDescription.Length <= 1024, a.Name);
        }
    }

    [Fact]
    public void UnknownCheckIsAnError()
    {
        Assert.Equal(2, CliRunner.Run(Repo.Testdata, "explain", "nope").Exit);
    }

    [Fact]
    public void ProgressLinesOnlyOnATerminalThatMovesItsCursor()
    {
        Assert.True(Vigil.Cli.Progress.Shown(stderrRedirected: false, ci: null, term: "xterm-256color"));
        Assert.False(Vigil.Cli.Progress.Shown(stderrRedirected: true, ci: null, term: "xterm"));
        Assert.False(Vigil.Cli.Progress.Shown(stderrRedirected: false, ci: "true", term: "xterm"));
        Assert.False(Vigil.Cli.Progress.Shown(stderrRedirected: false, ci: null, term: "dumb"));
    }

    [Fact]
    public void ColourOnlyOnATerminalWithoutNoColor()
    {
        var old = (Environment.GetEnvironmentVariable("NO_COLOR"), Environment.GetEnvironmentVariable("TERM"));
        try
        {
            Environment.SetEnvironmentVariable("NO_COLOR", null);
            Environment.SetEnvironmentVariable("TERM", "xterm");
            Assert.True(TextFormat.ShouldColor(outputRedirected: false));
            Assert.False(TextFormat.ShouldColor(outputRedirected: true));
            Environment.SetEnvironmentVariable("NO_COLOR", "1");
            Assert.False(TextFormat.ShouldColor(outputRedirected: false));
            Environment.SetEnvironmentVariable("NO_COLOR", null);
            Environment.SetEnvironmentVariable("TERM", "dumb");
            Assert.False(TextFormat.ShouldColor(outputRedirected: false));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NO_COLOR", old.Item1);
            Environment.SetEnvironmentVariable("TERM", old.Item2);
        }
    }

    [Fact]
    public void ColouredTextKeepsTheSameWords()
    {
        var plain = new StringWriter();
        var colour = new StringWriter();
        var (program, result) = Pipeline.Run("./report/formats");
        var context = new ReportContext { Paths = new Findings.RepoPaths(Repo.Testdata), Sources = new Findings.SourceFiles(program), Rules = [] };
        new TextFormat(false).Write(plain, result.Reported, context);
        new TextFormat(true).Write(colour, result.Reported, context);
        Assert.Contains("\x1b[", colour.ToString());
        Assert.Equal(plain.ToString(), System.Text.RegularExpressions.Regex.Replace(colour.ToString(), "\x1b\\[[0-9;]*m", ""));
    }

    /// <summary>A suppressed finding appears in no format, not even through its trace (checkstyle and github flatten traces into text).</summary>
    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("checkstyle")]
    [InlineData("github")]
    [InlineData("rdjson")]
    public void SuppressedFindingsAreGoneFromEveryFormat(string format)
    {
        var r = CliRunner.Run(Repo.Testdata, "check", "--format", format, "--checks", "bad", "./report/directives");
        Assert.True(r.Exit == 1, r.ToString());
        Assert.DoesNotContain("in WholeFunction", r.Stdout);
        Assert.DoesNotContain("in FileWide", r.Stdout);
        Assert.DoesNotContain("in TrailingForms", r.Stdout);
        Assert.Contains("in Statement", r.Stdout);
    }

    [Fact]
    public void FingerprintsAreStableAndLineHashesFollowCodeql()
    {
        // Each line's hash covers the next 100 non-blank characters, so identical windows
        // hash alike and are told apart by their occurrence number...
        var hashes = Findings.Fingerprints.LineHashes(string.Concat(Enumerable.Repeat("a\n", 200)));
        Assert.Equal(201, hashes.Length); // as in codeql-action, the end-of-file marker opens one more line
        Assert.Equal(hashes[0].Split(':')[0], hashes[1].Split(':')[0]);
        Assert.Equal(["1", "2", "3"], hashes[..3].Select(h => h.Split(':')[1]));
        Assert.NotEqual(hashes[0].Split(':')[0], hashes[199].Split(':')[0]);
        // ...spaces and tabs do not count...
        Assert.Equal(hashes, Findings.Fingerprints.LineHashes(string.Concat(Enumerable.Repeat("\t a \n", 200))));
        // ...CR LF reads as LF...
        Assert.Equal(Findings.Fingerprints.LineHashes("x\ny\n"), Findings.Fingerprints.LineHashes("x\r\ny\r\n"));
        // ...and the key leaves positions out.
        Assert.Equal(Findings.Fingerprints.VigilKeyBase("c", "f.go", "F", "nil from g.go:12:3 dereferenced"),
            Findings.Fingerprints.VigilKeyBase("c", "f.go", "F", "nil from g.go:40:1 dereferenced"));
    }
}

/// <summary>Test vectors of codeql-action's own fingerprint tests (src/fingerprints.test.ts): the hashes GitHub computes.</summary>
public class LineHashVectorTests
{
    [Fact]
    public void EmptyFile() =>
        Assert.Equal(["c129715d7a2bc9a3:1"], Vigil.Findings.Fingerprints.LineHashes(""));

    [Fact]
    public void MixedWhitespace() =>
        Assert.Equal(["271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1", "a23a3dc5e078b07b:1"],
            Vigil.Findings.Fingerprints.LineHashes(" a\nb\n  \t\tc\n d"));
}
