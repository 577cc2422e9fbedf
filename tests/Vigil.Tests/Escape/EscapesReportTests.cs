using Vigil.Analysis.Escape;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Escape;

/// <summary>`vigil escapes`: what allocates in a function and its callees, annotated or not.</summary>
public class EscapesReportTests
{
    private static string Run(string pattern, string? function)
    {
        var program = TestLoads.Load(Repo.Testdata, [pattern]);
        var decls = EscapesReport.Select(program, function);
        var w = new StringWriter();
        EscapesReport.Write(w, program, decls, Repo.Testdata);
        return w.ToString().Replace('\\', '/');
    }

    [Fact]
    public void ShowsTheChainIntoAnUnannotatedCallee()
    {
        string text = Run("./escape/callee", "first");
        Assert.Contains("callee.first (escape/callee/callee.go:14)", text);
        Assert.Contains("heap: &Buf{} escapes to heap (via a callee)", text);
        Assert.Contains("→ callee.second (callee.go:17)", text);
    }

    [Fact]
    public void CleanFunctionsSayNothingEscapes()
    {
        string text = Run("./escape/reasons", "Leaf");
        Assert.Contains("reasons.Leaf", text);
        Assert.Contains("nothing escapes", text);
    }

    [Fact]
    public void ExemptedEscapesAreNotListed()
    {
        string text = Run("./escape/exempt", "helper");
        Assert.DoesNotContain("heap:", text);
    }

    [Fact]
    public void EveryFunctionWithoutAName()
    {
        string text = Run("./escape/oneline", null);
        Assert.Contains("oneline.OnlySecond", text);
        Assert.Contains("oneline.use", text);
        Assert.Contains("oneline/oneline.go:12:20: heap: &T{...} escapes to heap", text);
    }
}
