using Vigil.Flow.Cfg;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

// Conditions: a branch condition is a node of its block (its operands are
// evaluated there, with their dereferences); what it says about nil is the
// transfer of its True and False edges. The CFG splits &&, || and ! into
// separate tests, so an edge's condition is a single comparison, name or call.
public sealed partial class FunctionAnalysis
{
    /// <summary>
    /// The node transfer of a branch condition: evaluates it, and applies what
    /// holds on both edges alike (a value passed to a call in a condition is
    /// taken as checked; comparing an err with a sentinel makes no claim).
    /// </summary>
    private void Condition(Expr e)
    {
        e = Unparen(e);
        switch (e)
        {
            case BinaryExpr { Op: Token.Eql or Token.Neq } b when IsNilComparison(b, out var x):
                {
                    var xf = Eval(x);
                    if (!collecting) break;
                    // A nil check of a call's result is evidence that the callee's nil really happens.
                    if (xf.Origin is { } origin && origin != UncheckedOrigin) checkedOrigins.Add(origin);
                    else if (Unparen(x) is CallExpr checkedCall && CalleeOf(checkedCall) is { } cc) checkedOrigins.Add(cc.Origin.Key);
                    break;
                }
            case BinaryExpr { Op: Token.Eql or Token.Neq } cmp when PathOf(cmp.X) is { } errPath && S.GuardedBy(errPath, isError: true).Any():
                // err compared with a sentinel (err == io.EOF): the value may be valid either way.
                Eval(cmp.X);
                Eval(cmp.Y);
                foreach (var target in S.GuardedBy(errPath, isError: true)) S = S.Refine(target, Fact.Checked);
                break;
            case CallExpr call:
                {
                    Eval(call);
                    // A value passed to a call in a condition is taken as checked (isNil(x), ok(x), errors.As...).
                    var st = S;
                    foreach (var a in call.Args)
                        if (PathOf(a) is { } p)
                        {
                            st = st.Refine(p, Fact.Checked);
                            foreach (var target in S.GuardedBy(p, isError: true)) st = st.Refine(target, Fact.Checked);
                        }
                    if (call.Fun is SelectorExpr { X: var recv } && PathOf(recv) is { } rp && S.Get(rp).Kind == Nilness.Nilable)
                        st = st.Refine(rp, Fact.NonNil);
                    S = st;
                    break;
                }
            case BinaryExpr { Op: Token.LAnd or Token.LOr } or UnaryExpr { Op: Token.Not }:
                EvalCondition(e);
                break;
            default:
                Eval(e);
                break;
        }
    }

    /// <summary>
    /// A boolean expression outside a branch (`ok := p != nil &amp;&amp; p.ok`, a
    /// switch tag): its operands in short-circuit order, each in the state
    /// where it runs; the state after is the join of the outcomes.
    /// </summary>
    private void EvalCondition(Expr e)
    {
        e = Unparen(e);
        switch (e)
        {
            case UnaryExpr { Op: Token.Not, X: { } x }:
                EvalCondition(x);
                return;
            case BinaryExpr { Op: Token.LAnd or Token.LOr, X: { } l, Y: { } r } b:
                {
                    bool and = b.Op == Token.LAnd;
                    EvalCondition(l);
                    var afterLeft = S;
                    S = Refine(l, and, afterLeft);      // the right operand runs when the left did not decide
                    EvalCondition(r);
                    var decided = Refine(l, !and, afterLeft);
                    S = FlowState.Join(FlowState.Join(Refine(r, true, S), Refine(r, false, S)), decided);
                    return;
                }
            default:
                Condition(e);
                return;
        }
    }

    /// <summary>The edge transfer: what a True or False edge says about nil.</summary>
    private FlowState TransferEdge(Edge edge, FlowState s)
    {
        if (!s.Reachable || edge.Polarity is not { } truth || edge.Condition is not { } c) return s;
        switch (edge.CaseOf)
        {
            case SwitchStmt sw: return TagCase(sw, c, truth, s);
            case TypeSwitchStmt ts: return TypeCase(ts, c, truth, s);
        }
        var r = Refine(c, truth, s);
        // `p == nil && ready` false because ready is false: p is nil there only together
        // with a condition the analysis does not track (often `if p == nil && c { p = new(T) }`);
        // the same for `!ok && kind != begin` (v, ok := m[k]) false through its second operand.
        if (!truth && LeftOperandOfAnd(c) is { } left)
        {
            var decided = r;
            r = r.WithoutNilsDecidedBy(Refine(left, true, r), Refine(left, false, r));
            // `if x == nil && !closed { panic(...) }`: the author stops only when c holds, so a nil
            // x goes on when it does not; the nil stays.
            if (Unparen(left) is BinaryExpr lb && ExitsOnlyWith(lb) && IsNilComparison(lb, out var lx) && PathOf(lx) is { } xp && decided.Get(xp).IsNilable)
                r = r.Refine(xp, decided.Get(xp));
        }
        return r;
    }

