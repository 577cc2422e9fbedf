using System.Text;
using Vigil.Analysis.Escape;
using Vigil.Fixes;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Fixes;

/// <summary>The fix of a misspelled escape annotation: the magic word spelled right, the rest of the comment kept.</summary>
public class AnnotationFixTests
{
    [Theory]
    [InlineData("// +checkesacape:all", "// +checkescape:all")]
    [InlineData("//+checkescape", "// +checkescape")]
    [InlineData("// +checkescapes:heap // note", "// +checkescape:heap // note")]
    [InlineData("//  +CheckEscape:heap", "// +checkescape:heap")]
    [InlineData("// +mustesacpe:heap", "// +mustescape:heap")]
    public void CorrectsTheMagicWord(string comment, string corrected)
    {
        var (length, text) = AnnotationParser.NearMissCorrection(comment)!.Value;
        var fixedText = text + comment[length..];
        Assert.Equal(corrected, fixedText);
        Assert.Contains(AnnotationParser.Classify(fixedText), new[] { AnnotationParser.Kind.Check, AnnotationParser.Kind.Must });
    }

    [Fact]
    public void ProseHasNoCorrection() => Assert.Null(AnnotationParser.NearMissCorrection("// +build linux"));

    [Fact]
    public void MisspelledAnnotationsInThePackageGetTheirFix()
    {
        var findings = WantHarness.Check(Repo.Testdata, ["./escape/grammar"], EscapeCheck.Analyzer).Findings
            .Where(f => f.Message.Contains("misspelled", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, findings.Count);
        foreach (var f in findings)
        {
            var edit = Assert.Single(Assert.Single(f.SuggestedFixes).Edits);
            var bytes = File.ReadAllBytes(edit.Path);
            var line = Encoding.UTF8.GetString(FixPlan.Apply(bytes, [edit])).Split('\n')[f.Location.Line - 1];
            Assert.Contains(AnnotationParser.Classify(line), new[] { AnnotationParser.Kind.Check, AnnotationParser.Kind.Must });
        }
    }
}
