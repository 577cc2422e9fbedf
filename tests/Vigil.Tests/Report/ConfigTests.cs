using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Config;
using Vigil.Tests.Harness;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Vigil.Tests.Report;

/// <summary>vigil.yaml: each key end to end on testdata/report, discovery, and malformed configs.</summary>
public class ConfigTests
{
    /// <summary>Runs `vigil check --config FILE` with <paramref name="yaml"/> on the given testdata packages; returns the finding lines.</summary>
    private static (CliResult Result, string[] Findings) Run(string yaml, params string[] args)
    {
        var dir = Directory.CreateTempSubdirectory("vigil-config-").FullName;
        try
        {
            var path = Path.Combine(dir, "vigil.yaml");
            File.WriteAllText(path, yaml);
            var r = CliRunner.Run(Repo.Testdata, ["check", "--config", path, .. args]);
            return (r, r.Stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('\t')).ToArray());
        }
        finally { Directory.Delete(dir, true); }
    }

    private static readonly string[] Scope = ["./report/scope/..."];

    [Fact]
    public void DefaultsReportEverythingInScope()
    {
        var (r, f) = Run("version: 1\n", Scope);
        Assert.True(r.Exit == 1, r.ToString());
        Assert.Equal([
            "./report/scope/inner/inner.go:5:16: call to bad (vigil-bad)",
            "./report/scope/other/other.go:5:16: call to bad (vigil-bad)",
            "./report/scope/other/other_test.go:5:32: call to bad (vigil-bad)",
            "./report/scope/scope.go:6:15: call to bad (vigil-bad)",
        ], f);
    }

    [Fact]
    public void Checks()
    {
        Assert.DoesNotContain(Run("version: 1\nchecks: [pair]\n", "./report/formats").Findings, l => l.Contains("vigil-bad"));
        Assert.DoesNotContain(Run("version: 1\nchecks: [-bad]\n", "./report/formats").Findings, l => l.Contains("vigil-bad"));
        Assert.Contains(Run("version: 1\nchecks: [-bad]\n", "./report/formats").Findings, l => l.Contains("vigil-pair"));
        // The command line wins over the config.
        Assert.Contains(Run("version: 1\nchecks: [pair]\n", "--checks", "bad", "./report/formats").Findings, l => l.Contains("vigil-bad"));
        var (bad, _) = Run("version: 1\nchecks: [nill]\n", Scope);
        Assert.Equal(2, bad.Exit);
        Assert.Contains("unknown check \"nill\" in the config's checks", bad.Stderr);
    }

    [Fact]
    public void AnalyzePackages()
    {
        var f = Run("version: 1\nanalyze:\n  include-pkgs: [vigil.test/report/scope]\n  exclude-pkgs: [vigil.test/report/scope/other]\n", Scope).Findings;
        Assert.Equal(["./report/scope/inner/inner.go:5:16: call to bad (vigil-bad)", "./report/scope/scope.go:6:15: call to bad (vigil-bad)"], f);
        // Directives in packages not analyzed hid nothing, but are not reported as unused.
        var (_, none) = Run("version: 1\nanalyze:\n  exclude-pkgs: [vigil.test/report/directives]\n", "./report/directives");
        Assert.DoesNotContain(none, l => l.Contains("suppresses no finding"));
        Assert.Contains(none, l => l.Contains("malformed directive")); // broken ones are still broken
        // A prefix matches whole path segments only.
        Assert.Empty(Run("version: 1\nanalyze:\n  include-pkgs: [vigil.test/report/sco]\n", Scope).Findings);
    }

    [Fact]
    public void ReportPackages()
    {
        var f = Run("version: 1\nreport:\n  include-pkgs: [vigil.test/report/scope/other]\n", Scope).Findings;
        Assert.Equal(["./report/scope/other/other.go:5:16: call to bad (vigil-bad)", "./report/scope/other/other_test.go:5:32: call to bad (vigil-bad)"], f);
        f = Run("version: 1\nreport:\n  exclude-pkgs: [vigil.test/report/scope/other, vigil.test/report/scope/inner]\n", Scope).Findings;
        Assert.Equal(["./report/scope/scope.go:6:15: call to bad (vigil-bad)"], f);
    }

    [Fact]
    public void ExcludeRules()
    {
        Assert.Equal(2, Run("version: 1\nexclude:\n  - path: 'scope/other/'\n", Scope).Findings.Length);
        Assert.Equal(["./report/scope/other/other_test.go:5:32: call to bad (vigil-bad)"],
            Run("version: 1\nexclude:\n  - path-except: '_test\\.go$'\n", Scope).Findings);
        Assert.Empty(Run("version: 1\nexclude:\n  - text: '^call to'\n", Scope).Findings);
        Assert.Equal(4, Run("version: 1\nexclude:\n  - text: '^call to'\n    checks: [pair]\n", Scope).Findings.Length);
        Assert.Empty(Run("version: 1\nexclude:\n  - checks: [vigil-bad]\n", Scope).Findings);
        // Every condition of a rule must match.
        Assert.Equal(3, Run("version: 1\nexclude:\n  - path: 'inner'\n    text: 'call'\n", Scope).Findings.Length);
    }

    [Fact]
    public void GeneratedFiles()
    {
        Assert.Equal(["./report/generated/lax.go:6:2: call to bad (vigil-bad)"], Run("version: 1\n", "./report/generated").Findings);
        Assert.Equal(["./report/generated/lax.go:6:2: call to bad (vigil-bad)"], Run("version: 1\ngenerated: strict\n", "./report/generated").Findings);
        Assert.Empty(Run("version: 1\ngenerated: lax\n", "./report/generated").Findings);
        Assert.Equal(2, Run("version: 1\ngenerated: disable\n", "./report/generated").Findings.Length);
    }

    [Fact]
    public void Tests()
    {
        Assert.DoesNotContain(Run("version: 1\ntests: false\n", Scope).Findings, l => l.Contains("_test.go"));
        // --tests on the command line wins.
        Assert.Contains(Run("version: 1\ntests: false\n", "--tests", "true", "./report/scope/...").Findings, l => l.Contains("_test.go"));
    }

    [Fact]
    public void Directives()
    {
        var reason = Run("version: 1\ndirectives:\n  require-reason: true\n", "./report/directives").Findings;
        Assert.Contains(reason, l => l.Contains("needs a reason"));
        var unused = Run("version: 1\ndirectives:\n  report-unused: false\n", "./report/directives").Findings;
        Assert.DoesNotContain(unused, l => l.Contains("suppresses no finding"));
        Assert.Contains(Run("version: 1\n", "./report/directives").Findings, l => l.Contains("suppresses no finding"));
        // A directive whose finding an exclusion rule hides anyway is still used, not reported.
        int Unused(string[] lines) => lines.Count(l => l.Contains("suppresses no finding"));
        var excluded = Run("version: 1\nexclude:\n  - checks: [bad]\n", "./report/directives").Findings;
        Assert.DoesNotContain(excluded, l => l.Contains("vigil-bad)"));
        Assert.Equal(Unused(Run("version: 1\n", "./report/directives").Findings), Unused(excluded));
        // Taking the directive check out silences all of it.
        Assert.DoesNotContain(Run("version: 1\nchecks: [all, -directive]\n", "./report/directives").Findings, l => l.Contains("vigil-directive"));
    }

    [Fact]
    public void OptionsReachTheAnalyzer()
    {
        var f = Run("version: 1\noptions:\n  bad:\n    message: configured message\n", Scope).Findings;
        Assert.Equal(4, f.Length);
        Assert.All(f, l => Assert.Contains(": configured message (vigil-bad)", l));
        // vigil-NAME works as the key too.
        Assert.All(Run("version: 1\noptions:\n  vigil-bad: {message: other}\n", Scope).Findings, l => Assert.Contains(": other (vigil-bad)", l));
    }

    [Theory]
    [InlineData("version: 1\nchecks: [bad]\nreprot:\n  include-pkgs: [x]\n", ":3:1: unknown key \"reprot\"")]
    [InlineData("version: 1\nanalyze:\n  include: [x]\n", ":3:3: unknown key \"include\"; allowed here: include-pkgs, exclude-pkgs")]
    [InlineData("version: 1\nexclude:\n  - path: x\n    txt: y\n", ":4:5: unknown key \"txt\"")]
    [InlineData("checks: [bad]\n", ":1:1: missing \"version: 1\"")]
    [InlineData("version: 2\n", ":1:10: unsupported version \"2\"")]
    [InlineData("version: 1\ngenerated: sometimes\n", ":2:12: generated: \"sometimes\" is not one of strict, lax, disable")]
    [InlineData("version: 1\ntests: maybe\n", ":2:8: tests: expected true or false")]
    [InlineData("version: 1\nexclude:\n  - path: '(unclosed'\n", ":3:11: path: invalid regular expression")]
    [InlineData("version: 1\nexclude: {path: x}\n", ":2:10: exclude: expected a list of rules")]
    [InlineData("version: 1\nchecks: [bad\n", "not valid YAML")]
    [InlineData("version: 1\noptions:\n  bad: 3\n", ":3:8: options.bad: expected a mapping")]
    public void MalformedConfigIsAnErrorWithItsLine(string yaml, string expected)
    {
        var (r, _) = Run(yaml, Scope);
        Assert.Equal(2, r.Exit);
        Assert.Contains("vigil.yaml", r.Stderr);
        Assert.Contains(expected, r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void DiscoveredByWalkingUpFromTheWorkingDirectory()
    {
        using var m = new TempModule(git: false);
        m.Write("vigil.yaml", "version: 1\noptions:\n  bad: {message: found the config}\n");
        m.Write("sub/deeper/x.go", "package deeper\n\nfunc bad() {}\n\nfunc F() { bad() }\n");
        var r = CliRunner.Run(Path.Combine(m.Dir, "sub", "deeper"), "check", ".");
        Assert.True(r.Exit == 1, r.ToString());
        Assert.Contains("./x.go:5:12: found the config (vigil-bad)", r.Stdout);
        Assert.Equal(Path.Combine(m.Dir, "vigil.yaml"), ConfigLoader.Discover(Path.Combine(m.Dir, "sub", "deeper")));
    }

    [Fact]
    public void MissingConfigFileIsAnError()
    {
        var r = CliRunner.Run(Repo.Testdata, "check", "--config", "/nonexistent/vigil.yaml", "./report/scope");
        Assert.Equal(2, r.Exit);
        Assert.Contains("--config: no file", r.Stderr);
    }

    /// <summary>The published schema (docs/vigil.schema.json) accepts a config using every key and rejects what the loader rejects.</summary>
    [Fact]
    public void PublishedSchemaAgreesWithTheLoader()
    {
        const string every = """
            version: 1
            checks: [all, -pair, directive]
            analyze:
              include-pkgs: [example.com/app]
              exclude-pkgs: [example.com/app/gen]
            report:
              include-pkgs: [example.com/app]
              exclude-pkgs: [example.com/app/internal/legacy]
            exclude:
              - path: '_test\.go$'
                path-except: 'critical_test\.go$'
                text: 'deprecated'
                checks: [race]
            generated: lax
            tests: false
            directives:
              require-reason: true
              report-unused: false
            options:
              nil:
                max-depth: 4
                trusted: [example.com/app/must]
            severity:
              escape: warning
              vigil-race: error
            fail-on: error
            """;
        var config = ConfigLoader.Parse(every, "vigil.yaml"); // the loader accepts it
        Assert.Equal(Severity.Warning, config.Severities.Of("vigil-escape"));
        Assert.Equal(Severity.Error, config.Severities.Of("vigil-nil"));
        Assert.False(config.Severities.Fails("vigil-escape"));
        Assert.True(config.Severities.Fails("vigil-race"));
        Assert.Equal(GeneratedMode.Lax, config.Generated);
        Assert.Equal("4", config.Options["nil"]["max-depth"]);
        Assert.Equal(new List<object?> { "example.com/app/must" }, config.Options["nil"]["trusted"]);

        using var schemaDoc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "docs", "vigil.schema.json")));
        var schema = new Draft4Validator(schemaDoc.RootElement);
        Assert.Empty(schema.Validate(YamlToJson(every)));
        Assert.NotEmpty(schema.Validate(YamlToJson("version: 1\nreprot: {}\n")));
        Assert.NotEmpty(schema.Validate(YamlToJson("checks: [nil]\n")));
        Assert.NotEmpty(schema.Validate(YamlToJson("version: 1\ngenerated: sometimes\n")));
        // Every top-level key of the schema is one the loader knows, and the reverse.
        var schemaKeys = schemaDoc.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToList();
        var loaderKeys = YamlToJson(every).EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(schemaKeys, loaderKeys);
    }

    private static JsonElement YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        static JsonNode? Convert(YamlNode n) => n switch
        {
            YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Convert(kv.Value)))),
            YamlSequenceNode s => new JsonArray(s.Children.Select(Convert).ToArray()),
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } p when long.TryParse(p.Value, out var i) => JsonValue.Create(i),
            YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } p when p.Value is "true" or "false" => JsonValue.Create(p.Value == "true"),
            YamlScalarNode p => JsonValue.Create(p.Value),
            _ => null,
        };
        return JsonDocument.Parse(Convert(stream.Documents[0].RootNode)!.ToJsonString()).RootElement;
    }
}
