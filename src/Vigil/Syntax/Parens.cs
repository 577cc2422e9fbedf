using System.Diagnostics.CodeAnalysis;

namespace Vigil.Syntax;

/// <summary>Parentheses only group: the analyses look at the expression inside them.</summary>
public static class Parens
{
    /// <summary>The expression inside any number of parentheses (<c>((x))</c> is <c>x</c>).</summary>
    [return: NotNullIfNotNull(nameof(e))]
    public static Expr? Unparen(Expr? e)
    {
        while (e is ParenExpr p) e = p.X;
        return e;
    }
}
