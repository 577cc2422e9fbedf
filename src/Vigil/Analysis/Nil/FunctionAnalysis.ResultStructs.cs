using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

public sealed partial class FunctionAnalysis
{
    /// <summary>
    /// An element of a result struct type received from a channel (see <see cref="ResultStructs"/>):
    /// its value field may be nil, guarded by its error field (`if p.Err != nil { return }` makes it usable).
    /// </summary>
    /// <summary>`r := &lt;-ch` (or `r, ok := &lt;-ch`) of a result struct type.</summary>
    private void ReceivedResult(AssignStmt a)
    {
        if (a.Rhs is [UnaryExpr { Op: Token.Arrow, X: { } ch }] && a.Lhs.Count is 1 or 2 && info.TypeOf(ch)?.Underlying is GoChan ct && S.Reachable)
            ReceivedResult(a.Lhs[0], ct.Elem, ch);
    }

    private void ReceivedResult(Expr target, GoType? elem, Expr from)
    {
        if (PathOf(target) is not { } vp || elem?.Underlying is not GoStruct st) return;
        foreach (var (value, error, at) in world.ResultStructs.Of(elem))
        {
            var vf = st.Fields.FirstOrDefault(f => f.Origin == value);
            var ef = st.Fields.FirstOrDefault(f => f.Origin == error);
            if (vf is null || ef is null) continue;
            string valuePath = vp + ".f" + vf.Id, errorPath = vp + ".f" + ef.Id;
            var fact = Fact.Source(at, $"{value.Name} left nil with {error.Name} set")
                .Then(from.Location, $"received from {ExprText.Of(from)}");
            S = S.Set(valuePath, fact);
            S = S.AddGuard(errorPath, new Guard(valuePath, IsError: true));
        }
    }
}
