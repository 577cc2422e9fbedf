using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// A closure a constructor stores in a field of the value it builds, capturing the variable that holds that value:
/// <code>
/// fr := &amp;Framer{...}
/// fr.getReadBuf = func(size uint32) []byte { ...; fr.readBuf = make([]byte, size); return fr.readBuf }
/// return fr
/// </code>
/// Called as <c>o.getReadBuf(n)</c>, the closure's <c>fr</c> is <c>o</c>: the closure was stored in the field of the
/// very value <c>fr</c> points to, and <c>fr</c> never points elsewhere. Without this, every framer's closure
/// would share one variable <c>fr</c> (a debug framer's read buffer would "race" with a connection's reader).
/// </summary>
/// <remarks>
/// The variable must be a local of the function around the literal, assigned only where it is declared (by
/// <c>:=</c> or <c>var x = ...</c>) and never having its address taken, and the field store must be
/// <c>x.f = func...</c> on that same variable, the literal assigned as it is. A value whose struct is copied
/// (<c>*a = *fr</c>) carries a closure that still points at the original: the sole-callee resolution this
/// builds on already requires one function ever stored in the field.
/// </remarks>
internal static class SelfCapturingClosures
{
    /// <summary>The variable the closure captures that holds the value whose field <paramref name="field"/> stores it, or null.</summary>
    public static GoVar? Holder(FunctionRef closure, GoVar field)
    {
        if (closure.Node is not FuncLit lit || lit.Parent is not AssignStmt { Tok: Token.Assign, Lhs: [var lhs], Rhs: [var rhs] } store
            || Unparen(rhs) != lit || Unparen(lhs) is not SelectorExpr { X: var x, Sel: { } sel })
            return null;
        var info = closure.Package.Info;
        if (info.ObjectOf(sel) is not GoVar f || f.Origin != field.Origin || Unparen(x) is not Ident xid || info.ObjectOf(xid) is not GoVar v
            || v.IsPackageLevel || v.IsField)
            return null;
        if (Enclosing(store) is not { } outer || !DeclaredOnce(outer, v, info)) return null;
        return lit.Body!.Descendants().Any(n => n is Ident id && info.ObjectOf(id) == v) ? v : null;
    }

    private static Node? Enclosing(Node n)
    {
        for (var x = n.Parent; x != null; x = x.Parent)
            if (x is FuncDecl or FuncLit) return x;
        return null;
    }

    /// <summary>Declared in <paramref name="outer"/>'s body and never assigned again, nor its address taken.</summary>
    private static bool DeclaredOnce(Node outer, GoVar v, TypeInfo info)
    {
        var body = outer switch { FuncDecl d => d.Body, FuncLit l => l.Body, _ => null };
        if (body is null) return false;
        bool declared = false;
        foreach (var n in body.Descendants())
        {
            switch (n)
            {
                case AssignStmt a when a.Lhs.Any(l => Unparen(l) is Ident id && (info.ObjectOf(id) == v || info.DefOf(id) == v)):
                    if (a.Tok != Token.Define || declared) return false;
                    declared = true;
                    break;
                case ValueSpec vs when vs.Names.Any(id => info.DefOf(id) == v):
                    if (declared || vs.Values.Count == 0) return false;
                    declared = true;
                    break;
                case UnaryExpr { Op: Token.And } u when Unparen(u.X) is Ident aid && info.ObjectOf(aid) == v:
                    return false;
                case IncDecStmt d when Unparen(d.X) is Ident did && info.ObjectOf(did) == v:
                    return false;
                case RangeStmt r when Unparen(r.Key) is Ident rk && info.ObjectOf(rk) == v || Unparen(r.Value) is Ident rv && info.ObjectOf(rv) == v:
                    return false;
            }
        }
        return declared;
    }
}
