using Vigil.Flow.Cfg;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// A pointer dereferenced, then compared with nil: <c>_ = p.x; ...; if p == nil { ... }</c>.
/// The later check says the author expects nil there, and the dereference
/// before it panics first (staticcheck's SA5011). Found per function on the
/// shared CFG: the dereference dominates the check, and nothing assigns the
/// variable anywhere after it is declared (parameters and locals set once).
/// A check that changes nothing (<c>if p != nil { return }</c> ending the
/// function) is not evidence and is ignored, as the compiler drops it.
/// </summary>
public static class CheckedAfterUse
{
    /// <summary>A dereference of <see cref="Var"/> at <see cref="Deref"/>, checked for nil later at <see cref="Check"/>.</summary>
    public sealed record Use(Node Deref, GoVar Var, string What, BinaryExpr Check);

    /// <param name="dereferencesReceiver">
    /// For a method: whether it dereferences its receiver on every path (its summary says so);
    /// a call of such a method on the variable is a dereference. Null: method calls are not.
    /// </param>
    public static List<Use> Find(ControlFlowGraph g, TypeInfo info, Func<GoFunc, bool>? dereferencesReceiver = null)
    {
        var found = new List<Use>();
        if (g.Body is null) return found;
        var checks = new List<(BinaryExpr Cmp, GoVar Var)>();
        var derefs = new List<(Node Node, GoVar Var, string What)>();
        var reassigned = new HashSet<GoVar>();
        var defaulted = new Dictionary<GoVar, List<AssignStmt>>(); // plain assignments `v = x`, kept apart: see Defaulted
        var allocated = new HashSet<GoVar>(); // set once, to a new value: a later nil check is defensive
        new Flow.SyntaxWalk(n =>
        {
            switch (n)
            {
                case FuncLit lit when lit != g.Function:
                    Reassignments(lit, info, reassigned); // a closure setting the variable counts, its body is another graph
                    return false;
                case BinaryExpr { Op: Token.Eql or Token.Neq } cmp when NilComparedVar(cmp, info) is { } v:
                    checks.Add((cmp, v));
                    break;
                case StarExpr { X: Ident id } star when info.ObjectOf(id) is GoVar v && IsPointer(v) && !info.IsType(star):
                    derefs.Add((star, v, "nil pointer dereferenced"));
                    break;
                case SelectorExpr { X: Ident id } sel when info.ObjectOf(id) is GoVar v && IsPointer(v)
                        && info.SelectionOf(sel) is { Kind: SelectionKind.FieldVal, Indirect: true }:
                    derefs.Add((sel, v, $"field {sel.Sel!.Name} accessed"));
                    break;
                case CallExpr { Fun: SelectorExpr { X: Ident id } call } when dereferencesReceiver is not null && info.ObjectOf(id) is GoVar v && IsPointer(v)
                        && info.SelectionOf(call) is { Kind: SelectionKind.MethodVal, Obj: GoFunc m } && m.Signature.Recv?.Type?.Underlying is GoPointer && dereferencesReceiver(m):
                    derefs.Add((call, v, $"method {m.Name} called on it, which dereferences it"));
                    break;
                case AssignStmt { Tok: Token.Assign, Lhs: [Ident li] } plain when info.UseOf(li) is GoVar av:
                    if (!defaulted.TryGetValue(av, out var list)) defaulted[av] = list = [];
                    list.Add(plain);
                    break;
                case AssignStmt or IncDecStmt or UnaryExpr { Op: Token.And } or RangeStmt:
                    Reassignments(n, info, reassigned, shallow: true);
                    if (n is AssignStmt { Tok: Token.Define } def) Allocations(def.Lhs, def.Rhs, info, allocated);
                    break;
                case ValueSpec spec:
                    Allocations(spec.Names.Cast<Expr>().ToList(), spec.Values, info, allocated);
                    break;
            }
            return true;
        }).Walk(g.Body);
        if (checks.Count == 0 || derefs.Count == 0) return found;

        var dominators = Dominators.Of(g);
        foreach (var (cmp, v) in checks)
        {
            if (reassigned.Contains(v) || allocated.Contains(v) || Pointless(cmp, info) || Locate(g, cmp) is not var (cb, ci)) continue;
            if (defaulted.TryGetValue(v, out var sets) && !sets.All(a => Defaulted(a, cmp))) continue;
            // The first dereference that always runs before the check (earliest in the block order).
            foreach (var (node, dv, what) in derefs)
            {
                if (dv != v || Locate(g, node) is not var (db, di)) continue;
                bool before = db == cb ? di < ci : dominators.Dominates(db, cb);
                if (!before) continue;
                found.Add(new Use(node, v, what, cmp));
                break;
            }
        }
        return found;
    }

    /// <summary>
    /// `if v == nil { v = fallback }`: an assignment inside the nil branch of the check itself
    /// gives the variable its default after the check; a dereference before the check still
    /// sees the caller's nil (`v.fillRecord(r); if v == nil { v = s.version }`).
    /// </summary>
    private static bool Defaulted(AssignStmt a, BinaryExpr cmp)
    {
        if (cmp.Op != Token.Eql || cmp.Parent is not IfStmt { Body: { } body } ifs || ifs.Cond != cmp) return false;
        return a.Pos.Offset >= body.Pos.Offset && a.End.Offset <= body.End.Offset && a.SourceFile == body.SourceFile;
    }

