using System.Text;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Cli;

/// <summary>
/// Inputs that go build or go vet handle and that once lost a whole run in
/// the front-end (issue 15). Each module also holds an unrelated package with
/// a nil dereference, whose finding must still come out.
/// </summary>
public class FrontendRobustnessTests
{
    private const string Other = "package other\n\nfunc F() int {\n\tvar p *int\n\treturn *p\n}\n";
    private const string OtherFinding = "other/other.go:5:9: nil panic";

    private static string Module(params (string Path, string Content)[] files)
    {
        var all = files.ToDictionary(f => f.Path, f => f.Content);
        all["other/other.go"] = Other;
        return CliRunner.TempModule(all);
    }

    private static CliRunner.Result Check(string dir, IDictionary<string, string?>? env = null, params string[] extra) =>
        CliRunner.Run(dir, ["check", "--checks", "nil", .. extra, "./..."], env);

    private static void NoCrash(CliRunner.Result r)
    {
        foreach (var s in new[] { "goroutine ", "panic:", "deadlock", "   at ", "Exception" })
            Assert.False(r.Stderr.Contains(s, StringComparison.Ordinal), $"'{s}' in stderr:\n{r}");
    }

    [Fact]
    public void FileWithoutPackageClauseIsReportedAsGoVetDoes()
    {
        var dir = Module(("empty/c.go", "// only a comment\n"), ("empty/d.go", ""), ("empty/e.go", "package empty\n"));
        var r = Check(dir);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("empty/c.go:1:19: expected 'package', found 'EOF'", r.Stderr);
        Assert.Contains("empty/d.go:1:1: expected 'package', found 'EOF'", r.Stderr);
        Assert.Contains(OtherFinding, r.Stdout);
        NoCrash(r);
    }

    [Fact]
    public void ImportCycleIsAPackageErrorAndEverythingElseIsAnalyzed()
    {
        var dir = Module(
            ("c1/c1.go", "package c1\n\nimport \"example.com/tmp/c2\"\n\nvar X = c2.Y\n"),
            ("c2/c2.go", "package c2\n\nimport \"example.com/tmp/c1\"\n\nvar Y = 1\n\nvar Z = c1.X\n"),
            ("uses/uses.go", "package uses\n\nimport \"example.com/tmp/c1\"\n\nvar W = c1.X\n"));
        var r = Check(dir);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("import cycle not allowed: example.com/tmp/c1 imports example.com/tmp/c2 imports example.com/tmp/c1", r.Stderr);
        Assert.Contains("import cycle not allowed: example.com/tmp/c2 imports example.com/tmp/c1 imports example.com/tmp/c2", r.Stderr);
        Assert.Contains(OtherFinding, r.Stdout);
        NoCrash(r);
    }

    [Fact]
    public void ProgramKeptBehindTheIgnoreTagIsAnalyzedWithTagsIgnore()
    {
        // With -tags ignore, std's own generator programs join their packages.
        var dir = Module(("gen/gen.go", "//go:build ignore\n\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n\tvar p *int\n\tfmt.Println(*p)\n}\n"));
        var r = Check(dir, null, "--tags", "ignore");
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("gen/gen.go:9:14: nil panic", r.Stdout);
        Assert.Contains(OtherFinding, r.Stdout);
        NoCrash(r);
    }

    [Fact]
    public void LongConstantExpressionLoads()
    {
        // A generated long string constant. Before, every partial sum was
        // written: quadratic, a minute and 2.5 GB in the front-end at 10,000
        // terms (FrontendStreamTests in frontend/ measures that). The syntax
        // tree is as deep as the sum is long, so this stays within the C#
        // side's nesting budget (a decoder thread overflowed near 1,900 levels).
        var terms = string.Join("+", Enumerable.Range(0, 1_000).Select(i => $"\"t{i}\""));
        var dir = Module(("big/big.go", $"package big\n\nconst S = {terms}\n\nfunc Len() int {{ return len(S + {terms}) }}\n\nfunc G() int {{\n\tvar p *int\n\treturn *p\n}}\n"));
        var r = Check(dir);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("big/big.go:9:9: nil panic", r.Stdout);
        Assert.Contains(OtherFinding, r.Stdout);
    }

    [NeedsCCompilerFact]
    public void CgoPackageIsAnalyzedAtTheUsersLines()
    {
        var dir = Module(("cg/cg.go", "package cg\n\n/*\nstatic int twice(int x) { return 2 * x; }\n*/\nimport \"C\"\n\n"
            + "func Twice(x int) int { return int(C.twice(C.int(x))) }\n\nfunc Deref() int {\n\tvar p *int\n\treturn *p\n}\n"));
        var r = Check(dir);
        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("cg/cg.go:12:9: nil panic", r.Stdout);
        Assert.DoesNotContain("go-build", r.Stdout);
        Assert.Contains(OtherFinding, r.Stdout);
        NoCrash(r);
    }