    /// <summary>
    /// The state where <paramref name="e"/> has the value <paramref name="truth"/>, from the
    /// state <paramref name="s"/> after its evaluation. Pure: no dereference is reported here.
    /// </summary>
    private FlowState Refine(Expr e, bool truth, FlowState s)
    {
        if (!s.Reachable) return s;
        e = Unparen(e);
        switch (e)
        {
            case UnaryExpr { Op: Token.Not, X: { } x }:
                return Refine(x, !truth, s);
            case BinaryExpr { Op: Token.LAnd, X: { } l, Y: { } r }:
                {
                    var t1 = Refine(l, true, s);
                    if (truth) return Refine(r, true, t1);
                    var f2 = Refine(r, false, t1);
                    return FlowState.Join(Refine(l, false, s), f2.WithoutNilsDecidedBy(t1, Refine(l, false, s)));
                }
            case BinaryExpr { Op: Token.LOr, X: { } l, Y: { } r }:
                {
                    var f1 = Refine(l, false, s);
                    // Not the mirror of &&: `if p != nil || fallback { p.x }` panics exactly when
                    // fallback holds with a nil p, and is reported.
                    return truth ? FlowState.Join(Refine(l, true, s), Refine(r, true, f1)) : Refine(r, false, f1);
                }
            case BinaryExpr { Op: Token.Eql or Token.Neq } b when IsNilComparison(b, out var x):
                {
                    bool isNil = (b.Op == Token.Eql) == truth;
                    return RefineNilConst(x, isNil, isNil ? WhenNil(b, x, s) : WhenNotNil(x, s));
                }
            case Ident id when PathOf(id) is { } okPath && !okPath.Contains('.'):
                // `ok` true: what it guards holds a value; `isNil` false, likewise (value guards).
                return RefineValue(okPath, Token.Eql, 1, truth, s, isBool: true);
            case BinaryExpr cmp when RefineComparison(cmp, truth, s) is { } refined:
                return refined;
            default:
                return s;
        }
    }

    /// <summary>
    /// A `context.Context`: never nil by convention (the context package: "Do not pass a nil
    /// Context, even if a function permits it"), so `if ctx != nil` is defensive and its nil
    /// branch makes no source.
    /// </summary>
    private bool IsContext(Expr x) => info.TypeOf(x) is Vigil.Semantics.GoNamed { Obj: { Name: "Context", Package.Path: "context" } };

    private FlowState WhenNotNil(Expr x, FlowState s)
    {
        if (PathOf(x) is not { } path) return s;
        s = s.Refine(path, Fact.Checked); // (an allocated value stays allocated: see FlowState.Refine)
        return s.CopyOf(path) is { } source ? s.Refine(source, Fact.Checked) : s;
    }

    private FlowState WhenNil(BinaryExpr cmp, Expr x, FlowState s)
    {
        if (PathOf(x) is not { } path) return s;
        var xf = Peek(x, s);
        // `x := new(T); if x == nil { ... }`: that branch never runs (the check is defensive or dead).
        if (xf.IsAllocated) return FlowState.Unreachable;
        // A comparison inside && or || says less about which branch has the nil: no new source there.
        // An explicit check is evidence: a nil not reported on its own (Origin unchecked) is, after it.
        var nilFact = xf.IsNilable ? xf with { SelfChecked = !path.Contains('.') }
            : IsContext(x) ? Fact.NonNil
            : xf.Kind == Nilness.Param ? Fact.Source(cmp.Location, $"{ExprText.Of(x)} is compared with nil: nil on this branch") with { ParamIndex = xf.ParamIndex }
            : InCompound(cmp) && OtherDisjuncts(cmp) < 0 && !ExitsOnlyWith(cmp) ? Fact.NonNil
            : Fact.Source(cmp.Location, $"{ExprText.Of(x)} is compared with nil: nil on this branch") with { SelfChecked = !path.Contains('.') };
        if (path.Contains('.') && !xf.IsNilable) nilFact = nilFact with { FieldCheck = true, Disjuncts = ExitsOnlyWith(cmp) ? 1 : Math.Max(0, OtherDisjuncts(cmp)) };
        var isNil = s.Refine(path, nilFact);
        // A copy of another value (`xx := I(x)`): that value is nil too.
        if (s.CopyOf(path) is { } source)
        {
            var sf = s.Get(source);
            if (sf.IsAllocated) return FlowState.Unreachable;
            if (!sf.IsNilable && !nilFact.FieldCheck && nilFact.IsNilable)
                isNil = isNil.Refine(source, nilFact.Then(cmp.Location, $"{ExprText.Of(x)} holds the value it was copied from: that is nil too") with { ParamIndex = sf.Kind == Nilness.Param ? sf.ParamIndex : -1 });
        }
        // err == nil: what err guards is usable.
        foreach (var target in s.GuardedBy(path, isError: true)) isNil = isNil.Refine(target, Fact.Checked);
        return isNil;
    }

