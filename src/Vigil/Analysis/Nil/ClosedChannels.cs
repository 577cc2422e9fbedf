using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Where channels whose elements can be nil are closed, and which of those closes can
/// come before a receive elsewhere. A receive from a closed channel yields nil; these
/// closes cannot make a receive's nil:
/// <list type="bullet">
/// <item>a close in the receiving function itself: the flow analysis orders it (the only
/// receiver closes and returns; the close comes later in the same goroutine), see
/// FunctionAnalysis.Receive;</item>
/// <item>a close whose function first waits for or stops the receivers: a send or receive on
/// another channel, or a `Wait()` call, before the close in its body (`c.stop &lt;- struct{}{};
/// close(c.setBuf)`, `wg.Wait(); close(out)`);</item>
/// <item>a close followed by setting the channel to nil (`close(c.ch); c.ch = nil`): later
/// receives block on a nil channel instead.</item>
/// </list>
/// A deferred close runs at the end of its function and is never ordered this way.
/// </summary>
public sealed class ClosedChannels
{
    /// <summary>A close: where, the function (declaration or literal) it is in, and whether it can precede another function's receive.</summary>
    public sealed record Site(Location At, Node Function, bool Unordered);

    private readonly Dictionary<GoVar, List<Site>> fields = [];

    /// <summary>Records every close of a struct field's channel in <paramref name="file"/>.</summary>
    public void Scan(TypeInfo info, Vigil.Syntax.File file)
    {
        foreach (var n in file.Descendants())
            if (n is CallExpr { Fun: Ident { Name: "close" }, Args: [SelectorExpr s] } call
                && info.SelectionOf(s)?.Obj is GoVar f && (f.Type?.Underlying as GoChan)?.Elem is var elem
                && FunctionAnalysis.NilableType(elem) && Flow.Cfg.FunctionGraphs.EnclosingFunction(call) is { } fn)
            {
                if (!fields.TryGetValue(f.Origin, out var list)) fields[f.Origin] = list = [];
                list.Add(new Site(call.Location, fn, Unordered(call, fn, info)));
            }
    }

    /// <summary>The closes found, one sorted line each (for the result cache's fact hash).</summary>
    public IEnumerable<string> Describe() =>
        fields.SelectMany(kv => kv.Value.Select(s => $"close {kv.Key.LineKey} {s.At} {s.Function.Location} {s.Unordered}")).Order(StringComparer.Ordinal);

    /// <summary>The first close of field <paramref name="f"/> that can come before a receive in <paramref name="receiver"/>, or null.</summary>
    public Location? Before(GoVar f, Node receiver) =>
        fields.TryGetValue(f.Origin, out var list) ? list.FirstOrDefault(s => s.Unordered && s.Function != receiver)?.At : null;

    /// <summary>
    /// True unless the close is ordered after the receivers: not deferred, and either preceded in
    /// its function by a synchronization with another channel or a `Wait()`, or followed by
    /// setting the channel to nil.
    /// </summary>
    public static bool Unordered(CallExpr close, Node function, TypeInfo info)
    {
        if (close.Parent is DeferStmt) return true;
        var ch = ExprText.Of(close.Args[0]);
        var body = function switch { FuncDecl d => d.Body, FuncLit l => l.Body, _ => null };
        if (body is null) return true;
        foreach (var n in body.Descendants())
        {
            if (Flow.Cfg.FunctionGraphs.EnclosingFunction(n) != function) continue;
            if (n.Pos.Offset < close.Pos.Offset)
            {
                if (n is SendStmt send && ExprText.Of(send.Chan) != ch) return false;
                if (n is UnaryExpr { Op: Token.Arrow } recv && ExprText.Of(recv.X) != ch) return false;
                if (n is CallExpr { Fun: SelectorExpr { Sel.Name: "Wait" } }) return false;
            }
            else if (n is AssignStmt { Lhs: [var l], Rhs: [var r] } && info.IsNilLiteral(r) && ExprText.Of(l) == ch)
                return false;
        }
        return true;
    }
}
