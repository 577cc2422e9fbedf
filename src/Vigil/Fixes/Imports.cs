using Vigil.Findings;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Fixes;

/// <summary>What a file imports, and the edit that adds an import, placed as goimports would.</summary>
public static class Imports
{
    /// <summary>The name a standard-library package is referred to by in the file (its alias, if any); null when not imported usably.</summary>
    public static string? LocalName(Syntax.File file, string path)
    {
        foreach (var spec in Specs(file))
        {
            if (spec.Path?.Value != Quote(path)) continue;
            var name = spec.Name?.Name ?? path[(path.LastIndexOf('/') + 1)..];
            return name is "_" or "." ? null : name;
        }
        return null;
    }

    /// <summary>
    /// The edit that imports <paramref name="path"/> (a standard-library path) into the file:
    /// into the standard-library group of the first parenthesized import, in order; after a
    /// lone import; or after the package clause when the file imports nothing.
    /// </summary>
    public static TextEdit? Add(FixSource src, string path)
    {
        var file = src.File.Syntax;
        var line = Quote(path);
        var nl = src.Newline;
        var decls = file.Decls.OfType<GenDecl>().Where(d => d.Tok == Token.Import).ToList();
        if (decls.Count == 0)
            return file.Name is { } name ? src.Insert(name.End.Offset, $"{nl}{nl}import {line}") : null;
        var grouped = decls.FirstOrDefault(d => d.Lparen.IsValid);
        if (grouped is null)
        {
            var last = decls[^1];
            return src.RestOfLineIsBlank(last.End.Offset) ? src.Insert(src.NextLineStart(last.End.Offset), $"import {line}{nl}") : null;
        }
        var specs = grouped.Specs.OfType<ImportSpec>().Where(s => s.Path is not null).ToList();
        var std = specs.Where(s => IsStandard(s.Path!.Value)).ToList();
        var after = std.FirstOrDefault(s => string.CompareOrdinal(s.Path!.Value, line) > 0);
        if (after is not null && src.IndentBefore(after.Pos.Offset) is { } indent)
            return src.Insert(src.LineStart(after.Pos.Offset), $"{indent}{line}{nl}");
        if (std.Count > 0 && src.RestOfLineIsBlank(std[^1].End.Offset))
            return src.Insert(src.NextLineStart(std[^1].End.Offset), $"{src.LineIndent(std[^1].Pos.Offset)}{line}{nl}");
        // Only non-standard imports: a group of its own at the top.
        return src.Insert(grouped.Lparen.Offset + 1, $"{nl}\t{line}{nl}");
    }

    /// <summary>True when an identifier of the function body names something other than the imported package (a local "errors").</summary>
    public static bool Shadowed(Node body, string name, TypeInfo info) =>
        body.Descendants().OfType<Ident>().Any(id => id.Name == name && info.ObjectOf(id) is { } o && o is not GoPkgName);

    private static IEnumerable<ImportSpec> Specs(Syntax.File file) =>
        file.Decls.OfType<GenDecl>().Where(d => d.Tok == Token.Import).SelectMany(d => d.Specs.OfType<ImportSpec>());

    private static bool IsStandard(string quoted)
    {
        var p = quoted.Trim('"');
        var first = p.Split('/')[0];
        return !first.Contains('.');
    }

    private static string Quote(string path) => "\"" + path + "\"";
}
