using Vigil.Analysis;
using Vigil.Analysis.Nil;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Nil;

/// <summary>The evidence levels of the nil check (options.nil.evidence): what each one reports.</summary>
public class NilEvidenceTests
{
    private static AnalysisResult Run(string? level, out Vigil.Loading.GoProgram program)
    {
        program = TestLoads.Load(Repo.Testdata, ["./nilevidence/..."]);
        var options = new Dictionary<string, IReadOnlyDictionary<string, object?>>();
        if (level is not null) options["nil"] = new Dictionary<string, object?> { [EvidenceOption.Key] = level };
        return Driver.Run(program, [NilAnalyzer.Analyzer], settings: new RunSettings { Options = options });
    }

    [Fact]
    public void ReturnsLevelReportsLiteralNilReturns()
    {
        var result = Run("returns", out var program);
        Assert.Empty(result.Errors);
        Assert.Empty(WantHarness.Compare(program, result.Findings));
    }

    [Fact]
    public void DefaultLevelNeedsDocumentedAndCheckedNils()
    {
        var result = Run(null, out _);
        Assert.Empty(result.Errors);
        Assert.Empty(result.Findings);
        Assert.Empty(Run("documented", out _).Findings);
    }

    [Fact]
    public void PreconditionsLevelBelievesNilsOnlyForRejectedArguments()
    {
        // The default level leaves a nil returned only for rejected arguments to the caller
        // (tests/testdata/nil/preconditions, checked with its want marks by NilCheckTests);
        // the preconditions level reports those callers too, and keeps the buggy twins.
        var program = TestLoads.Load(Repo.Testdata, ["./nil/preconditions/..."]);
        var options = new Dictionary<string, IReadOnlyDictionary<string, object?>>
        {
            ["nil"] = new Dictionary<string, object?> { [EvidenceOption.Key] = "preconditions" },
        };
        var byDefault = Driver.Run(program, [NilAnalyzer.Analyzer]).Findings.Select(f => f.Message).ToList();
        var preconditions = Driver.Run(program, [NilAnalyzer.Analyzer], settings: new RunSettings { Options = options }).Findings.Select(f => f.Message).ToList();
        foreach (var safe in new[] { "r may be nil here", "conf may be nil here", "Inverse(…) may be nil here" })
        {
            Assert.DoesNotContain(byDefault, m => m.Contains(safe, StringComparison.Ordinal));
            Assert.Contains(preconditions, m => m.Contains(safe, StringComparison.Ordinal));
        }
        foreach (var twin in new[] { "s.Find(…) may be nil here", "b may be nil here", "c may be nil here", "c.Remote() may be nil here" })
        {
            Assert.Contains(byDefault, m => m.Contains(twin, StringComparison.Ordinal));
            Assert.Contains(preconditions, m => m.Contains(twin, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void UnknownLevelIsAClearError()
    {
        var result = Run("everything", out _);
        Assert.Contains(result.Errors, e => e.Message.Contains("unknown level \"everything\"", StringComparison.Ordinal));
    }
}

/// <summary>Logging libraries' Fatal/Panic/Exit never return, also when loaded from export data (a vendored module).</summary>
public class NilLoggingLibraryTests
{
    [Fact]
    public void FatalAndPanicEndThePath() =>
        WantHarness.Check(Path.Combine(Repo.Testdata, "nillogs"), ["./..."], NilAnalyzer.Analyzer);
}

/// <summary>--nil-evidence on the command line: applied, and an unknown level is a usage error.</summary>
public class NilEvidenceFlagTests
{
    [Fact]
    public void FlagSetsTheLevel()
    {
        var dir = Path.Combine(Repo.Testdata, "nilevidence");
        var returns = Vigil.Tests.Report.CliRunner.Run(dir, [NilAnalyzer.Analyzer], ["check", "--checks", "nil", "--nil-evidence=returns", "./..."]);
        Assert.True(returns.Exit == 1, returns.ToString());
        Assert.Contains("s.ByEmail(…) may be nil here", returns.Stdout);
        var documented = Vigil.Tests.Report.CliRunner.Run(dir, [NilAnalyzer.Analyzer], ["check", "--checks", "nil", "./..."]);
        Assert.True(documented.Exit == 0, documented.ToString());
        var bogus = Vigil.Tests.Report.CliRunner.Run(dir, [NilAnalyzer.Analyzer], ["check", "--checks", "nil", "--nil-evidence=bogus", "./..."]);
        Assert.Equal(2, bogus.Exit);
        Assert.Contains("unknown level \"bogus\"", bogus.Stderr);
    }
}
