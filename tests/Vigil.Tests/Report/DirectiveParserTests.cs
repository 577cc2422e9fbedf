using Vigil.Filtering;
using Vigil.Syntax;
using Xunit;

namespace Vigil.Tests.Report;

public class DirectiveParserTests
{
    private static readonly HashSet<string> Known = ["vigil-nil", "vigil-race", "vigil-directive"];

    private static (Directive? D, List<DirectiveProblem> Problems) Parse(string text, bool needsReason = false)
    {
        var problems = new List<DirectiveProblem>();
        return (DirectiveParser.Parse(text, new Location("f.go", 1, 1, 0), Known, needsReason, problems), problems);
    }

    [Theory]
    [InlineData("// nolint is not needed here: prose")]
    [InlineData("// nolintish")]
    [InlineData("//nolint:errcheck")]
    [InlineData("//nolint:errcheck // reason")]
    [InlineData("// nolint: errcheck")]
    [InlineData("//lint:ignore SA5011 staticcheck's own")]
    [InlineData("// just a comment")]
    public void NotVigilDirectives(string text)
    {
        var (d, problems) = Parse(text);
        Assert.Null(d);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("//nolint", true, new string[0], "")]
    [InlineData("//nolint:all", true, new string[0], "")]
    [InlineData("//nolint:vigil", true, new string[0], "")]
    [InlineData("//nolint:vigil-nil,vigil-race // why not", false, new[] { "vigil-nil", "vigil-race" }, "why not")]
    [InlineData("//nolint:Vigil-Nil", false, new[] { "vigil-nil" }, "")]
    [InlineData("//nolint: vigil-nil", false, new[] { "vigil-nil" }, "")]
    [InlineData("//nolint:vigil-nil// tight", false, new[] { "vigil-nil" }, "tight")]
    [InlineData("//lint:ignore vigil-nil,vigil-r* because", false, new[] { "vigil-nil", "vigil-r*" }, "because")]
    public void Forms(string text, bool all, string[] checks, string reason)
    {
        var (d, problems) = Parse(text);
        Assert.NotNull(d);
        Assert.Empty(problems);
        Assert.Equal(all, d.AllChecks);
        Assert.Equal(checks, d.Checks);
        Assert.Equal(reason, d.Reason);
    }

    [Theory]
    [InlineData("//nolint:vigil-nil,", "malformed directive")]
    [InlineData("//nolint:vigil-nil trailing words", "malformed directive")]
    [InlineData("//lint:ignore vigil-nil", "missing the required reason")]
    [InlineData("//lint:file-ignore vigil-nil", "missing the required reason")]
    public void BrokenDirectivesAreReportedAndNotApplied(string text, string problem)
    {
        var (d, problems) = Parse(text);
        Assert.Null(d);
        Assert.Contains(problems, p => p.Message.Contains(problem));
    }

    [Fact]
    public void SpacedDirectiveIsAppliedAndReported()
    {
        var (d, problems) = Parse("// nolint:vigil-nil");
        Assert.NotNull(d);
        Assert.Contains(problems, p => p.Message.Contains("without a space after //"));
    }

    [Fact]
    public void UnknownVigilNameIsReported()
    {
        var (d, problems) = Parse("//nolint:vigil-nill");
        Assert.NotNull(d);
        Assert.Contains(problems, p => p.Message.Contains("unknown check \"vigil-nill\""));
    }

    [Fact]
    public void ReasonRequiredWhenConfigured()
    {
        Assert.Contains(Parse("//nolint:vigil-nil", needsReason: true).Problems, p => p.Message.Contains("needs a reason"));
        Assert.Empty(Parse("//nolint:vigil-nil // ok", needsReason: true).Problems);
    }
}
