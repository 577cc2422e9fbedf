using System.Text.RegularExpressions;
using Vigil.Cli.Lsp.Protocol;
using Vigil.Filtering;

namespace Vigil.Cli.Lsp.Server;

/// <summary>
/// The quick fixes offered on a finding: the check's suggested fixes (byte
/// edits, as go/analysis's) when it has any, and a suppression comment
/// (//nolint:vigil-CHECK // reason, docs/output.md "Suppressions").
/// Offered only while the buffer is what was analyzed: on other text the
/// edits' positions would land in the wrong place.
/// </summary>
internal static partial class CodeActions
{
    public const string QuickFix = "quickfix";

    /// <summary>The reason the inserted directive carries, for the developer to replace.</summary>
    public const string ReasonPlaceholder = "TODO: why this finding is wrong or harmless";

    public static List<CodeAction> For(string path, Protocol.Range range, ModuleFindings published, OpenDocument? open)
    {
        var actions = new List<CodeAction>();
        if (!published.ByFile.TryGetValue(path, out var findings)) return actions;
        var text = published.Texts.Get(path);
        if (text is null || (open is not null && !text.SameAs(open.Text))) return actions;
        var uri = open?.Uri ?? FileUris.FromPath(path);
        foreach (var p in findings.Where(p => Overlaps(p.Diagnostic.Range, range)))
        {
            bool first = true;
            foreach (var fix in p.Finding.SuggestedFixes)
            {
                var edit = FixEdit(fix, published.Texts, path, uri);
                if (edit is null) continue;
                actions.Add(new CodeAction { Title = fix.Message, Kind = QuickFix, Diagnostics = [p.Diagnostic], IsPreferred = first, Edit = edit });
                first = false;
            }
            if (p.Finding.Check != Suppressions.DirectiveCheck)
                actions.Add(Suppress(p, text, uri));
        }
        return actions;
    }

    /// <summary>A suggested fix's byte edits as a workspace edit; null when a file it edits cannot be read.</summary>
    private static WorkspaceEdit? FixEdit(Findings.SuggestedFix fix, SourceTexts texts, string path, string uri)
    {
        var changes = new Dictionary<string, List<Protocol.TextEdit>>(StringComparer.Ordinal);
        foreach (var e in fix.Edits)
        {
            if (texts.Get(e.Path) is not { } t) return null;
            var key = e.Path == path ? uri : FileUris.FromPath(e.Path);
            if (!changes.TryGetValue(key, out var list)) changes[key] = list = [];
            list.Add(new Protocol.TextEdit(new Protocol.Range(t.AtOffset(e.Start), t.AtOffset(e.End)), e.NewText));
        }
        return new WorkspaceEdit(changes);
    }

    /// <summary>
    /// A //nolint for the finding's check on its line: added to the line's
    /// //nolint:NAMES when it has one; else a trailing comment, unless the line
    /// already has a comment (the directive would become its text) or a raw
    /// string; then on its own line above, at the line's indentation, where
    /// it covers the statement that starts there.
    /// </summary>
    private static CodeAction Suppress(PublishedFinding p, SourceText text, string uri)
    {
        var check = p.Finding.Check;
        int line = p.Finding.Location.Line - 1;
        var content = text.Line(line);
        Protocol.TextEdit edit;
        var existing = NoLintNames().Match(content);
        if (existing.Success)
        {
            int at = existing.Groups[1].Index + existing.Groups[1].Length;
            edit = new(new(new(line, at), new(line, at)), "," + check);
        }
        else if (content.Contains("//", StringComparison.Ordinal) || content.Contains("/*", StringComparison.Ordinal) || content.Contains('`'))
        {
            var indent = content[..(content.Length - content.TrimStart(' ', '\t').Length)];
            edit = new(new(new(line, 0), new(line, 0)), $"{indent}//nolint:{check} // {ReasonPlaceholder}\n");
        }
        else
        {
            int end = content.TrimEnd(' ', '\t').Length;
            edit = new(new(new(line, end), new(line, content.Length)), $" //nolint:{check} // {ReasonPlaceholder}");
        }
        return new CodeAction
        {
            Title = $"Suppress {check} here (//nolint:{check})",
            Kind = QuickFix,
            Diagnostics = [p.Diagnostic],
            Edit = new WorkspaceEdit(new() { [uri] = [edit] }),
        };
    }

    private static bool Overlaps(Protocol.Range a, Protocol.Range b) =>
        Compare(a.Start, b.End) <= 0 && Compare(b.Start, a.End) <= 0;

    private static int Compare(Position x, Position y) => x.Line != y.Line ? x.Line.CompareTo(y.Line) : x.Character.CompareTo(y.Character);

    /// <summary>"//nolint:errcheck,gosec": the names list, to add a check to.</summary>
    [GeneratedRegex(@"//nolint:([A-Za-z0-9_\-]+(?:,[A-Za-z0-9_\-]+)*)")]
    private static partial Regex NoLintNames();
}
