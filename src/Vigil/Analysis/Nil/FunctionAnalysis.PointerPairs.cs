using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

// Pointer pairs and lengths: relations between two values set together, kept as value
// guards (FlowState.Correlate makes them at merges, as for booleans and counters).
//
// A local pointer, map, slice, channel, function or interface known to hold nil here
// (`var chain *Certificate`, `q = nil`, the true edge of `q == nil`) is the constant 0 of
// the state. At a merge where one side has q nil (0) and p may be nil, and the other side
// has p set, the merge rule gives "q ≠ 0 ⇒ p set": `var chain *C; req, ok := m.(*Req);
// if ok { chain = get(req) }; …; if chain != nil { req.x }`. Sound on both sides: where p
// may be nil, q is nil, and elsewhere p is set, whatever q holds.
//
// A length relates a count to its slice or map: `len(s) > 0` (any outcome that rules out a
// length of 0) means s is not nil, and what s guards is set; `n := len(s) + c` makes n
// guard what s guards, with "n is not c" (a nil s has length 0, so n ≠ c means s is set).
public sealed partial class FunctionAnalysis
{
    /// <summary>The locals whose "known nil" the state tracks as the constant 0: every type with a nil value.</summary>
    private static bool NilConstTracked(GoType? t) => NilableType(t) || t?.Underlying is GoSlice;

    /// <summary>In a parallel assignment, the right-hand sides worth a relation: a constant, a nil, a length.</summary>
    private bool Correlates(Expr rhs) => ConstOf(rhs) is not null || info.IsNilLiteral(Unparen(rhs)) || LenOffset(rhs) is not null;

    /// <summary>
    /// `len(s)`, `len(s) + c`, `len(s) - c`, `c + len(s)` for a slice, map or channel s and an
    /// integer constant c: (s, c); otherwise null. (A string or array has no nil to relate to.)
    /// </summary>
    private (Expr Counted, long Offset)? LenOffset(Expr? e)
    {
        if (e is null) return null;
        e = Unparen(e);
        if (e is CallExpr { Fun: Ident { Name: "len" } fun, Args: [var arg] } && info.UseOf(fun) is GoBuiltin)
            return info.TypeOf(arg)?.Underlying is GoSlice or GoMap or GoChan ? (arg, 0) : null;
        if (e is not BinaryExpr { Op: Token.Add or Token.Sub, X: { } l, Y: { } r } b) return null;
        if (ConstOf(r) is { } kr && LenOffset(l) is ({ } c1, var o1)) return (c1, b.Op == Token.Add ? o1 + kr : o1 - kr);
        if (b.Op == Token.Add && ConstOf(l) is { } kl && LenOffset(r) is ({ } c2, var o2)) return (c2, o2 + kl);
        return null;
    }

    /// <summary>
    /// `n := len(s) + c`: n guards, with "n is not c", s itself when it may be nil and every
    /// value s guards as a pointer (s ≠ nil ⇒ t set; a length other than 0 means s is not nil).
    /// </summary>
    private void GuardByLength(string path, Expr counted, long offset)
    {
        if (PathOf(counted) is not { } sp || sp == path) return;
        if (S.Get(sp).Kind != Nilness.NonNil) S = S.AddGuard(path, new Guard(sp, IsError: false, Except: offset));
        if (sp.Contains('.')) return;
        foreach (var g in S.ValueGuards(sp).Where(g => g.Except == 0 && g.Target != path).ToList())
            S = S.AddGuard(path, new Guard(g.Target, IsError: false, Except: offset));
    }

    /// <summary>
    /// The state where `len(s) OP k` has the value <paramref name="truth"/>: when that outcome
    /// rules out a length of 0, s is not nil, and the values s guards are set.
    /// </summary>
    private FlowState RefineLength(Expr counted, Token op, long k, bool truth, FlowState s)
    {
        if (Holds(0, op, k) == truth || PathOf(counted) is not { } sp) return s;
        return RefineNilConst(counted, isNil: false, WhenNotNil(counted, s));
    }

    /// <summary>
    /// After a nil comparison of a local (`q == nil`, `q != nil`) decided <paramref name="isNil"/>:
    /// a nil q is the constant 0; a q not nil sets what q guards (pointer pairs).
    /// </summary>
    private FlowState RefineNilConst(Expr x, bool isNil, FlowState s)
    {
        if (PathOf(x) is not { } path || path.Contains('.') || !NilConstTracked(info.TypeOf(x))) return s;
        return RefineValue(path, Token.Eql, 0, isNil, s, isBool: false);
    }
}
