using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>
/// What to do about a broken promise (Finding.Advice), naming the function
/// and the annotation with its line ("keep Fill's promise (+checkescape:hard,
/// hotpath.go:35): remove the allocation …"), so a finding in a callee still
/// says whose promise it breaks. The message keeps the compiler's reason
/// first ("heap: …") as checkescape reports it, and the trace stays the call
/// chain: tests and tools that read those are unchanged.
/// </summary>
internal static class PromiseAdvice
{
    /// <summary>An escape that a +checkescape promise forbids, by its reason.</summary>
    public static string Broken(FuncDecl decl, EscapeReason reason)
    {
        string what = reason switch
        {
            EscapeReason.Heap or EscapeReason.Builtin => "remove the allocation (reuse a buffer, or move it out of the hot path)",
            EscapeReason.Interface => "call the concrete type's method instead of the interface's",
            EscapeReason.Dynamic => "call the function directly instead of through a function value",
            EscapeReason.Stack => "keep the callee's frame small or mark it //go:nosplit, so entering it needs no stack check",
            _ => "call code that Vigil can compile, or check the callee's escapes yourself",
        };
        return $"keep {Name(decl)}'s promise ({Annotation(decl, AnnotationParser.Kind.Check)}): {what}, or accept it with \"// escapes: why\" on its line";
    }

    /// <summary>A +mustescape promise the compiler's decisions don't meet.</summary>
    public static string Unmet(FuncDecl decl) =>
        $"make {Name(decl)} allocate as it promises ({Annotation(decl, AnnotationParser.Kind.Must)}), or correct the promise";

    /// <summary>"+checkescape:hard, hotpath.go:35": the annotation as written, and where.</summary>
    private static string Annotation(FuncDecl decl, AnnotationParser.Kind kind)
    {
        var comment = decl.Doc?.List.FirstOrDefault(c => AnnotationParser.Classify(c.Text) == kind);
        if (comment is null) return kind == AnnotationParser.Kind.Must ? AnnotationParser.MustMagic : AnnotationParser.CheckMagic;
        return $"{AnnotationParser.Strip(comment.Text)[3..]}, {Path.GetFileName(comment.Location.Path)}:{comment.Location.Line}";
    }

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
