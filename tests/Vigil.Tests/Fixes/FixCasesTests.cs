using System.Text.Json;
using Vigil.Analysis;
using Vigil.Analysis.Nil;
using Vigil.Analysis.Race;
using Vigil.Findings;
using Vigil.Fixes;
using Vigil.Loading;
using Vigil.Output;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Fixes;

/// <summary>
/// Suggested fixes on want-marked packages (tests/testdata/fixes): every finding of nilfix and racefix has a
/// fix, and a copy of the packages with all of them applied builds and has no finding left; the findings of
/// nofix (a dereference behind ||, a value with no variable to check, a method that calls a locking method, is
/// called under the lock or waits on a channel) have none. Findings are matched by check and line, not by message wording.
/// </summary>
public class FixCasesTests
{
    private static readonly Analyzer[] Checks = [NilAnalyzer.Analyzer, RaceAnalyzer.Analyzer];

    private static IReadOnlyList<Finding> Findings() =>
        WantHarness.Check(Repo.Testdata, ["./fixes/..."], Checks).Findings;

    private static bool In(Finding f, string package) => f.Package == "vigil.test/fixes/" + package;

    [Fact]
    public void FixesApplyBuildAndRemoveTheFindings()
    {
        var fixable = Findings().Where(f => In(f, "nilfix") || In(f, "racefix")).ToList();
        Assert.True(fixable.Count(f => f.Check == "vigil-nil") >= 6 && fixable.Count(f => f.Check == "vigil-race") >= 4,
            $"expected at least 6 nil and 4 race cases, got {fixable.Count}");
        var missing = fixable.Where(f => f.SuggestedFixes.Count == 0).Select(f => $"{f.Location}: {f.Message}").ToList();
        Assert.True(missing.Count == 0, "findings without a fix:\n" + string.Join("\n", missing));

        using var copy = new FixCopy("fixes/nilfix", "fixes/racefix");
        var plan = FixPlan.Make(copy.Remap(fixable), File.ReadAllBytes);
        Assert.Empty(plan.SkippedFixes);
        Assert.Equal(fixable.Count, plan.Applied.Count);
        plan.Write();

        var (exit, output) = copy.GoBuild();
        Assert.True(exit == 0, "go build of the fixed copy failed:\n" + output + "\n" + string.Join("\n", plan.Files.Select(f => System.Text.Encoding.UTF8.GetString(f.Value.New))));
        var after = Driver.Run(Loader.Load(new LoadOptions { Patterns = ["./..."], WorkingDirectory = copy.Dir }), Checks);
        Assert.Empty(after.Errors);
        Assert.True(after.Findings.Count == 0, "findings left after the fixes:\n" + string.Join("\n", after.Findings.Select(f => $"{f.Location}: {f.Message}")));
    }

    [Fact]
    public void NoFixWhereNoneIsSafe()
    {
        var unsafeOnes = Findings().Where(f => In(f, "nofix")).ToList();
        Assert.Equal(3, unsafeOnes.Count(f => f.Check == "vigil-nil"));
        Assert.Equal(3, unsafeOnes.Count(f => f.Check == "vigil-race"));
        Assert.All(unsafeOnes, f => Assert.Empty(f.SuggestedFixes));
    }

    [Fact]
    public void NilFixesFollowTheFunctionsErrorStyle()
    {
        var byLine = Findings().Where(f => In(f, "nilfix")).ToDictionary(f => (Path.GetFileName(f.Location.Path), f.Location.Line), f => f.SuggestedFixes[0]);
        string Inserted(string file, int line) => string.Concat(byLine[(file, line)].Edits.Select(e => e.NewText));

        Assert.Equal("\tif o == nil {\n\t\treturn 0\n\t}\n", Inserted("store.go", LineOf("nilfix", "store.go", "return o.Qty // want")));
        Assert.Contains("return Order{}, fmt.Errorf(\"o is nil\")", Inserted("store.go", LineOf("nilfix", "store.go", "return *o, nil")));
        Assert.Contains("return errors.New(\"o is nil\")", Inserted("store.go", LineOf("nilfix", "store.go", "o.Name = name")));
        Assert.Contains("return 0, false", Inserted("store.go", LineOf("nilfix", "store.go", "return o.Qty, true")));
        Assert.Contains("return *new(T), Point{}, fmt.Errorf(\"o is nil\")", Inserted("store.go", LineOf("nilfix", "store.go", "Point{X: o.ID}")));
        Assert.Contains("\t\tif o == nil {\n\t\t\treturn \"\"\n\t\t}\n", Inserted("store.go", LineOf("nilfix", "store.go", "return o.Name // want")));
        // The file imports nothing: the fix imports errors.
        var describe = byLine[("plain.go", LineOf("nilfix", "plain.go", "return o.Name, nil"))];
        Assert.Contains(describe.Edits, e => e.NewText.Contains("import \"errors\""));
        // A group of imports: errors goes in, before strconv.
        var code = byLine[("grouped.go", LineOf("nilfix", "grouped.go", "strings.ToUpper(o.Name)"))];
        var import = Assert.Single(code.Edits, e => e.NewText.Contains("\"errors\"") && !e.NewText.Contains("return"));
        Assert.Equal("\t\"errors\"\n", import.NewText);
        Assert.Equal(LineOf("nilfix", "grouped.go", "\"strconv\""), CountLines(import.Path, import.Start));
    }