    [Fact]
    public void MissingGoSumEntryIsQuoted()
    {
        var dir = Module(("a/a.go", "package a\n\nimport \"example.com/dep\"\n\nvar _ = dep.X\n"));
        File.AppendAllText(Path.Combine(dir, "go.mod"), "\nrequire example.com/dep v1.0.0\n");
        var r = Check(dir, Offline(dir));
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.Contains("could not import example.com/dep (missing go.sum entry", r.Stderr);
        Assert.DoesNotContain("invalid package name", r.Stderr);
        Assert.Contains(OtherFinding, r.Stdout);
    }

    [Fact]
    public void GoProgressNotesDoNotBuryTheCause()
    {
        // With -mod=mod, go list looks the import up and says so on stderr.
        var dir = Module(("a/a.go", "package a\n\nimport \"example.com/missing\"\n\nvar _ = missing.X\n"));
        var env = Offline(dir);
        env["GOFLAGS"] = "-mod=mod";
        var r = Check(dir, env);
        Assert.True(r.ExitCode == 2, r.ToString());
        Assert.DoesNotContain("finding module", r.Stderr);
        Assert.StartsWith("a/a.go:3:8: could not import example.com/missing (", r.Stderr);
        Assert.Contains(OtherFinding, r.Stdout);
    }

    [Fact]
    public void MissingVigilGoIsNamed()
    {
        var dir = Module();
        var r = Check(dir, new Dictionary<string, string?> { ["VIGIL_GO"] = "/nonexistent/go" });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("VIGIL_GO is set to /nonexistent/go", r.Stderr);
        Assert.DoesNotContain("not found on PATH", r.Stderr);
        NoCrash(r);
    }

    [Fact]
    public void FrontEndKilledByASignalIsNamed()
    {
        if (OperatingSystem.IsWindows()) return; // signals are Unix's
        var dir = Module();
        var r = Check(dir, GoThatSignalsTheFrontEnd(dir, "KILL"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the front-end was killed by signal 9 (SIGKILL)", r.Stderr);
        NoCrash(r);
    }

    [Fact]
    public void StreamCutShortQuotesTheFrontEndsStderr()
    {
        if (OperatingSystem.IsWindows()) return;
        // On SIGQUIT the Go runtime prints its stacks (the cause) and exits 2,
        // with its output unwritten.
        var dir = Module();
        var r = Check(dir, GoThatSignalsTheFrontEnd(dir, "QUIT"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("in the middle of its output", r.Stderr);
        Assert.Contains("SIGQUIT: quit", r.Stderr);
    }

    /// <summary>Module lookups fail at once, in a module cache of the test's own.</summary>
    private static Dictionary<string, string?> Offline(string dir) => new()
    {
        ["GOPROXY"] = "off",
        ["GOFLAGS"] = null,
        ["GOMODCACHE"] = Path.Combine(dir, ".modcache"),
    };

    /// <summary>A go command that, asked to list packages, sends its caller (the front-end) a signal.</summary>
    private static Dictionary<string, string?> GoThatSignalsTheFrontEnd(string dir, string signal)
    {
        var real = Environment.GetEnvironmentVariable("VIGIL_GO") is { Length: > 0 } g ? g : "go";
        var script = Path.Combine(dir, "go-signals");
        File.WriteAllText(script, $"#!/bin/sh\nif [ \"$1\" = list ]; then kill -{signal} $PPID; sleep 2; exit 1; fi\nexec '{real}' \"$@\"\n", new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new() { ["VIGIL_GO"] = script };
    }
}

/// <summary>A fact that needs a C compiler (cgo); skipped, saying so, where there is none.</summary>
public sealed class NeedsCCompilerFactAttribute : FactAttribute
{
    public NeedsCCompilerFactAttribute()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        bool found = new[] { Environment.GetEnvironmentVariable("CC") ?? "gcc", "gcc", "clang", "cc" }
            .Any(cc => Path.IsPathRooted(cc) ? File.Exists(cc) : path.Split(Path.PathSeparator).Any(d => d.Length > 0 && File.Exists(Path.Combine(d, cc))));
        if (!found) Skip = "no C compiler (gcc, clang or cc) on PATH: cgo cannot run";
    }
}
