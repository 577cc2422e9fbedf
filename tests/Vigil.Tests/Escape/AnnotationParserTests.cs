using Vigil.Analysis.Escape;
using Xunit;

namespace Vigil.Tests.Escape;

public class AnnotationParserTests
{
    private static (Promise? Promise, List<AnnotationMistake> Mistakes) Parse(params string[] lines)
    {
        var mistakes = new List<AnnotationMistake>();
        return (AnnotationParser.ParseDoc(lines, mistakes), mistakes);
    }

    [Fact]
    public void BareMeansLocalHard()
    {
        var (p, m) = Parse("// F does things.", "//", "// +checkescape");
        Assert.Empty(m);
        Assert.True(p!.Local);
        Assert.Equal(EscapeReasons.Hard, p.Forbidden);
        Assert.Empty(p.Required);
    }

    [Theory]
    [InlineData("// +checkescape:heap", new[] { EscapeReason.Heap }, false)]
    [InlineData("// +checkescape:local,heap", new[] { EscapeReason.Heap }, true)]
    [InlineData("// +checkescape:interface,dynamic", new[] { EscapeReason.Interface, EscapeReason.Dynamic }, false)]
    [InlineData("// +checkescape:hard", new[] { EscapeReason.Heap, EscapeReason.Builtin }, false)]
    [InlineData("// +checkescape:stack,unknown", new[] { EscapeReason.Stack, EscapeReason.Unknown }, false)]
    [InlineData("// +checkescape:builtin // trailing note", new[] { EscapeReason.Builtin }, false)]
    public void CheckescapeReasons(string line, EscapeReason[] reasons, bool local)
    {
        var (p, m) = Parse(line);
        Assert.Empty(m);
        Assert.Equal(reasons, p!.Forbidden);
        Assert.Equal(local, p.Local);
    }

    [Fact]
    public void AllIsEverySixReasons()
    {
        var (p, _) = Parse("// +checkescape:all");
        Assert.Equal(6, p!.Forbidden.Distinct().Count());
    }

    [Fact]
    public void MustescapeLocalAppliesToReasonsAfterIt()
    {
        var (p, m) = Parse("// +mustescape:heap,local,builtin");
        Assert.Empty(m);
        Assert.Equal([new ReasonScope(EscapeReason.Heap, false), new ReasonScope(EscapeReason.Builtin, true)], p!.Required);
        Assert.Empty(p.Forbidden);
    }

    [Theory]
    [InlineData("// +checkescape:bogus", "unknown reason \"bogus\"")]
    [InlineData("// +checkescape all", "reasons follow a colon")]
    [InlineData("// +checkescape heap", "\"// +checkescape:heap\"")]
    [InlineData("// +checkesacape:all", "misspelled \"// +checkescape\"")]
    [InlineData("// +checkescapes", "misspelled")]
    [InlineData("//+checkescape", "misspelled")]
    [InlineData("// +CheckEscape", "misspelled")]
    [InlineData("// +mustesape:heap", "misspelled \"// +mustescape\"")]
    [InlineData("// +mustescape", "needs reasons after a colon")]
    [InlineData("// +mustescape:nope", "unknown reason \"nope\" in +mustescape")]
    [InlineData("// +checkescape:", "names no reason")]
    [InlineData("// +checkescape:heap,,builtin", "empty reason")]
    public void MistakesAreReported(string line, string message)
    {
        var (_, m) = Parse("// Doc.", line);
        Assert.Contains(m, x => x.CommentIndex == 1 && x.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("// just prose about +checking")]
    [InlineData("// +build linux")]
    [InlineData("// escapes to the heap, explained")]
    public void ProseIsNotAnAnnotation(string line)
    {
        var (p, m) = Parse(line);
        Assert.Null(p);
        Assert.Empty(m);
        Assert.Equal(AnnotationParser.Kind.None, AnnotationParser.Classify(line));
    }

    [Theory]
    [InlineData("// escapes: pool miss", AnnotationParser.Kind.Exemption, "pool miss")]
    [InlineData("// escapes: // want `x`", AnnotationParser.Kind.Exemption, "")]
    [InlineData("// escapes:", AnnotationParser.Kind.Exemption, "")]
    [InlineData("//escapes: tight", AnnotationParser.Kind.BadExemption, null)]
    [InlineData("// Escapes: upper", AnnotationParser.Kind.BadExemption, null)]
    [InlineData("// escapes", AnnotationParser.Kind.BadExemption, null)]
    public void Exemptions(string text, AnnotationParser.Kind kind, string? reason)
    {
        Assert.Equal(kind, AnnotationParser.Classify(text));
        Assert.Equal(reason, AnnotationParser.ExemptionReason(text));
    }

    [Theory]
    [InlineData("checkescape", "checkescape", 0)]
    [InlineData("checkesacape", "checkescape", 1)]
    [InlineData("chekescape", "checkescape", 1)]
    [InlineData("mustescape", "checkescape", 5)]
    public void EditDistance(string a, string b, int d) => Assert.Equal(d, AnnotationParser.Distance(a, b));
}
