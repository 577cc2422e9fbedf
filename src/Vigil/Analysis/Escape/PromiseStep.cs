using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>
/// The last step of an escape finding's trace: the function whose promise is
/// broken and the annotation itself, at its line in the doc comment
/// ("Fill promises +checkescape:hard"); and what to do about it. The message keeps
/// the compiler's reason first ("heap: …"), as checkescape reports it; the
/// promise goes here so a finding in a callee still says whose promise it is.
/// </summary>
internal static class PromiseStep
{
    public static RelatedLocation For(FuncDecl decl, AnnotationParser.Kind kind)
    {
        var annotation = decl.Doc?.List.FirstOrDefault(c => AnnotationParser.Classify(c.Text) == kind);
        string text = annotation is null ? (kind == AnnotationParser.Kind.Must ? AnnotationParser.MustMagic : AnnotationParser.CheckMagic)
            : AnnotationParser.Strip(annotation.Text)[3..];
        return new RelatedLocation(annotation?.Location ?? decl.Name!.Location, $"{Name(decl)} promises {text}");
    }

    public const string BrokenCheck = "remove the allocation (or move it out of the hot path), or accept it with \"// escapes: why\" on its line";
    public const string UnmetMust = "make the function allocate as it promises, or correct the promise";

    /// <summary>"Fill", "(*Ring).Push", "Buf.Len": the function as its package names it.</summary>
    private static string Name(FuncDecl decl)
    {
        string name = decl.Name!.Name;
        if (decl.Recv is not { List.Count: > 0 } recv) return name;
        return recv.List[0].Type switch
        {
            StarExpr { X: var t } => $"(*{TypeName(t)}).{name}",
            var t => $"{TypeName(t)}.{name}",
        };
    }

    private static string TypeName(Expr? t) => t switch
    {
        Ident id => id.Name,
        IndexExpr { X: var x } => TypeName(x),
        IndexListExpr { X: var x } => TypeName(x),
        _ => "?",
    };
}