    private static GoVar? NilComparedVar(BinaryExpr cmp, TypeInfo info)
    {
        Expr? other = IsNil(cmp.X, info) ? cmp.Y : IsNil(cmp.Y, info) ? cmp.X : null;
        while (other is ParenExpr p) other = p.X;
        return other is Ident id && info.ObjectOf(id) is GoVar v && !v.IsPackageLevel && !v.IsField && IsPointer(v) ? v : null;
    }

    /// <summary>Variables defined by `x := new(T)`, `x := &amp;v`, `x := &amp;T{}`: never nil.</summary>
    private static void Allocations(IReadOnlyList<Expr> lhs, IReadOnlyList<Expr> rhs, TypeInfo info, HashSet<GoVar> allocated)
    {
        if (lhs.Count != rhs.Count) return;
        for (int i = 0; i < lhs.Count; i++)
        {
            var r = rhs[i];
            while (r is ParenExpr p) r = p.X!;
            bool isNew = r is UnaryExpr { Op: Token.And }
                || (r is CallExpr { Fun: Ident { Name: "new" } fn } && info.ModeOf(fn).HasFlag(ExprMode.Builtin));
            if (isNew && lhs[i] is Ident id && info.ObjectOf(id) is GoVar v) allocated.Add(v);
        }
    }

    private static bool IsNil(Expr? e, TypeInfo info) => e is not null && info.ModeOf(e).HasFlag(ExprMode.Nil);

    // Pointers only: a nil map, slice, channel or function value is used differently (and a method call on a
    // nil pointer can be fine: the method may check its receiver).
    // A type parameter counts when all its types are pointers (`[T *int]`): `*x` compiles only then.
    private static bool IsPointer(GoVar v) =>
        v.Type?.Unalias() is GoTypeParam tp ? TypeParams.AllPointers(tp) : v.Type?.Underlying is GoPointer;

    /// <summary>
    /// The block and position of the CFG node holding <paramref name="n"/> (the node itself or the innermost
    /// enclosing one); null when <paramref name="n"/> runs only on some evaluations of that node (the right
    /// operand of a &amp;&amp; or || the graph does not split, as inside a comparison).
    /// </summary>
    private static (Block, int)? Locate(ControlFlowGraph g, Node n)
    {
        for (Node? x = n; x is not null && x != g.Function; x = x.Parent)
        {
            if (g.Locate(x) is { } at) return at.Block.IsReachable ? at : null;
            if (x.Parent is BinaryExpr { Op: Token.LAnd or Token.LOr } sc && sc.Y == x) return null;
        }
        return null;
    }

    /// <summary>
    /// A check that is no evidence that nil is expected: <c>if p != nil { return }</c> ending the function
    /// (both ways end the same), an assertion (<c>if p == nil { panic(...) }</c>), or a check under a constant
    /// condition (<c>if debug { ... }</c>).
    /// </summary>
    private static bool Pointless(BinaryExpr cmp, TypeInfo info)
    {
        for (Node? x = cmp.Parent; x is not null and not (FuncDecl or FuncLit); x = x.Parent)
        {
            if (x is IfStmt { Cond: { } c } guard && !IsWithin(cmp, c) && info.ConstValue(c) is not null) return true; // if debug {...}
            if (x is IfStmt assertion && IsWithin(cmp, assertion.Cond!) && assertion.Body?.List is [.., ExprStmt { X: CallExpr { Fun: Ident { Name: "panic" } } }])
                return true;
        }
        return TailReturn(cmp);
    }

    private static bool IsWithin(Node n, Node ancestor)
    {
        for (Node? x = n; x is not null; x = x.Parent)
            if (x == ancestor) return true;
        return false;
    }

    private static bool TailReturn(BinaryExpr cmp)
    {
        if (cmp.Parent is not IfStmt { Else: null, Init: null } ifs || ifs.Cond != cmp) return false;
        if (ifs.Body?.List is not [ReturnStmt { Results.Count: 0 }]) return false;
        return ifs.Parent is BlockStmt block && block.Parent is FuncDecl or FuncLit && block.List.Count > 0 && block.List[^1] == ifs;
    }

    /// <summary>Variables assigned (or whose address is taken) by a node: all of them for a closure, the node's own for a statement.</summary>
    private static void Reassignments(Node n, TypeInfo info, HashSet<GoVar> into, bool shallow = false)
    {
        void Target(Expr? e)
        {
            while (e is ParenExpr p) e = p.X;
            if (e is Ident id && info.UseOf(id) is GoVar v) into.Add(v); // a use, not the defining occurrence
        }
        void One(Node x)
        {
            switch (x)
            {
                case AssignStmt a: foreach (var l in a.Lhs) Target(l); break;
                case IncDecStmt inc: Target(inc.X); break;
                case UnaryExpr { Op: Token.And } u: Target(u.X); break;
                case RangeStmt { Tok: Token.Assign } r: Target(r.Key); Target(r.Value); break;
            }
        }
        if (shallow) One(n);
        else foreach (var x in n.Descendants()) One(x);
    }
}
