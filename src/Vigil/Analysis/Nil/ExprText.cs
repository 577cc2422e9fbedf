using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>A short rendering of an expression for messages ("s.rwc.Remote()", "*p", "m[...]").</summary>
public static class ExprText
{
    public static string Of(Node? e, int depth = 0)
    {
        if (depth > 6) return "…";
        return e switch
        {
            Ident id => id.Name,
            ParenExpr p => "(" + Of(p.X, depth + 1) + ")",
            SelectorExpr s => Of(s.X, depth + 1) + "." + s.Sel?.Name,
            CallExpr c => Of(c.Fun, depth + 1) + (c.Args.Count == 0 ? "()" : "(…)"),
            StarExpr s => "*" + Of(s.X, depth + 1),
            UnaryExpr u => TokenText(u.Op) + Of(u.X, depth + 1),
            IndexExpr i => Of(i.X, depth + 1) + "[" + Of(i.Index, depth + 1) + "]",
            TypeAssertExpr t => Of(t.X, depth + 1) + ".(…)",
            BasicLit b => b.Value.Length > 20 ? b.Value[..20] + "…" : b.Value,
            FuncLit => "func literal",
            CompositeLit => "composite literal",
            _ => "value",
        };
    }

    private static string TokenText(Token t) => t switch
    {
        Token.Arrow => "<-",
        Token.And => "&",
        Token.Not => "!",
        Token.Sub => "-",
        Token.Xor => "^",
        _ => "",
    };
}
