using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// A wait that can give up: <c>select { case &lt;-done: case &lt;-time.After(d): }</c> outside a loop, whose timeout
/// case goes on to the code after the select. That code then runs while the goroutine may still be working, so the
/// select's other communications do not order it (<see cref="SelectAlternatives"/> records them at the select only
/// when every way past the select synchronized).
/// </summary>
internal sealed partial class FunctionWalker
{
    /// <summary>
    /// True when a case of the select receives from a timer or a context's <c>Done</c> and its body can end by going
    /// on past the select. Inside a loop a timer case is a periodic wake-up that comes back to the select, and what
    /// follows the loop is reached through the other cases, so only selects outside loops count.
    /// </summary>
    /// <remarks>
    /// A give-up case that waits for something itself (<c>case &lt;-ctx.Done(): &lt;-done</c>, a call that waits) goes on
    /// only after that wait: it is left to the other rules.
    /// </remarks>
    private bool GivesUpAndGoesOn(SelectStmt sel, int firstEvent) =>
        loops.Count == 0 && sel.Body != null
        && sel.Body.List.OfType<CommClause>().Any(c => ReceivesTimeout(c.Comm) && !EndsPath(c.Body) && !WaitsIn(c, firstEvent));

    /// <summary>An acquire (a receive, a Wait, a lock, inside a callee too) recorded in the case's body.</summary>
    private bool WaitsIn(CommClause c, int firstEvent)
    {
        for (int i = firstEvent; i < events.Count; i++)
            if (events[i].Kind == EventKind.Acquire && c.Body.Any(s => HappensBefore.Within(events[i].Site, s))) return true;
        return false;
    }

    /// <summary><c>&lt;-time.After(d)</c>, <c>&lt;-time.Tick(d)</c>, <c>&lt;-t.C</c> of a Timer or Ticker, <c>&lt;-ctx.Done()</c>.</summary>
    private bool ReceivesTimeout(Stmt? comm)
    {
        var recv = comm switch
        {
            ExprStmt { X: var x } => x,
            AssignStmt { Rhs.Count: 1 } a => a.Rhs[0],
            _ => null,
        };
        if (Unparen(recv) is not UnaryExpr { Op: Token.Arrow, X: var ch }) return false;
        switch (Unparen(ch))
        {
            case CallExpr { Fun: SelectorExpr { Sel: { } f, X: { } owner } }:
                return info.ObjectOf(f) is GoFunc fn
                    && (fn.Package?.Path == "time" && fn.Name is "After" or "Tick" && !fn.IsMethod
                        || fn.Name == "Done" && fn.IsMethod && info.TypeOf(owner) is { } rt && IsContext(rt));
            case SelectorExpr { Sel.Name: "C", X: { } timer }:
                var t = info.TypeOf(timer)?.Unalias();
                if (t is GoPointer p) t = p.Elem.Unalias();
                return t is GoNamed { Obj: { Name: "Timer" or "Ticker", Package.Path: "time" } };
        }
        return false;
    }

    private static bool IsContext(GoType t) =>
        t.Unalias() is GoNamed { Obj: { Name: "Context", Package.Path: "context" } };

    /// <summary>The case body cannot go on past the select: its last statement returns, panics, fails the test, or jumps away.</summary>
    private bool EndsPath(IReadOnlyList<Stmt> body) => body.Count > 0 && body[^1] switch
    {
        ReturnStmt => true,
        BranchStmt { Tok: Token.Goto or Token.Continue } => true,
        ExprStmt { X: CallExpr call } => NeverReturns(call) || StopsTest(call),
        BlockStmt b => EndsPath(b.List),
        _ => false,
    };

    /// <summary><c>t.Fatal</c>, <c>t.FailNow</c>, <c>t.Skip</c> and their forms: the test goroutine stops there.</summary>
    private bool StopsTest(CallExpr call) =>
        call.Fun is SelectorExpr { Sel: { } sel } && info.ObjectOf(sel) is GoFunc { IsMethod: true } f && f.Package?.Path == "testing"
        && f.Name is "Fatal" or "Fatalf" or "FailNow" or "Skip" or "Skipf" or "SkipNow";
}
