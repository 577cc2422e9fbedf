using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Channels handed over through a field, and receives guarded by the channel being set:
///
/// <code>
/// if cancellable { ch := make(chan T); c.result = ch; go c.watch(ch) }   // Start
/// if c.result != nil { r := &lt;-c.result }                             // Wait
/// </code>
///
/// The goroutine's sends on <c>ch</c> are sends on <c>c.result</c> (the local is an alias of
/// the field it was stored in), and the receive under <c>c.result != nil</c> joins every
/// goroutine that can send on that channel: when the field is nil no goroutine was given it.
/// The receive is placed at the condition, which runs on every path.
/// </summary>
internal sealed partial class FunctionWalker
{
    /// <summary>Local channel variables stored into a longer-lived location (a field, a global): they denote it.</summary>
    private readonly Dictionary<GoVar, Loc> chanAliases = new();

    /// <summary>Channels known non-nil in the if body being walked, with the condition and the depth of the if.</summary>
    private readonly List<(Loc Chan, Expr Cond, int Depth)> nilGuards = [];

    /// <summary>After <c>x.f = ch</c> with <c>ch</c> a local channel made here: <c>ch</c> names <c>x.f</c>.</summary>
    private void NoteChannelAlias(Expr lhs, Expr? rhs)
    {
        if (lhs is Ident || rhs is not Ident rid || info.ObjectOf(rid) is not GoVar v || v.IsPackageLevel || !fn.Declares(v)) return;
        if (info.TypeOf(rid)?.Underlying is not GoChan) return;
        if (LocOf(lhs) is { } target && (target.IsIndirect || !fn.Declares(target.Root))) chanAliases[v] = target;
    }

    private Loc? ChanAlias(GoVar v) => chanAliases.TryGetValue(v, out var l) ? l : null;

    /// <summary>The channel an if condition proves non-nil in its body (<c>ch != nil</c>, <c>nil != ch</c>), without evaluating it.</summary>
    private Loc? NonNilChannel(Expr? cond)
    {
        if (cond is ParenExpr p) return NonNilChannel(p.X);
        if (cond is not BinaryExpr { Op: Token.Neq } b) return null;
        var ch = IsNil(b.Y) ? b.X : IsNil(b.X) ? b.Y : null;
        if (ch is null || info.TypeOf(ch)?.Underlying is not GoChan) return null;
        return ch switch
        {
            Ident id when info.ObjectOf(id) is GoVar v => ChanAlias(v) ?? Loc.Of(v),
            SelectorExpr or IndexExpr or StarExpr => LocOf(ch),
            _ => null,
        };
    }

    private bool IsNil(Expr? e) => e is Ident { Name: "nil" } id && info.ObjectOf(id) is GoNil;

    /// <summary>A receive directly in the body of an if that proves its channel non-nil: the guarding condition, else null.</summary>
    private (Expr Cond, int Depth)? GuardOf(Loc ch)
    {
        for (int i = nilGuards.Count - 1; i >= 0; i--)
            if (nilGuards[i].Depth + 1 == condDepth && nilGuards[i].Chan.Equals(ch)) return (nilGuards[i].Cond, nilGuards[i].Depth);
        return null;
    }
}
