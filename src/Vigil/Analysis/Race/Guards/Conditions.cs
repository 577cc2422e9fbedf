using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>Reading branch conditions.</summary>
internal static class Conditions
{
    /// <summary>The terms of a condition that must all hold: <c>a &amp;&amp; (b &amp;&amp; c)</c> gives a, b, c.</summary>
    public static IEnumerable<Expr> Conjuncts(Expr? e) => e switch
    {
        ParenExpr p => Conjuncts(p.X),
        BinaryExpr { Op: Token.LAnd } b => Conjuncts(b.X).Concat(Conjuncts(b.Y)),
        null => [],
        _ => [e],
    };
}
