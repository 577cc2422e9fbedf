using System.Reflection;
using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Dump;

/// <summary>Prints a syntax tree, one node a line, indented, with positions, fields and types.</summary>
public static class SyntaxDump
{
    public static void Write(TextWriter w, Package pkg, Node? only = null)
    {
        w.WriteLine($"package {pkg.Id}");
        if (only is not null) { WriteNode(w, pkg, only, 0); return; }
        foreach (var f in pkg.Files) WriteNode(w, pkg, f.Syntax, 0);
    }

    private static void WriteNode(TextWriter w, Package pkg, Node n, int depth)
    {
        var start = n.SourceFile.Location(n.Pos);
        var end = n.SourceFile.Location(n.End);
        w.Write(new string(' ', depth * 2));
        w.Write($"{n.Kind} {System.IO.Path.GetFileName(start.Path)}:{start.Line}:{start.Column}-{end.Line}:{end.Column}");
        foreach (var p in n.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            object? v = p.GetValue(n);
            switch (v)
            {
                case string s: w.Write($" {p.Name}={Semantics.TypeString.GoQuote(s)}"); break;
                case Token t when t != Token.Illegal: w.Write($" {p.Name}={t}"); break;
                case bool b when b: w.Write($" {p.Name}"); break;
            }
        }
        if (pkg.Info.TypeOf(n) is { } ty)
            w.Write($" : {Semantics.TypeString.Of(ty, pkg.Types)}");
        if (n is Ident id && pkg.Info.ObjectOf(id) is { } obj)
            w.Write($" -> {TypesDump.KindName(obj)} {obj.Name}");
        w.WriteLine();
        n.VisitChildren(c => WriteNode(w, pkg, c, depth + 1));
    }
}
