using Vigil.Cli.Lsp.Protocol;
using Vigil.Config;
using Vigil.Findings;
using Vigil.Output;

namespace Vigil.Cli.Lsp.Server;

/// <summary>
/// A finding as an LSP diagnostic: its range, the configured severity, the
/// check id as code with its documentation as codeDescription, and each
/// step of its trace (nil flow, both race accesses, escape chain) as
/// relatedInformation.
/// </summary>
internal sealed class DiagnosticMapper(Severities severities, SourceTexts texts)
{
    public const string Source = "vigil";

    public Diagnostic Map(Finding f)
    {
        bool flows = f.Related.Select(r => r.Flow).Distinct().Count() > 1;
        return new Diagnostic
        {
            Range = RangeOf(f.Location, f.End),
            Severity = severities.Of(f.Check) switch { Severity.Error => 1, Severity.Warning => 2, _ => 3 },
            Code = f.Check,
            CodeDescription = CheckDocs.Url(f.Check) is { } href ? new CodeDescription(href) : null,
            Source = Source,
            // The advice is a second paragraph: editors show the whole message in the hover.
            Message = f.Advice is { } advice ? $"{f.Message}\nto fix: {advice}" : f.Message,
            RelatedInformation = f.Related.Count == 0 ? null : f.Related
                .Where(r => r.Location.Path.Length > 0)
                .Select(r => new DiagnosticRelatedInformation(
                    new Protocol.Location(FileUris.FromPath(r.Location.Path), RangeOf(r.Location, r.End)),
                    // A race's trace follows two goroutines: say which one each step is on, as the text output does.
                    flows && r.Flow is { } flow ? $"{flow}: {r.Message}" : r.Message))
                .ToList(),
        };
    }

    /// <summary>From the position to its end when known, else over the token there.</summary>
    public Protocol.Range RangeOf(Syntax.Location at, Syntax.Location? end)
    {
        var text = texts.Get(at.Path);
        if (!at.IsValid) return new Protocol.Range(new Position(0, 0), new Position(0, 0));
        if (text is null)
        {
            var p = new Position(at.Line - 1, at.Column - 1);
            var e = end is { IsValid: true } x && x.Path == at.Path ? new Position(x.Line - 1, x.Column - 1) : p with { Character = p.Character + 1 };
            return new Protocol.Range(p, e);
        }
        var start = text.At(at.Line, at.Column);
        if (end is { IsValid: true } stop && stop.Path == at.Path && (stop.Line, stop.Column).CompareTo((at.Line, at.Column)) > 0)
            return new Protocol.Range(start, text.At(stop.Line, stop.Column));
        return new Protocol.Range(start, text.AtOffset(text.TokenEnd(text.Offset(at.Line, at.Column))));
    }
}
