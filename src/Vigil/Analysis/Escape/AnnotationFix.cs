using System.Text;
using Vigil.Findings;
using Vigil.Fixes;
using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>Reports an annotation mistake, with the corrected spelling as its fix when the mistake is a misspelled magic word.</summary>
public static class AnnotationFix
{
    public static void Report(Pass pass, Comment c, AnnotationMistake m) => pass.Report(new Finding
    {
        Check = pass.Analyzer.CheckId,
        Location = c.Location,
        End = c.SourceFile.Location(c.End),
        Message = m.Message,
        SuggestedFixes = For(c, m),
    });

    /// <summary>The edit that respells the comment's magic word ("// +checkescpe:heap" → "// +checkescape:heap").</summary>
    public static IReadOnlyList<SuggestedFix> For(Comment c, AnnotationMistake m)
    {
        if (m.Correction is not var (length, text) || FixSource.Of(c.SourceFile) is not { } src) return [];
        int start = c.Pos.Offset, end = start + Encoding.UTF8.GetByteCount(c.Text.AsSpan(0, length));
        if (end > src.Bytes.Length || src.Text(start, end) != c.Text[..length]) return [];
        return [new SuggestedFix($"spell it \"{text}\"", [new TextEdit(c.SourceFile.Path, start, end, text)])];
    }
}
