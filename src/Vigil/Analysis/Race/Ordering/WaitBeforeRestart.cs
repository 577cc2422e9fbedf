using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A retry loop that restarts a goroutine only after waiting for the instance it started before:
///
/// <code>
/// waitForLoop := false
/// for len(c.servers) &gt; 0 {
///     if waitForLoop {                      // the previous iteration started the loop and went on
///         c.wg.Wait()                       // ... so wait for it to end (readLoop: defer c.wg.Done())
///         waitForLoop = false
///     }
///     c.br = newReader()                    // not concurrent with an earlier readLoop
///     if err := c.start(); err != nil {     // c.wg.Add(1); go c.readLoop(); return nil
///         continue                          // not started: nothing to wait for
///     }
///     if err := c.flush(); err != nil {
///         waitForLoop = true                // started: the next iteration waits first
///         continue
///     }
///     return
/// }
/// </code>
///
/// Every way the iteration goes on after the start sets the flag (each <c>continue</c> after it is preceded in its
/// block by <c>flag = true</c>, and the iteration cannot fall through to the next one: the last statement after the
/// start at some level is a <c>return</c> or a <c>break</c> out of the loop); a <c>continue</c> in the error branch of
/// the start's own call does not count when the started function returns nil on every way after its go statement.
/// The next iteration then begins with <c>if flag { ... wait ... }</c>, a statement of the loop body before the start
/// whose body waits on what the goroutine releases at its end (its deferred <c>Done</c>, a final send), and the flag
/// is cleared in the loop only inside that <c>if</c>. So an instance ends before the next one starts, and the parent's
/// code after that <c>if</c> in a later iteration runs after it ended.
/// </summary>
internal static class WaitBeforeRestart
{
    /// <summary>The <c>if flag { wait }</c> statement that makes the loop's instances of start <paramref name="s"/> sequential, or null.</summary>
    public static IfStmt? WaitOf(Event s, Node loop, IReadOnlyList<Event> parent, IReadOnlyList<Event> child, HappensBefore hb)
    {
        var body = loop switch { ForStmt f => f.Body, RangeStmt r => r.Body, _ => null };
        if (body is null || s.Path.Count is not (1 or 2)) return null;
        if (s.Path.Count == 2 && s.Path[1] is not GoStmt) return null;
        var startStmt = TopStatement(s.Path[0], body);
        if (startStmt is null) return null;
        int startAt = IndexOf(body, startStmt);
        foreach (var stmt in body.List.Take(startAt))
        {
            if (stmt is not IfStmt { Init: null, Else: null, Cond: Ident { Name: var flag }, Body: { } waitBody } waitIf) continue;
            // The if's body waits for what the goroutine releases at its end.
            bool waits = hb.SyncEvents(parent).Acquires.Any(q => HappensBefore.Within(q.Site, waitBody) && hb.ReleasesAtEnd(child, q));
            if (!waits) continue;
            if (ClearedElsewhere(body, flag, waitIf)) continue;
            if (!GoesOnOnlyFlagged(s, startStmt, body, loop, flag)) continue;
            return waitIf;
        }
        return null;
    }

    /// <summary>The statement of the loop body that holds <paramref name="n"/>.</summary>
    private static Stmt? TopStatement(Node n, BlockStmt body)
    {
        for (Node? x = n; x != null; x = x.Parent)
            if (x.Parent == body) return x as Stmt;
        return null;
    }

    /// <summary><c>flag = false</c> somewhere in the loop body other than inside the waiting if.</summary>
    private static bool ClearedElsewhere(BlockStmt body, string flag, IfStmt waitIf) =>
        body.Descendants().OfType<AssignStmt>().Any(a => a.Lhs.Any(l => l is Ident { Name: var n } && n == flag)
            && !(a.Rhs is [Ident { Name: "true" }] && a.Tok == Token.Assign) && !HappensBefore.Within(a, waitIf));

    /// <summary>After the start, the iteration goes on only through a <c>continue</c> preceded by <c>flag = true</c>.</summary>
    private static bool GoesOnOnlyFlagged(Event s, Stmt startStmt, BlockStmt body, Node loop, string flag)
    {
        var exempt = NotStartedBranch(s, startStmt);
        foreach (var c in body.Descendants().OfType<BranchStmt>())
        {
            if (c.Tok == Token.Goto) return false; // a jump this reading does not follow
            if (c.Tok != Token.Continue || c.Pos.Offset < s.Path[0].Pos.Offset || ContinueTarget(c) != loop) continue;
            if (exempt != null && HappensBefore.Within(c, exempt)) continue;
            if (c.Parent is not BlockStmt b) return false;
            int at = IndexOf(b, c);
            if (!b.List.Take(at).Any(x => x is AssignStmt { Tok: Token.Assign, Lhs: [Ident { Name: var n }], Rhs: [Ident { Name: "true" }] } && n == flag))
                return false;
        }
        return ExitsAtEnd(startStmt, body, loop);
    }

    /// <summary>
    /// <c>if err := f(); err != nil { continue }</c> around the start's call, where f returns nil on every way after
    /// its go statement: that branch runs only when nothing was started.
    /// </summary>
    private static BlockStmt? NotStartedBranch(Event s, Stmt startStmt)
    {
        if (s.Path.Count != 2 || s.Path[1] is not GoStmt go || !LoopExitAfterStart.ReturnsNilAfter(go)) return null;
        if (startStmt is not IfStmt { Init: AssignStmt { Lhs: [.., var err], Rhs: [var rhs] }, Cond: BinaryExpr { Op: Token.Neq, X: var x, Y: Ident { Name: "nil" } } } i
            || rhs != s.Path[0] || Text(x) is not { } tx || tx != Text(err))
            return null;
        return i.Body;
    }

    /// <summary>The iteration cannot reach the end of the body after the start: a return or a break out of the loop ends it.</summary>
    private static bool ExitsAtEnd(Stmt startStmt, BlockStmt body, Node loop)
    {
        int at = IndexOf(body, startStmt);
        for (int k = at + 1; k < body.List.Count; k++)
            if (body.List[k] is ReturnStmt || body.List[k] is BranchStmt { Tok: Token.Break, Label: null } b && BreakTarget(b) == loop) return true;
        return false;
    }

    private static int IndexOf(BlockStmt b, Node child)
    {
        for (int i = 0; i < b.List.Count; i++) if (b.List[i] == child) return i;
        return -1;
    }

    /// <summary>The loop a continue goes on with: the innermost, or the one its label names.</summary>
    private static Node? ContinueTarget(BranchStmt c)
    {
        for (Node? x = c.Parent; x != null && x is not (FuncLit or FuncDecl); x = x.Parent)
            if (x is ForStmt or RangeStmt && (c.Label is null || x.Parent is LabeledStmt { Label.Name: var l } && l == c.Label.Name)) return x;
        return null;
    }

    private static Node? BreakTarget(Node b)
    {
        for (Node? x = b.Parent; x != null && x is not (FuncLit or FuncDecl); x = x.Parent)
            if (x is ForStmt or RangeStmt or SwitchStmt or TypeSwitchStmt or SelectStmt) return x;
        return null;
    }

    private static string? Text(Expr? e) => e switch
    {
        Ident id => id.Name,
        SelectorExpr { Sel: { } sel } s => Text(s.X) is { } t ? t + "." + sel.Name : null,
        _ => null,
    };
}
