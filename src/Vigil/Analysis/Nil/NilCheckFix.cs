using Vigil.Findings;
using Vigil.Fixes;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>
/// The suggested fix of a nil panic: an early return when the dereferenced
/// variable is nil, inserted before the statement that dereferences it, in the
/// function's own error style:
/// <code>
/// if o == nil {
///     return Order{}, errors.New("o is nil")
/// }
/// </code>
/// Offered only where it is safe and local: the value is in a variable of the
/// function (a parameter, the receiver, a local holding a call's result); the dereference is
/// evaluated whenever its statement runs (not behind <c>&amp;&amp;</c>/<c>||</c>,
/// not in a function literal, not in a loop header, an <c>if</c> with an init,
/// an <c>else if</c> or a <c>case</c> list); the statement starts its own line; every
/// zero value of the results can be written.
/// </summary>
public static class NilCheckFix
{
    public static IReadOnlyList<SuggestedFix> For(NilReport r)
    {
        if (Unparen(r.Subject) is not Ident id) return [];
        var pkg = r.Site.SourceFile.Package;
        var info = pkg.Info;
        if (info.ObjectOf(id) is not GoVar v || v.IsField || v.IsPackageLevel) return [];
        if (v.Type?.Unalias() is GoTypeParam || v.Type?.Underlying is not (GoPointer or GoInterface or GoSignature)) return [];
        if (StatementOf(r.Site) is not { } stmt) return [];
        var (fnType, sig, body) = EnclosingFunction(stmt, info);
        if (fnType is null || sig is null || body is null) return [];
        if (v.Location.Offset >= stmt.Pos.Offset && v.Location.Path == stmt.SourceFile.Path) return []; // declared by the statement itself
        if (FixSource.Of(stmt.SourceFile) is not { } src || src.IndentBefore(stmt.Pos.Offset) is not { } indent) return [];

        var edits = new List<TextEdit>();
        if (ReturnValues(sig, fnType, body, stmt, v.Name, src, info, edits) is not { } values) return [];
        var nl = src.Newline;
        var ret = values.Length == 0 ? "return" : "return " + values;
        edits.Insert(0, src.Insert(src.LineStart(stmt.Pos.Offset), $"{indent}if {v.Name} == nil {{{nl}{indent}\t{ret}{nl}{indent}}}{nl}"));
        return [new SuggestedFix($"return early when {v.Name} is nil", edits)];
    }

    /// <summary>
    /// The statement of a block (or case body) whose execution always evaluates <paramref name="site"/>
    /// before anything else of the block runs; null when the site is conditional within it.
    /// </summary>
    private static Stmt? StatementOf(Node site)
    {
        for (Node n = site; n.Parent is { } parent; n = parent)
        {
            switch (parent)
            {
                case BlockStmt or CaseClause or CommClause:
                    return n is Stmt s and not LabeledStmt && IsStatementListItem(parent, s) ? s : null;
                case FuncLit or ForStmt or RangeStmt or SelectStmt or TypeSwitchStmt or LabeledStmt:
                    return null;
                case BinaryExpr { Op: Token.LAnd or Token.LOr } b when n != b.X:
                    return null;
                case IfStmt i when n != i.Cond || i.Init is not null:
                    return null;
                case SwitchStmt sw when n != sw.Tag || sw.Init is not null:
                    return null;
            }
        }
        return null;
    }

    private static bool IsStatementListItem(Node list, Stmt s) => list switch
    {
        BlockStmt b => b.List.Contains(s),
        CaseClause c => c.Body.Contains(s),
        CommClause c => c.Body.Contains(s),
        _ => false,
    };

    /// <summary>The innermost function (declaration or literal) around the statement: its syntax, signature and body.</summary>
    private static (FuncType?, GoSignature?, BlockStmt?) EnclosingFunction(Node stmt, TypeInfo info)
    {
        for (var n = stmt.Parent; n is not null; n = n.Parent)
        {
            if (n is FuncLit lit) return (lit.Type, info.TypeOf(lit) as GoSignature, lit.Body);
            if (n is FuncDecl decl) return (decl.Type, decl.Name is { } name ? (info.DefOf(name) as GoFunc)?.Signature : null, decl.Body);
        }
        return (null, null, null);
    }

    /// <summary>
    /// The values of the inserted return ("" for a bare return): each result's zero value, and for a last
    /// result of type error, a new error made the way the function's other returns make theirs (fmt.Errorf
    /// or errors.New), importing errors when the file has neither. Null when a value cannot be written.
    /// </summary>
    private static string? ReturnValues(GoSignature sig, FuncType fnType, BlockStmt body, Stmt stmt, string name, FixSource src, TypeInfo info, List<TextEdit> edits)
    {
        int n = sig.Results.Count;
        if (n == 0) return "";
        var written = ZeroValues.ResultTypes(fnType);
        if (written.Count != n) return null;
        // A type as the signature writes it must mean the same at the statement: not when the body declares one
        // of its names first ("x := x{}" makes the type name a variable there).
        var declaredBefore = body.Descendants().OfType<Ident>()
            .Where(id => id.Pos.Offset < stmt.Pos.Offset && info.DefOf(id) is not null).Select(id => id.Name).ToHashSet(StringComparer.Ordinal);
        if (written.Any(t => t is not null && t.Descendants().OfType<Ident>().Any(id => declaredBefore.Contains(id.Name)))) return null;
        var values = new List<string>();
        for (int i = 0; i < n; i++)
        {
            bool isError = i == n - 1 && IsError(sig.Results[i].Type);
            var value = isError ? NewError(body, n, name, src, info, edits) : ZeroValues.Of(sig.Results[i].Type, written[i] is { } t ? src.Text(t) : null);
            if (value is null) return null;
            values.Add(value);
        }
        return string.Join(", ", values);
    }

    private static bool IsError(GoType? t) => t?.Unalias() is GoNamed { Obj: { Name: "error", Package: null } };

    private static string? NewError(BlockStmt body, int results, string name, FixSource src, TypeInfo info, List<TextEdit> edits)
    {
        var message = $"\"{name} is nil\"";
        // The function's own style first: how its other returns build an error.
        foreach (var ret in body.Descendants().OfType<ReturnStmt>())
        {
            if (ret.Ancestor<FuncLit>() is { } lit && lit.Pos.Offset > body.Pos.Offset) continue;
            if (ret.Results.Count != results || ret.Results[^1] is not CallExpr { Fun: SelectorExpr { X: Ident pkgId, Sel.Name: var fn } }) continue;
            if (info.ObjectOf(pkgId) is not GoPkgName { Imported.Path: var path }) continue;
            if (path == "fmt" && fn == "Errorf" || path == "errors" && fn == "New") return $"{pkgId.Name}.{fn}({message})";
        }
        var file = src.File.Syntax;
        if (Imports.LocalName(file, "fmt") is { } fmt && !Imports.Shadowed(body, fmt, info)) return $"{fmt}.Errorf({message})";
        if (Imports.LocalName(file, "errors") is { } errors) return Imports.Shadowed(body, errors, info) ? null : $"{errors}.New({message})";
        if (Imports.Shadowed(body, "errors", info) || Imports.Add(src, "errors") is not { } import) return null;
        edits.Add(import);
        return $"errors.New({message})";
    }
}
