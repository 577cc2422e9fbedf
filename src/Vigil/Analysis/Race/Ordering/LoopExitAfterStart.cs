using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A loop that tries until one attempt starts the goroutine, then stops:
///
/// <code>
/// for i := 0; i &lt; len(servers); i++ {
///     nc.current = servers[i]              // not concurrent with the reader: no iteration follows its start
///     if err = nc.createConn(); err == nil {
///         err = nc.processConnectInit()    // starts go nc.readLoop(), then returns nil
///         if err == nil {
///             break
///         }
///     }
/// }
/// </code>
///
/// The go statement is in the loop body (followed, in its block, by a <c>break</c> out of that loop or a
/// <c>return</c>, with no <c>continue</c> before), or in a function the loop body calls whose every return after
/// the go statement returns nil as its last result (the go statement outside any loop of that function), where the
/// caller leaves the loop when that result is nil (<c>if err == nil { ...; break }</c>, or
/// <c>if err != nil { ...; continue }</c> followed by the exit). Then no later iteration runs alongside the
/// goroutine, and only one instance of it is started by the loop. The walker asks the same of a call in the only
/// loop of a function it summarizes (<see cref="Substitution.Inline"/>), so that a caller of that function
/// (nats' <c>Options.Connect</c> calling <c>connect</c>) sees one instance too.
/// </summary>
internal static class LoopExitAfterStart
{
    public static bool EndsAfterStart(Event s, Node loop) => EndsAfterStart(s.Path, loop);

    /// <summary>The same for a start reached through <paramref name="path"/> (the call in the loop, then the go statement).</summary>
    public static bool EndsAfterStart(IReadOnlyList<Node> path, Node loop)
    {
        if (path.Count == 1) return ExitsAfter(path[0], loop);
        if (path.Count != 2 || path[0] is not CallExpr call || path[1] is not GoStmt go) return false;
        if (!ReturnsNilAfter(go)) return false;
        // err = f() / err := f(), as a statement or as an if's init.
        if (call.Parent is not AssignStmt { Lhs: [.., Ident err], Rhs: [var rhs] } assign || rhs != call) return false;
        if (assign.Parent is IfStmt withInit && withInit.Init == assign)
            return NilBranchExits(withInit, err.Name, loop);
        if (assign.Parent is not BlockStmt block) return false;
        int at = IndexOf(block, assign);
        if (at + 1 < block.List.Count && block.List[at + 1] is IfStmt next && TestsErr(next.Cond, err.Name) is { } nilMeansOk)
            return nilMeansOk ? NilBranchExits(next, err.Name, loop) : Leaves(next.Body, loop) && ExitsAfter(next, loop);
        return ExitsAfter(assign, loop);
    }

    /// <summary><c>if err == nil { ...; break }</c>: the branch taken when the call returned nil leaves the loop.</summary>
    private static bool NilBranchExits(IfStmt i, string err, Node loop) =>
        TestsErr(i.Cond, err) == true && i.Body is { List: [.., var last] } && Exit(last, loop) == true;

    /// <summary><c>err == nil</c>: true; <c>err != nil</c>: false; anything else: null.</summary>
    private static bool? TestsErr(Expr? cond, string err) =>
        cond is BinaryExpr { X: Ident { Name: var x }, Y: Ident { Name: "nil" }, Op: var op } && x == err
            ? op == Token.Eql ? true : op == Token.Neq ? false : null
            : null;

    /// <summary>The block ends by leaving the current iteration (continue, break, return).</summary>
    private static bool Leaves(BlockStmt? b, Node loop) =>
        b is { List: [.., var last] } && (Exit(last, loop) is not null);

    /// <summary>
    /// After <paramref name="n"/>, every path of the iteration leaves the loop: walking out to the loop body, the first
    /// exit statement that follows at some level is a break out of the loop or a return (a continue first: no).
    /// </summary>
    private static bool ExitsAfter(Node n, Node loop)
    {
        for (Node prev = n, x = n.Parent!; x != null && prev != loop; prev = x, x = x.Parent!)
        {
            if (x is FuncLit or FuncDecl) return false;
            if (x is not BlockStmt b) continue;
            int at = IndexOf(b, prev);
            for (int k = at + 1; k < b.List.Count; k++)
                if (Exit(b.List[k], loop) is { } exits) return exits;
            if (x.Parent == loop) return false; // the end of the body: the next iteration
        }
        return false;
    }

    /// <summary>A statement that leaves the iteration: true when it leaves the loop, false for a continue; null otherwise.</summary>
    private static bool? Exit(Stmt s, Node loop) => s switch
    {
        ReturnStmt => true,
        BranchStmt { Tok: Token.Break, Label: null } b => BreakTarget(b) == loop,
        BranchStmt { Tok: Token.Break, Label: { } l } => loop.Parent is LabeledStmt ls && ls.Label?.Name == l.Name,
        BranchStmt { Tok: Token.Continue } => false,
        _ => null,
    };

    /// <summary>The statement an unlabeled break leaves: the innermost for, range, switch or select around it.</summary>
    private static Node? BreakTarget(Node b)
    {
        for (Node? x = b.Parent; x != null && x is not (FuncLit or FuncDecl); x = x.Parent)
            if (x is ForStmt or RangeStmt or SwitchStmt or TypeSwitchStmt or SelectStmt) return x;
        return null;
    }

    /// <summary>The go statement is outside any loop of its function, and every return after it returns nil last.</summary>
    internal static bool ReturnsNilAfter(GoStmt go)
    {
        Node? fn = go.Parent;
        for (; fn != null && fn is not (FuncDecl or FuncLit); fn = fn.Parent)
            if (fn is ForStmt or RangeStmt) return false;
        var body = fn switch { FuncDecl d => d.Body, FuncLit l => l.Body, _ => null };
        if (body is null) return false;
        var after = body.Descendants().OfType<ReturnStmt>()
            .Where(r => r.Pos.Offset > go.End.Offset && Enclosing(r) == fn).ToList();
        return after.Count > 0 && after.All(r => r.Results is [.., Ident { Name: "nil" }])
            && body.List is [.., ReturnStmt]; // no fall-through end without a return
    }

    private static Node? Enclosing(Node n)
    {
        for (Node? x = n.Parent; x != null; x = x.Parent)
            if (x is FuncDecl or FuncLit) return x;
        return null;
    }

    private static int IndexOf(BlockStmt b, Node child)
    {
        for (int i = 0; i < b.List.Count; i++) if (b.List[i] == child) return i;
        return -1;
    }
}
