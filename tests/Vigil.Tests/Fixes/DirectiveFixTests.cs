using Vigil.Filtering;
using Vigil.Syntax;
using Xunit;

namespace Vigil.Tests.Fixes;

/// <summary>The fix of a misspelled check name in a suppression directive: the one check within two edits.</summary>
public class DirectiveFixTests
{
    private static readonly HashSet<string> Known = ["vigil-nil", "vigil-race", "vigil-escape", "vigil-directive"];

    private static DirectiveProblem Problem(string text)
    {
        var problems = new List<DirectiveProblem>();
        DirectiveParser.Parse(text, new Location("/m/a.go", 3, 5, 100), Known, false, problems);
        return Assert.Single(problems);
    }

    [Theory]
    [InlineData("//nolint:vigil-nill // k is set in init", "vigil-nill", "vigil-nil")]
    [InlineData("//nolint:vigil-race,Vigil-Escap // reason", "Vigil-Escap", "vigil-escape")]
    [InlineData("//lint:ignore vigil-rcae guarded by the caller", "vigil-rcae", "vigil-race")]
    public void RespellsTheName(string text, string wrong, string right)
    {
        var edit = Assert.Single(Problem(text).Fix!.Edits);
        Assert.Equal(100 + text.IndexOf(wrong, StringComparison.Ordinal), edit.Start);
        Assert.Equal(edit.Start + wrong.Length, edit.End);
        Assert.Equal(right, edit.NewText);
    }

    [Theory]
    [InlineData("//nolint:vigil-frobnicate // far from every check")]
    [InlineData("//nolint:vigil-rail // two edits from vigil-nil and from vigil-race: which one is a guess")]
    public void FarOrAmbiguousNamesGetNoFix(string text) => Assert.Null(Problem(text).Fix);
}
