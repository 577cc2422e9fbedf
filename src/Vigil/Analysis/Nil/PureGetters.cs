using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Functions whose whole body is one `return E`, where E only reads: no call except
/// conversions, `len`/`cap` and the loads of `sync/atomic`, no receive, no function literal
/// (`func (db *DB) isClosed() bool { return atomic.LoadUint32(&amp;db.closed) != 0 }`).
/// A call of one changes no field, so what the caller knows of its fields survives it:
/// `if db.mem == nil &amp;&amp; !db.isClosed() { panic(…) }; db.mem.incref()` keeps the nil
/// `db.mem` that the check let through. Any other call may set fields and makes the caller
/// forget them.
/// </summary>
public sealed class PureGetters
{
    private readonly HashSet<GoFunc> pure = [];

    public PureGetters(IEnumerable<FunctionBody> bodies)
    {
        foreach (var b in bodies)
            if (b.Func is { } f && b.Decl.Body?.List is [ReturnStmt { Results: { Count: > 0 } results }]
                && results.All(r => ReadsOnly(r, b.Package.Info)))
                pure.Add(f.Origin);
    }

    /// <summary>True when a call of <paramref name="f"/> cannot change any field.</summary>
    public bool IsPure(GoFunc f) => pure.Contains(f.Origin);

    private static bool ReadsOnly(Expr e, TypeInfo info)
    {
        bool ok = true;
        new Vigil.Flow.SyntaxWalk(n =>
        {
            if (!ok) return false;
            switch (n)
            {
                case FuncLit:
                case UnaryExpr { Op: Token.Arrow }:
                    ok = false;
                    return false;
                case CallExpr call when !AllowedCall(call, info):
                    ok = false;
                    return false;
            }
            return true;
        }).Walk(e);
        return ok;
    }

    private static bool AllowedCall(CallExpr call, TypeInfo info)
    {
        var fun = call.Fun;
        while (fun is ParenExpr p) fun = p.X!;
        if (info.IsType(fun!)) return true; // a conversion
        var name = fun switch { Ident id => id, SelectorExpr s => s.Sel, _ => null };
        if (name is null) return false; // a call of a call's result, of a literal, of an index expression
        return info.UseOf(name) switch
        {
            GoBuiltin b => b.Name is "len" or "cap",
            GoFunc f => f.Package?.Path == "sync/atomic" && f.Name.StartsWith("Load", StringComparison.Ordinal),
            _ => false,
        };
    }
}