    [Fact]
    public void LockFixesTakeTheGuardWithTheRightSide()
    {
        var fixes = Findings().Where(f => In(f, "racefix")).ToDictionary(f => f.Location.Line, f => string.Concat(f.SuggestedFixes[0].Edits.Select(e => e.NewText)));
        Assert.Equal("\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n", fixes[LineOf("racefix", "racefix.go", "return c.n // want")]);
        Assert.Equal("\n\tc.mu.Lock()\n\tdefer c.mu.Unlock()\n\t", fixes[LineOf("racefix", "racefix.go", "Reset() { c.n = 0 }")]);
        Assert.Contains("t.mu.RLock()", fixes[LineOf("racefix", "racefix.go", "return len(t.rows)")]);
        Assert.Contains("t.mu.Lock()", fixes[LineOf("racefix", "racefix.go", "t.rows = map[string]int{}")]);
        Assert.Contains("g.Mutex.Lock()", fixes[LineOf("racefix", "racefix.go", "int(int64(g.level))")]);
    }

    [Fact]
    public void JsonAndSarifCarryTheFixes()
    {
        var findings = Findings().Where(f => f.SuggestedFixes.Count > 0).ToList();
        using var json = new MemoryStream();
        JsonFormat.Write(json, findings);
        using var doc = JsonDocument.Parse(json.ToArray());
        int seen = 0;
        foreach (var pkg in doc.RootElement.EnumerateObject())
            foreach (var check in pkg.Value.EnumerateObject())
                foreach (var d in check.Value.EnumerateArray())
                {
                    var fix = d.GetProperty("suggested_fixes")[0];
                    Assert.False(string.IsNullOrEmpty(fix.GetProperty("message").GetString()));
                    foreach (var e in fix.GetProperty("edits").EnumerateArray())
                    {
                        Assert.True(Path.IsPathRooted(e.GetProperty("filename").GetString()));
                        Assert.True(e.GetProperty("start").GetInt32() <= e.GetProperty("end").GetInt32());
                        Assert.Equal(JsonValueKind.String, e.GetProperty("new").ValueKind);
                    }
                    seen++;
                }
        Assert.Equal(findings.Count, seen);

        var program = TestLoads.Load(Repo.Testdata, ["./fixes/..."]);
        var context = new ReportContext { Paths = new RepoPaths(Repo.Testdata), Sources = new SourceFiles(program), Rules = [] };
        var sarif = new StringWriter();
        new SarifFormat().Write(sarif, findings, context);
        using var sdoc = JsonDocument.Parse(sarif.ToString());
        var results = sdoc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(findings.Count, results.Count);
        foreach (var r in results)
        {
            var fix = r.GetProperty("fixes")[0];
            Assert.False(string.IsNullOrEmpty(fix.GetProperty("description").GetProperty("text").GetString()));
            var change = fix.GetProperty("artifactChanges")[0];
            Assert.EndsWith(".go", change.GetProperty("artifactLocation").GetProperty("uri").GetString());
            var replacement = change.GetProperty("replacements")[0];
            var region = replacement.GetProperty("deletedRegion");
            Assert.True(region.GetProperty("byteOffset").GetInt32() >= 0);
            Assert.True(region.GetProperty("byteLength").GetInt32() >= 0);
            Assert.Equal(JsonValueKind.String, replacement.GetProperty("insertedContent").GetProperty("text").ValueKind);
        }
    }

    /// <summary>The 1-based line of a byte offset of a file.</summary>
    private static int CountLines(string path, int offset) => File.ReadAllBytes(path).Take(offset).Count(b => b == (byte)'\n') + 1;

    /// <summary>The 1-based number of the first line of tests/testdata/fixes/PACKAGE/FILE that contains the text.</summary>
    private static int LineOf(string package, string file, string text)
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Testdata, "fixes", package, file));
        int i = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(i >= 0, $"no line with \"{text}\" in {file}");
        return i + 1;
    }
}
