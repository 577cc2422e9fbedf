using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// The local pointer a function hands to its caller: <c>c := &amp;Client{...}; go c.loop(); return c</c>. Inlined at
/// <c>x := NewClient()</c>, the callee's <c>c</c> is the caller's <c>x</c>, so the goroutine the callee started on
/// <c>c</c> shares memory (and channels, and locks) with what the caller then does through <c>x</c>. Without the link
/// the callee's local drops out at the call (no caller name denotes it) and a caller's <c>x.Timeout = d</c> looks
/// unrelated to the goroutine reading <c>c.Timeout</c>.
/// </summary>
internal static class ReturnedLocals
{
    /// <summary>
    /// The variable declared in the function's body (not a parameter, not a named result) that every return statement
    /// gives as result <paramref name="index"/>, or nil; null when the returns differ, when a return is bare or
    /// returns a call's results, or when the variable is not a pointer. Returns inside function literals belong to
    /// the literals.
    /// </summary>
    public static GoVar? Of(FunctionRef fn, int index, Func<Node, GoType, GoVar> newSlot)
    {
        if (fn.Body is not { } body) return null;
        var info = fn.Package.Info;
        GoVar? found = null;
        bool forwards = false;
        foreach (var ret in body.Descendants().OfType<ReturnStmt>().Where(r => r.Ancestor<FuncLit>() == fn.Node as FuncLit))
        {
            if (ret.Results.Count == 1 && Unparen(ret.Results[0]) is CallExpr && index == 0) { forwards = true; continue; }
            if (ret.Results.Count <= index || ret.Results.Count == 1 && Unparen(ret.Results[0]) is CallExpr) return null;
            switch (Unparen(ret.Results[index]))
            {
                case Ident { Name: "nil" } nil when info.ObjectOf(nil) is GoNil:
                    continue;
                case Ident id when info.ObjectOf(id) is GoVar v && !v.IsPackageLevel && v.Type?.Underlying is GoPointer
                    && v.Location.Path == body.SourceFile.Path && v.Location.Offset >= body.Pos.Offset && v.Location.Offset < body.End.Offset:
                    if (found != null && found != v) return null;
                    found = v;
                    continue;
                default:
                    return null;
            }
        }
        if (forwards) return found is null ? ResultSlot(fn, newSlot) : null;
        return found;
    }

    /// <summary>
    /// A wrapper that returns another call's pointer result (<c>func newTestDB(t) *DB { return newTestDBWith(t, "x") }</c>):
    /// a variable standing for its one result, declared at the result's type. The wrapper's own walk binds the inner
    /// callee's returned local to it (<see cref="IsResultSlot"/>), and the wrapper's caller binds it to its own variable, so
    /// the link from <c>db := newTestDB(t)</c> to the goroutine <c>OpenDB</c> started on its <c>db</c> survives the
    /// wrapper. Null when the function has not exactly one result of pointer type.
    /// </summary>
    private static GoVar? ResultSlot(FunctionRef fn, Func<Node, GoType, GoVar> newSlot)
    {
        if (fn.Type?.Results?.List is not [{ Names.Count: 0, Type: { } rt }] || fn.Package.Info.TypeOf(rt) is not { } t
            || t.Underlying is not GoPointer)
            return null;
        return newSlot(rt, t);
    }

    /// <summary>The variable is the result slot of a forwarding wrapper (<see cref="ResultSlot"/>), declared outside the body.</summary>
    public static bool IsResultSlot(FunctionRef fn, GoVar v) => fn.Body is { } b && v.Location.Path == b.SourceFile.Path && v.Location.Offset < b.Pos.Offset;

}
