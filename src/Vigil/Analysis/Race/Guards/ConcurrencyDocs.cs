using System.Text.RegularExpressions;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// What a type's or method's doc comment says about concurrent use. An author who writes "not safe for
/// concurrent use", "must not be called concurrently with Add" or "must not be modified while any goroutines in the
/// group are active" states the contract that makes a lock-free
/// access right; the analyses that assume a type's methods run concurrently trust it.
/// </summary>
public static class ConcurrencyDocs
{
    public static bool RulesOut(CommentGroup? doc) =>
        doc is not null && NotConcurrent.IsMatch(string.Join(" ", doc.List.Select(c => c.Text)));

    private static readonly Regex NotConcurrent = new(
        @"\b(not|never|cannot|can't)\b[^.]{0,40}\bconcurren|\bconcurren\w*[^.]{0,20}\b(unsafe|not safe)\b"
        // "The limit must not be modified while any goroutines in the group are active."
        + @"|\bmust not be (modified|changed|called|set)\b[^.]{0,20}\bwhile\b[^.]{0,60}\b(active|running|in use|in progress)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The doc comment of a type's declaration (on the spec, or on a declaration of that one type).</summary>
    public static CommentGroup? TypeDoc(Package pkg, GoNamed type)
    {
        foreach (var file in pkg.Files)
            foreach (var decl in file.Syntax.Decls)
                if (decl is GenDecl g)
                    foreach (var spec in g.Specs)
                        if (spec is TypeSpec ts && ts.Name?.Name == type.Obj.Name)
                            return ts.Doc ?? (g.Specs.Count == 1 ? g.Doc : null);
        return null;
    }
}