    /// <summary>A case of `switch x { case nil: ... }`: x is nil in that case, and not nil in the later ones.</summary>
    private FlowState TagCase(SwitchStmt sw, Expr value, bool truth, FlowState s)
    {
        if (!info.IsNilLiteral(Unparen(value)) || PathOf(sw.Tag) is not { } tagPath) return s;
        if (!truth) return s.Refine(tagPath, Fact.Checked);
        // `case nil:` of a switch on an error: what the error guards is usable (the (value, error) contract).
        foreach (var target in s.GuardedBy(tagPath, isError: true)) s = s.Refine(target, Fact.Checked);
        if (value.Parent is not CaseClause { List.Count: 1 } cc) return s;
        var tf = Peek(sw.Tag!, s);
        return s.Refine(tagPath, tf.IsNilable ? tf
            : Fact.Source(cc.Location, $"{ExprText.Of(sw.Tag)} is nil in this case") with { ParamIndex = tf.Kind == Nilness.Param ? tf.ParamIndex : -1 });
    }

    /// <summary>A case of a type switch: in a clause other than `case nil` the switched value is not nil; past a failed `case nil` neither.</summary>
    private FlowState TypeCase(TypeSwitchStmt ts, Expr type, bool truth, FlowState s)
    {
        if (PathOf(SwitchedValue(ts)) is not { } path) return s;
        bool nilCase = info.IsNilLiteral(Unparen(type));
        if (truth && nilCase) // `switch err.(type) { case nil: }`: what the error guards is usable
            foreach (var target in s.GuardedBy(path, isError: true)) s = s.Refine(target, Fact.Checked);
        return truth != nilCase ? s.Refine(path, Fact.Checked) : s;
    }

    /// <summary>The nilness of a path expression (a tracked local, or fields of one) in a state, without evaluating it.</summary>
    private Fact Peek(Expr x, FlowState s)
    {
        x = Unparen(x);
        return x switch
        {
            Ident id when info.UseOf(id) is Semantics.GoVar v && Tracked(v) => s.Get(Key(v)),
            SelectorExpr sel when info.SelectionOf(sel) is { Kind: Loading.SelectionKind.FieldVal } selection => FieldFact(sel, selection, s),
            _ => Fact.NonNil,
        };
    }

    private bool IsNilComparison(BinaryExpr b, out Expr other)
    {
        other = null!;
        if (b.X is null || b.Y is null) return false;
        if (info.IsNilLiteral(Unparen(b.X))) { other = b.Y; return true; }
        if (info.IsNilLiteral(Unparen(b.Y))) { other = b.X; return true; }
        return false;
    }

    /// <summary>True for a test that is an operand of &amp;&amp; or || (through parentheses and !).</summary>
    private static bool InCompound(Expr e)
    {
        Node n = e;
        while (n.Parent is ParenExpr or UnaryExpr { Op: Token.Not }) n = n.Parent;
        return n.Parent is BinaryExpr { Op: Token.LAnd or Token.LOr };
    }

    /// <summary>
    /// For `x == nil` as an operand of a branch condition made only of ||
    /// (`if c.conn == nil || c.closed {`): the number of other operands, whose true edges
    /// enter the same branch; -1 otherwise. Its true edge leads straight into the branch,
    /// so the branch runs with x nil: unlike inside &amp;&amp;, the comparison is a nil source.
    /// </summary>
    private static int OtherDisjuncts(BinaryExpr cmp)
    {
        if (cmp.Op != Token.Eql) return -1;
        Node top = cmp;
        while (top.Parent is ParenExpr or BinaryExpr { Op: Token.LOr }) top = top.Parent;
        if (top == cmp || top.Parent is not (IfStmt or ForStmt)) return -1;
        static int Leaves(Expr e) => e switch
        {
            ParenExpr p => Leaves(p.X!),
            BinaryExpr { Op: Token.LOr, X: { } l, Y: { } r } => Leaves(l) + Leaves(r),
            _ => 1,
        };
        return Leaves((Expr)top) - 1;
    }

    /// <summary>
    /// For `x == nil` as the left operand of `if x == nil &amp;&amp; c { ... }` whose branch never
    /// falls through (it ends in a return, a panic or a jump): the author handles a nil x only
    /// when c holds, and says so; with c false a nil x goes on past the `if` (the nil is on the
    /// false edge of c, and survives the merge with x's own false edge).
    /// </summary>
    private static bool ExitsOnlyWith(BinaryExpr cmp)
    {
        if (cmp.Op != Token.Eql) return false;
        Node n = cmp;
        while (n.Parent is ParenExpr) n = n.Parent;
        if (n.Parent is not BinaryExpr { Op: Token.LAnd } and || and.X != n) return false;
        Node top = and;
        while (top.Parent is ParenExpr) top = top.Parent;
        return top.Parent is IfStmt { Else: null, Body.List: [.., var last] } ifs && ifs.Cond == top
            && last is ReturnStmt or BranchStmt or ExprStmt { X: CallExpr { Fun: Ident { Name: "panic" } } };
    }

    /// <summary>For the right operand of &amp;&amp; (through parentheses), the left operand.</summary>
    private static Expr? LeftOperandOfAnd(Expr e)
    {
        Node n = e;
        while (n.Parent is ParenExpr) n = n.Parent;
        return n.Parent is BinaryExpr { Op: Token.LAnd, X: { } l, Y: { } r } && r == n ? l : null;
    }
}
