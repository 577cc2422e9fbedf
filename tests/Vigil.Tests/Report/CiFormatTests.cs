using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Vigil.Analysis;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Report;

/// <summary>
/// The CI dashboard formats, end to end: GitLab code quality (codeclimate)
/// and JUnit XML, validated against the schemas in schemas/ (SOURCE.md
/// says where they come from), and vigil.yaml's severity and fail-on.
/// </summary>
public class CiFormatTests
{
    private static readonly string Schemas = Path.Combine(Repo.Root, "tests", "Vigil.Tests", "Report", "schemas");

    private static CliResult Check(params string[] args) => CliRunner.Run(Repo.Testdata, ["check", .. args, "./report/formats", "./report/directives"]);

    [Fact]
    public void CodeClimateValidatesAndKeepsEveryFinding()
    {
        var r = Check("--format", "codeclimate");
        Assert.True(r.Exit == 1, r.ToString());
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Schemas, "gitlab-codequality.schema.json")));
        using var doc = JsonDocument.Parse(r.Stdout);
        var errors = new Draft4Validator(schema.RootElement).Validate(doc.RootElement);
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var issues = doc.RootElement.EnumerateArray().ToList();
        var text = Check().Stdout.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('\t'));
        Assert.Equal(text, issues.Count);
        // GitLab drops all but one issue per fingerprint: they must differ.
        Assert.Equal(issues.Count, issues.Select(i => i.GetProperty("fingerprint").GetString()).Distinct().Count());
        Assert.Contains(issues, i => i.GetProperty("check_name").GetString() == "vigil-bad"
            && i.GetProperty("location").GetProperty("path").GetString() == "tests/testdata/report/formats/formats.go"
            && i.GetProperty("severity").GetString() == "critical"
            && i.GetProperty("other_locations").GetArrayLength() > 0);
    }

    [Fact]
    public void TheCodeClimateSchemaRejectsWhatGitLabCannotRead()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Schemas, "gitlab-codequality.schema.json")));
        var validator = new Draft4Validator(schema.RootElement);
        using var noFingerprint = JsonDocument.Parse("""[{"description":"d","check_name":"c","severity":"major","location":{"path":"a.go","lines":{"begin":1}}}]""");
        using var badSeverity = JsonDocument.Parse("""[{"description":"d","check_name":"c","fingerprint":"f","severity":"error","location":{"path":"a.go","lines":{"begin":1}}}]""");
        using var absolute = JsonDocument.Parse("""[{"description":"d","check_name":"c","fingerprint":"f","severity":"major","location":{"path":"/a.go","lines":{"begin":1}}}]""");
        Assert.NotEmpty(validator.Validate(noFingerprint.RootElement));
        Assert.NotEmpty(validator.Validate(badSeverity.RootElement));
        Assert.NotEmpty(validator.Validate(absolute.RootElement));
    }

    private static List<string> ValidateJUnit(string xml)
    {
        var schemas = new XmlSchemaSet();
        using (var xsd = XmlReader.Create(Path.Combine(Schemas, "junit.xsd"))) schemas.Add(null, xsd);
        var errors = new List<string>();
        var doc = XDocument.Parse(xml);
        doc.Validate(schemas, (_, e) => errors.Add(e.Message));
        return errors;
    }

    [Fact]
    public void JUnitValidatesWithOneFailingCasePerFinding()
    {
        var r = Check("--format", "junit");
        Assert.True(r.Exit == 1, r.ToString());
        var errors = ValidateJUnit(r.Stdout);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var doc = XDocument.Parse(r.Stdout);
        var cases = doc.Descendants("testcase").ToList();
        var text = Check().Stdout.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('\t'));
        Assert.Equal(text, cases.Count);
        Assert.All(cases, c => Assert.Single(c.Elements("failure")));
        Assert.Equal(text.ToString(), doc.Root!.Attribute("failures")!.Value);
        Assert.NotEmpty(ValidateJUnit("<testsuites><testsuite tests=\"1\"><testcase name=\"x\"/></testsuite></testsuites>")); // no suite name
    }

    [Fact]
    public void JUnitOfACleanRunIsOnePassingSuite()
    {
        var r = CliRunner.Run(Repo.Testdata, "check", "--checks", "none", "--format", "junit", "./report/formats");
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Empty(ValidateJUnit(r.Stdout));
        var suite = Assert.Single(XDocument.Parse(r.Stdout).Descendants("testsuite"));
        Assert.Equal("0", suite.Attribute("tests")!.Value);
    }

    [Fact]
    public void SeverityAndFailOnFromTheConfigReachFormatsAndExitStatus()
    {
        using var m = new TempModule(git: false);
        m.Write("vigil.yaml", "version: 1\nseverity:\n  nil: warning\nfail-on: error\n");
        m.Write("p.go", """
            package p

            // Find returns nil when ok is false.
            func Find(ok bool) *int {
            	if ok {
            		return new(int)
            	}
            	return nil
            }

            func Checked() int {
            	if p := Find(true); p != nil {
            		return *p
            	}
            	return 0
            }

            func Use(ok bool) int {
            	return *Find(ok)
            }
            """);
        var text = CliRunner.Run(m.Dir, Registry.Checks, "check", "--checks", "nil", "./...");
        Assert.True(text.Exit == 0, "a warning does not fail the run under fail-on: error\n" + text);
        Assert.Contains("(vigil-nil)", text.Stdout);
        var sarif = CliRunner.Run(m.Dir, Registry.Checks, "check", "--checks", "nil", "--format", "sarif", "./...");
        using var doc = JsonDocument.Parse(sarif.Stdout);
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("warning", run.GetProperty("results")[0].GetProperty("level").GetString());
        var cc = CliRunner.Run(m.Dir, Registry.Checks, "check", "--checks", "nil", "--format", "codeclimate", "./...");
        Assert.Contains("\"severity\": \"minor\"", cc.Stdout);

        m.Write("vigil.yaml", "version: 1\nseverity:\n  nil: loud\n");
        var bad = CliRunner.Run(m.Dir, Registry.Checks, "check", "--checks", "nil", "./...");
        Assert.Equal(2, bad.Exit);
        Assert.Contains("severity.nil: \"loud\" is not one of error, warning, note", bad.Stderr);
    }
}
