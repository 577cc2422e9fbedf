using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>Turns escapes into report positions and traces ("→ hotpath.grow (hotpath.go:43)").</summary>
public static class Report
{
    /// <summary>A source location for a compiler position: its column when it has one, else the call or first token on the line.</summary>
    /// <param name="callee">The function the position calls into, when it is a call: its call expression is preferred among several on the line.</param>
    public static Location LocationOf(EscapeModel model, SourcePos p, GraphNode? callee = null)
    {
        if (p.Column > 0) return new Location(p.File, p.Line, p.Column, -1);
        var calls = model.Index.CallsOnLine(p);
        if (calls.Count > 0)
        {
            string? key = callee is null ? null : SymbolNames.Normalize(callee.Code.Symbol);
            var call = calls.Where(c => key is not null && StaticCallees.Resolve(c, SourceIndex.InfoOf(c)) is { } f && SymbolNames.KeyOf(f) == key)
                           .MinBy(c => c.Location.Column)
                       ?? calls.MinBy(c => c.Location.Column)!;
            return call.Location;
        }
        return new Location(p.File, p.Line, model.Index.FirstColumn(p), -1);
    }

    public static IReadOnlyList<RelatedLocation> Trace(EscapeModel model, Escape e)
    {
        var trace = new List<RelatedLocation>();
        for (int i = 1; i < e.Chain.Count; i++)
        {
            var step = e.Chain[i];
            trace.Add(new RelatedLocation(LocationOf(model, step.Pos, NextCallee(e, i)), "→ " + FunctionName(model, step, e.Chain[i - 1].Pos)));
        }
        return trace;
    }

    /// <summary>The report position of an escape: the site, or the call in the function that leads to it.</summary>
    public static Location At(EscapeModel model, Escape e) => LocationOf(model, e.At, NextCallee(e, 0));

    private static GraphNode? NextCallee(Escape e, int i) => i + 1 < e.Chain.Count ? e.Chain[i + 1].EnteredFunction : null;

    /// <summary>"hotpath.grow (hotpath.go:43)": the function a step is in and where it is declared.</summary>
    /// <param name="from">The previous step: the call that led here, used to name inlined functions of packages not loaded from source.</param>
    public static string FunctionName(EscapeModel model, ChainStep step, SourcePos from)
    {
        if (step.EnteredFunction is { } fn)
        {
            var entry = fn.Code.Entry;
            return SymbolNames.Short(fn.Code.Symbol) + (entry is { } p ? $" ({Path.GetFileName(p.File)}:{p.Line})" : "");
        }
        if (model.Index.DeclarationAt(step.Pos) is { } decl)
        {
            string name = decl.Object is { } obj ? SymbolNames.Short(SymbolNames.KeyOf(obj)) : decl.Decl.Name?.Name ?? "?";
            return $"{name} ({Path.GetFileName(decl.File)}:{decl.FirstLine}, inlined)";
        }
        // Inlined from a package loaded from export data (the standard library): name the callee of the call that led here.
        var callee = model.Index.CallsOnLine(from)
            .Select(c => StaticCallees.Resolve(c, SourceIndex.InfoOf(c)))
            .FirstOrDefault(f => f is not null && SourcePaths.Same(f.Location.Path, step.Pos.File));
        return callee is not null
            ? $"{SymbolNames.Short(SymbolNames.KeyOf(callee))} ({Path.GetFileName(callee.Location.Path)}:{callee.Location.Line}, inlined)"
            : $"{Path.GetFileName(step.Pos.File)}:{step.Pos.Line} (inlined)";
    }
}
