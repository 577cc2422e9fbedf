using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Dump;

/// <summary>Finds a function declaration by the name a person types: "F", "T.M" or "(*T).M".</summary>
public static class FunctionFinder
{
    public static IEnumerable<FuncDecl> All(Package pkg) =>
        pkg.Files.SelectMany(f => f.Syntax.Decls.OfType<FuncDecl>());

    public static FuncDecl? Find(Package pkg, string name)
    {
        string want = name.Replace("(*", "").Replace("(", "").Replace(")", "");
        foreach (var fd in All(pkg))
            if (QualifiedName(fd) == want) return fd;
        return null;
    }

    /// <summary>"F" for functions, "T.M" for methods (receiver pointer and type parameters dropped).</summary>
    public static string QualifiedName(FuncDecl fd)
    {
        if (fd.Recv is not { List.Count: > 0 } recv) return fd.Name!.Name;
        var t = recv.List[0].Type;
        while (true)
        {
            switch (t)
            {
                case StarExpr s: t = s.X; continue;
                case ParenExpr p: t = p.X; continue;
                case IndexExpr ix: t = ix.X; continue;
                case IndexListExpr il: t = il.X; continue;
            }
            break;
        }
        return (t is Ident id ? id.Name : "?") + "." + fd.Name!.Name;
    }
}
