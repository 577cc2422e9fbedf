using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

// Correlations: a boolean or integer local whose value says whether a pointer is
// set (`ok := p != nil`, `found = true` next to `p = x`, `n := 0; if reg != nil {
// n = reg.Len() }`). They are value guards in the state (see Guard and
// FlowState.Correlate); here they are made by assignments and used by conditions.
public sealed partial class FunctionAnalysis
{
    /// <summary>Booleans and integers: the locals whose constant values the state tracks.</summary>
    private static bool ConstTracked(GoType? t) =>
        t?.Underlying is GoBasic { BasicKind: BasicKind.Bool or BasicKind.UntypedBool or BasicKind.Int or BasicKind.Int8 or BasicKind.Int16
            or BasicKind.Int32 or BasicKind.Int64 or BasicKind.Uint or BasicKind.Uint8 or BasicKind.Uint16 or BasicKind.Uint32
            or BasicKind.Uint64 or BasicKind.Uintptr or BasicKind.UntypedInt };

    /// <summary>The value of a boolean or integer constant expression (booleans as 0 and 1), or null.</summary>
    private long? ConstOf(Expr? e)
    {
        if (e is null || info.ConstValue(Unparen(e)) is not { } v) return null;
        if (v == "true") return 1;
        if (v == "false") return 0;
        return long.TryParse(v, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>
    /// After `x = rhs` (x already assigned in the state): the constant x now holds, and for a
    /// boolean set from a condition (`ok := p != nil && p.ready`, `failed := err != nil`), the
    /// paths that condition's outcome proves set become guarded by x.
    /// </summary>
    private void Correlate(Expr lhs, Expr? rhs)
    {
        if (PathOf(lhs) is not { } path || path.Contains('.')) return;
        var type = TypeOfTarget(lhs);
        if (NilConstTracked(type))
        {
            // `q = nil`: q is known nil here (const 0), which makes pointer-pair guards at merges.
            if (rhs is not null && info.IsNilLiteral(Unparen(rhs))) S = S.WithConst(path, 0);
            return;
        }
        if (!ConstTracked(type)) return;
        if (ConstOf(rhs) is { } c) { S = S.WithConst(path, c); return; }
        if (LenOffset(rhs) is ({ } counted, var offset)) { GuardByLength(path, counted, offset); return; }
        if (rhs is null || Unparen(rhs) is not (BinaryExpr or UnaryExpr { Op: Token.Not })) return;
        var whenTrue = Refine(rhs, true, S);
        var whenFalse = Refine(rhs, false, S);
        foreach (var p in S.UncheckedPaths())
        {
            if (p == path) continue;
            if (whenTrue.Get(p).Kind == Nilness.NonNil) S = S.AddGuard(path, new Guard(p, IsError: false, Except: 0));
            if (whenFalse.Get(p).Kind == Nilness.NonNil) S = S.AddGuard(path, new Guard(p, IsError: false, Except: 1));
        }
    }

    /// <summary>
    /// `x++`, `x--`: a known constant moves by one; `x op= y` forgets it. Either way the
    /// guards x made are dropped: they named the values x held before (`n := len(s) - 1`
    /// guards s with "n is not -1"; after `n--` a nil s gives -2).
    /// </summary>
    private void StepConst(Expr x, int by)
    {
        if (PathOf(x) is not { } path || path.Contains('.')) return;
        var c = S.ConstOf(path);
        if (c is null && !S.ValueGuards(path).Any()) return;
        S = S.Set(path, Fact.NonNil);
        if (by != 0 && c is { } v) S = S.WithConst(path, v + by);
    }

    /// <summary>
    /// The state where `x OP k` has the value <paramref name="truth"/>, for a tracked boolean
    /// or integer x and a constant k: a guard "x is not e" fires when e fails that outcome, and
    /// an equality makes x known.
    /// </summary>
    private FlowState RefineValue(string path, Token op, long k, bool truth, FlowState s, bool isBool)
    {
        foreach (var g in s.ValueGuards(path).ToList())
            if (Holds(g.Except, op, k) != truth) s = s.Refine(g.Target, Fact.Checked);
        if ((op == Token.Eql && truth) || (op == Token.Neq && !truth)) s = s.WithConst(path, k);
        // A boolean known not to be one value is the other.
        else if (isBool && k is 0 or 1 && ((op == Token.Neq && truth) || (op == Token.Eql && !truth))) s = s.WithConst(path, 1 - k);
        return s;
    }

    private static bool Holds(long x, Token op, long k) => op switch
    {
        Token.Eql => x == k,
        Token.Neq => x != k,
        Token.Lss => x < k,
        Token.Gtr => x > k,
        Token.Leq => x <= k,
        Token.Geq => x >= k,
        _ => true,
    };

    private static Token Mirror(Token op) => op switch
    {
        Token.Lss => Token.Gtr,
        Token.Gtr => Token.Lss,
        Token.Leq => Token.Geq,
        Token.Geq => Token.Leq,
        _ => op,
    };

    /// <summary>
    /// A comparison of a tracked boolean or integer with a constant (`exists == false`,
    /// `ok != true`, `n > 0`, `0 < n`), or null when <paramref name="b"/> is not one.
    /// A boolean compared with a literal is the boolean itself or its negation.
    /// </summary>
    private FlowState? RefineComparison(BinaryExpr b, bool truth, FlowState s)
    {
        if (b.X is null || b.Y is null) return null;
        if (b.Op is not (Token.Eql or Token.Neq or Token.Lss or Token.Gtr or Token.Leq or Token.Geq)) return null;
        var (x, k, op) = ConstOf(b.Y) is { } ky ? (b.X, ky, b.Op) : ConstOf(b.X) is { } kx ? (b.Y, kx, Mirror(b.Op)) : (null, 0L, b.Op);
        if (x is null) return null;
        if (info.TypeOf(x)?.Underlying is GoBasic { BasicKind: BasicKind.Bool or BasicKind.UntypedBool } && b.Op is Token.Eql or Token.Neq)
            return Refine(x, (k == 1) == (op == Token.Eql) == truth, s);
        if (LenOffset(x) is ({ } counted, 0)) return RefineLength(counted, op, k, truth, s);
        if (PathOf(x) is not { } path || path.Contains('.') || !ConstTracked(info.TypeOf(x))) return null;
        return RefineValue(path, op, k, truth, s, isBool: false);
    }
}
