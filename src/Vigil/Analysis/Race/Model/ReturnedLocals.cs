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
    /// The variable declared in the function's body, or its named result (not a parameter), that every return statement
    /// gives as result <paramref name="index"/> (a bare return gives the named result), or nil; null when the returns
    /// differ, or when the variable is not a pointer. A wrapper whose returns all give one call's result gets a
    /// variable of its own (<see cref="ResultSlot"/>). Returns inside function literals belong to
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
            if (ret.Results.Count == 0 && NamedResult(fn, index) is { } named)
            {
                // A bare return gives the named result: `func start() (addr string, wg *sync.WaitGroup) { wg = new(...); ...; return }`.
                if (found != null && found != named || named.Type?.Underlying is not GoPointer) return null;
                found = named;
                continue;
            }
            if (ret.Results.Count <= index || ret.Results.Count == 1 && Unparen(ret.Results[0]) is CallExpr) return null;
            switch (Unparen(ret.Results[index]))
            {
                case Ident nid when info.ObjectOf(nid) is GoVar nv && nv == NamedResult(fn, index) && nv.Type?.Underlying is GoPointer:
                    if (found != null && found != nv) return null;
                    found = nv;
                    continue;
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

    /// <summary>The variable is the result slot of a forwarding wrapper (<see cref="ResultSlot"/>): made by the analysis, declared at a type.</summary>
    public static bool IsResultSlot(FunctionRef fn, GoVar v) => v.Id < 0 && fn.Body is { } b && v.Location.Path == b.SourceFile.Path && v.Location.Offset < b.Pos.Offset;

    /// <summary>The named result at <paramref name="index"/> (results flattened over their names), or null.</summary>
    private static GoVar? NamedResult(FunctionRef fn, int index)
    {
        if (fn.Type?.Results?.List is not { } fields) return null;
        int i = 0;
        foreach (var f in fields)
            foreach (var name in f.Names)
                if (i++ == index) return fn.Package.Info.DefOf(name) as GoVar;
        return null;
    }

}
