using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Analysis;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Report;

/// <summary>SARIF output validated against the official SARIF 2.1.0 schema (schemas/SOURCE.md says where it comes from).</summary>
public class SarifSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(Repo.Root, "tests", "Vigil.Tests", "Report", "schemas", "sarif-2.1.0-rtm.5.json");

    private static List<string> Validate(string sarif)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        using var doc = JsonDocument.Parse(sarif);
        return new Draft4Validator(schema.RootElement).Validate(doc.RootElement);
    }

    [Fact]
    public void SchemaIsTheRecordedCopy()
    {
        var recorded = File.ReadAllLines(Path.Combine(Path.GetDirectoryName(SchemaPath)!, "SOURCE.md")).Last().Trim();
        Assert.Equal(recorded, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(SchemaPath))));
    }

    [Fact]
    public void TestdataSarifValidates()
    {
        var r = CliRunner.Run(Repo.Testdata, "check", "--format", "sarif", "./report/formats", "./report/directives");
        Assert.True(r.Exit == 1, r.ToString());
        var errors = Validate(r.Stdout);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
    }

    [Fact]
    public void TheValidatorRejectsInvalidSarif()
    {
        var r = CliRunner.Run(Repo.Testdata, "check", "--format", "sarif", "./report/formats");
        var broken = r.Stdout.Replace("\"level\": \"error\"", "\"level\": \"fatal\"").Replace("\"startLine\": 12", "\"startLine\": 0");
        var errors = Validate(broken);
        Assert.Contains(errors, e => e.Contains("\"fatal\"") || e.Contains("fatal"));
        Assert.Contains(errors, e => e.Contains("minimum"));
        Assert.NotEmpty(Validate("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {}}]}"));
    }

    [Fact]
    public void RaceTraceBecomesTwoThreadFlows()
    {
        var r = CliRunner.Run(Repo.Testdata, "check", "--format", "sarif", "./report/formats");
        using var doc = JsonDocument.Parse(r.Stdout);
        var pair = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(x => x.GetProperty("ruleId").GetString() == "vigil-pair");
        var flows = pair.GetProperty("codeFlows")[0].GetProperty("threadFlows");
        Assert.Equal(["goroutine 1", "goroutine 2"], flows.EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Equal(3, pair.GetProperty("relatedLocations").GetArrayLength());
        Assert.Contains("](3)", pair.GetProperty("message").GetProperty("text").GetString());
    }

    /// <summary>
    /// The acceptance cases with the real checks of Registry.Checks: the SARIF
    /// validates, and each race finding carries two thread flows (one per
    /// goroutine) once the race check reports with RelatedLocation.Flow.
    /// </summary>
    [SharedCasesFact]
    public void SharedCasesSarifValidates()
    {
        var r = CliRunner.Run(Repo.SharedCases, Registry.Checks, "check", "--format", "sarif", "./...");
        Assert.True(r.Exit is 0 or 1, r.ToString());
        var errors = Validate(r.Stdout);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        using var doc = JsonDocument.Parse(r.Stdout);
        foreach (var result in doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray())
            if (result.GetProperty("ruleId").GetString() == "vigil-race")
                Assert.Equal(2, result.GetProperty("codeFlows")[0].GetProperty("threadFlows").GetArrayLength());
    }
}

public class SarifRuleTests
{
    [Fact]
    public void EveryRuleIdHasARule()
    {
        var finding = new Vigil.Findings.Finding { Check = "vigil-other", Location = new Vigil.Syntax.Location("/m/a.go", 1, 1, 0), Message = "m" };
        var context = new Vigil.Output.ReportContext { Paths = new Vigil.Findings.RepoPaths("/m"), Sources = new Vigil.Findings.SourceFiles(null), Rules = [] };
        var w = new StringWriter();
        new Vigil.Output.SarifFormat().Write(w, [finding], context);
        using var doc = System.Text.Json.JsonDocument.Parse(w.ToString());
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("vigil-other", run.GetProperty("tool").GetProperty("driver").GetProperty("rules")[0].GetProperty("id").GetString());
        Assert.Equal(0, run.GetProperty("results")[0].GetProperty("ruleIndex").GetInt32());
    }
}
