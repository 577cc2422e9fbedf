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

    /// <summary>What to do about an escape the promise forbids, by its reason.</summary>
    public static string BrokenCheck(EscapeReason reason) => reason switch
    {
        EscapeReason.Heap or EscapeReason.Builtin => "remove the allocation (reuse a buffer, or move it out of the hot path)",
        EscapeReason.Interface => "call the concrete type's method instead of the interface's",
        EscapeReason.Dynamic => "call the function directly instead of through a function value",
        EscapeReason.Stack => "keep the callee's frame small or mark it //go:nosplit, so entering it needs no stack check",
        _ => "call code that Vigil can compile, or check the callee's escapes yourself",
    } + ", or accept it with \"// escapes: why\" on its line";
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
