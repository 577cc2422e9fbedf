using Vigil.Cli.Lsp.Server;
using Vigil.Config;
using Vigil.Findings;

namespace Vigil.Tests.Lsp;

/// <summary>Where the suppression code action puts its //nolint, and suggested fixes as workspace edits.</summary>
public sealed class CodeActionTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("vigil-lsp-actions-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private (string Path, List<Vigil.Cli.Lsp.Protocol.CodeAction> Actions) ActionsOn(string source, int line, int column, IReadOnlyList<SuggestedFix>? fixes = null, string check = "vigil-nil")
    {
        var path = Path.Combine(dir, "a.go");
        File.WriteAllText(path, source);
        var texts = new SourceTexts();
        var finding = new Finding
        {
            Check = check,
            Location = new Syntax.Location(path, line, column, 0),
            Message = "nil panic: p may be nil here",
            SuggestedFixes = fixes ?? [],
        };
        var diagnostic = new DiagnosticMapper(Severities.Default, texts).Map(finding);
        var published = new ModuleFindings(new Dictionary<string, List<PublishedFinding>> { [path] = [new(finding, diagnostic)] }, texts);
        return (path, CodeActions.For(path, diagnostic.Range, published, open: null));
    }

    private static string Apply(string source, Vigil.Cli.Lsp.Protocol.TextEdit e)
    {
        var lines = source.Split('\n').ToList();
        int Offset(Vigil.Cli.Lsp.Protocol.Position p) => lines.Take(p.Line).Sum(l => l.Length + 1) + p.Character;
        return source[..Offset(e.Range.Start)] + e.NewText + source[Offset(e.Range.End)..];
    }

    [Fact]
    public void ALineWithoutACommentGetsATrailingDirective()
    {
        var src = "package p\n\nfunc f(p *int) int {\n\treturn *p\n}\n";
        var (path, actions) = ActionsOn(src, 4, 10);
        var edit = Assert.Single(Assert.Single(actions).Edit!.Changes[new Uri(path).AbsoluteUri]);
        Assert.Contains("\treturn *p //nolint:vigil-nil // ", Apply(src, edit));
    }

    [Fact]
    public void ALineWithACommentGetsTheDirectiveOnItsOwnLineAbove()
    {
        var src = "package p\n\nfunc f(p *int) int {\n\treturn *p // the value\n}\n";
        var (path, actions) = ActionsOn(src, 4, 10);
        var edit = Assert.Single(Assert.Single(actions).Edit!.Changes[new Uri(path).AbsoluteUri]);
        Assert.Contains("{\n\t//nolint:vigil-nil // " + CodeActions.ReasonPlaceholder + "\n\treturn *p // the value\n", Apply(src, edit));
    }

    [Fact]
    public void AnExistingNolintGetsTheCheckAddedToItsNames()
    {
        var src = "package p\n\nfunc f(p *int) int {\n\treturn *p //nolint:errcheck // old\n}\n";
        var (path, actions) = ActionsOn(src, 4, 10);
        var edit = Assert.Single(Assert.Single(actions).Edit!.Changes[new Uri(path).AbsoluteUri]);
        Assert.Contains("\treturn *p //nolint:errcheck,vigil-nil // old\n", Apply(src, edit));
    }

    [Fact]
    public void SuggestedFixesComeFirstAsPreferredWorkspaceEdits()
    {
        var src = "package p\n\nfunc f(p *int) int {\n\treturn *p\n}\n";
        var path = Path.Combine(dir, "a.go");
        int at = src.IndexOf("\treturn", StringComparison.Ordinal);
        var fix = new SuggestedFix("Return 0 when p is nil", [new TextEdit(path, at, at, "\tif p == nil {\n\t\treturn 0\n\t}\n")]);
        var (_, actions) = ActionsOn(src, 4, 10, [fix]);
        Assert.Equal(2, actions.Count);
        Assert.Equal("Return 0 when p is nil", actions[0].Title);
        Assert.True(actions[0].IsPreferred);
        var edit = Assert.Single(actions[0].Edit!.Changes[new Uri(path).AbsoluteUri]);
        Assert.Equal(new Vigil.Cli.Lsp.Protocol.Position(3, 0), edit.Range.Start);
        Assert.Contains("{\n\tif p == nil {\n\t\treturn 0\n\t}\n\treturn *p\n", Apply(src, edit));
    }

    [Fact]
    public void DirectiveFindingsAreNotOfferedASuppression()
    {
        var (_, actions) = ActionsOn("package p\n\n//nolint:vigil-nil\nvar x = 1\n", 3, 1, check: "vigil-directive");
        Assert.Empty(actions);
    }
}
