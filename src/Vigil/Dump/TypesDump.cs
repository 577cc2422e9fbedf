using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Dump;

/// <summary>
/// Prints every identifier with its role (def/use), object kind and type, in
/// the same text as the front-end's `-debug=types`, so the two can be compared.
/// </summary>
public static class TypesDump
{
    public static void Write(TextWriter w, Package pkg, Node? only = null)
    {
        w.WriteLine($"package {pkg.Id}");
        foreach (var f in pkg.Files)
        {
            Node root = only is not null ? only : f.Syntax;
            if (only is not null && only.SourceFile != f) continue;
            var idents = root.Descendants().OfType<Ident>().OrderBy(i => i.Pos.Raw).ToList();
            string name = System.IO.Path.GetFileName(f.Path);
            foreach (var id in idents)
            {
                var loc = f.Location(id.Pos);
                string role = "-";
                GoObject? obj = null;
                if (pkg.Info.DefOf(id) is { } d) { role = "def"; obj = d; }
                else if (pkg.Info.UseOf(id) is { } u) { role = "use"; obj = u; }
                else if (pkg.Info.IsDefinitionWithoutObject(id)) role = "def";
                string kind = "-", typ = "-";
                if (obj is not null)
                {
                    kind = KindName(obj);
                    if (obj.Type is not null) typ = TypeString.Of(obj.Type, pkg.Types);
                }
                w.WriteLine($"{name}:{loc.Line}:{loc.Column} {id.Name} {role} {kind} {typ}");
            }
        }
    }

    public static string KindName(GoObject o) => o switch
    {
        GoVar v => v.IsField ? "field" : "var",
        GoFunc f => f.IsMethod ? "method" : "func",
        GoTypeName => "type",
        GoConst => "const",
        GoLabel => "label",
        GoPkgName => "package",
        GoBuiltin => "builtin",
        GoNil => "nil",
        _ => "?",
    };
}
