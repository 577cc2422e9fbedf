using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// The atomic flag pattern: <c>for atomic.LoadUint32(&amp;ready) == 0 { runtime.Gosched() }</c>. The loop ends only
/// when its load returned a value other than the zero the flag starts with, so that load observed a store (or an
/// add): the code after the loop is ordered after one of the stores, even when the storing goroutine repeats its
/// store in a loop (<c>for atomic.LoadUint32(stop) == 0 { atomic.StoreUint32(ready, 1) }</c>), where no single
/// store is certain to run.
/// </summary>
internal static class AtomicFlags
{
    /// <summary>
    /// <paramref name="load"/> is the load in the condition of a loop that ends only when the value loaded is not
    /// zero (<c>load == 0</c>, <c>!b.Load()</c>, <c>load &lt; k</c> with k &gt; 0, <c>load != k</c> with k ≠ 0), no
    /// break or goto leaves that loop, and <paramref name="after"/> lies after it.
    /// </summary>
    public static bool ExitsOnStore(Event load, Event after)
    {
        if (load.Sync != SyncKind.Atomic || load.Site != load.Origin || load.Site is not CallExpr call) return false;
        if (Loop(call) is not { Body: { } body } loop || HappensBefore.Within(after.Site, loop)) return false;
        if (LoopFacts.BreaksOut(body, loop)) return false;
        return ExitsOnNonZero(loop.Cond!, call);
    }

    /// <summary>The for statement whose condition holds <paramref name="call"/> (not inside a function literal).</summary>
    private static ForStmt? Loop(CallExpr call)
    {
        for (Node? x = call.Parent; x != null && x is not (FuncLit or FuncDecl); x = x.Parent)
        {
            if (x is ForStmt f) return f.Cond != null && HappensBefore.Within(call, f.Cond) ? f : null;
            if (x is Stmt) return null;
        }
        return null;
    }

    /// <summary>The condition is false (the loop ends) only when <paramref name="call"/> returned a non-zero value.</summary>
    private static bool ExitsOnNonZero(Expr cond, CallExpr call)
    {
        var info = cond.SourceFile.Package.Info;
        cond = Unparen(cond);
        switch (cond)
        {
            case UnaryExpr { Op: Token.Not } u:
                return Unparen(u.X) == call;
            case BinaryExpr b:
                var x = Unparen(b.X)!;
                var y = Unparen(b.Y)!;
                if (x != call && y != call) return false;
                var k = info.ConstValue(x == call ? y : x);
                if (k is null) return false;
                bool zero = k is "0" or "false";
                var op = x == call ? b.Op : Mirror(b.Op);
                return op switch
                {
                    Token.Eql => zero,                                          // load == 0: ends when load != 0
                    Token.Neq => !zero,                                         // load != k: ends when load == k
                    Token.Lss => long.TryParse(k, out var n) && n > 0,          // load < k: ends when load >= k > 0
                    Token.Leq => long.TryParse(k, out var m) && m >= 0,         // load <= k: ends when load > k >= 0
                    _ => false,
                };
            default:
                return false;
        }
    }

    private static Token Mirror(Token op) => op switch
    {
        Token.Lss => Token.Gtr, Token.Gtr => Token.Lss, Token.Leq => Token.Geq, Token.Geq => Token.Leq, _ => op,
    };

}
