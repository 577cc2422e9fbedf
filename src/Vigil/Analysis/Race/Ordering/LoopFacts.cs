using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>Syntactic facts about loops the happens-before rules rely on.</summary>
internal static class LoopFacts
{
    /// <summary>A break (or goto) in the body that leaves <paramref name="loop"/>: unlabeled outside nested loops, switches and selects, or labeled with its label.</summary>
    public static bool BreaksOut(Node body, Node loop) => Exits(body, loop, Token.Break);

    /// <summary>A continue (or goto) in the body that skips to the next iteration of <paramref name="loop"/>.</summary>
    public static bool ContinuesOut(Node body, Node loop) => Exits(body, loop, Token.Continue);

    private static bool Exits(Node body, Node loop, Token tok)
    {
        string? label = (loop.Parent as LabeledStmt)?.Label?.Name;
        foreach (var n in body.Descendants())
        {
            if (n is not BranchStmt br) continue;
            if (br.Tok == Token.Goto) return true;
            if (br.Tok != tok) continue;
            if (br.Label != null) { if (br.Label.Name == label) return true; continue; }
            Node? x = br.Parent;
            // An unlabeled continue belongs to the nearest loop; an unlabeled break also to a switch or select.
            while (x != null && x != loop && x is not (ForStmt or RangeStmt or FuncLit)
                   && !(tok == Token.Break && x is SwitchStmt or TypeSwitchStmt or SelectStmt))
                x = x.Parent;
            if (x == loop) return true;
        }
        return false;
    }

    /// <summary>
    /// <c>for i := A; i &lt; B; i++ { ... }</c> with constants A &lt; B, and no break, continue or goto in the body for it:
    /// every statement at the top of the body runs at least once before the loop ends.
    /// </summary>
    public static bool BodyRunsAtLeastOnce(ForStmt f)
    {
        if (f.Body is null || f.Init is not AssignStmt { Tok: Token.Define, Lhs: [Ident iv], Rhs: [var a] }
            || f.Cond is not BinaryExpr { Op: Token.Lss or Token.Leq or Token.Neq, X: Ident cv } cond || cv.Name != iv.Name
            || f.Post is not IncDecStmt { Tok: Token.Inc, X: Ident pv } || pv.Name != iv.Name)
            return false;
        var info = f.SourceFile.Package.Info;
        if (cond.Y is not { } bound || !long.TryParse(info.ConstValue(a), out long from) || !long.TryParse(info.ConstValue(bound), out long to)) return false;
        bool runs = cond.Op == Token.Leq ? from <= to : from < to;
        return runs && !Exits(f.Body, f, Token.Break) && !Exits(f.Body, f, Token.Continue);
    }
}
