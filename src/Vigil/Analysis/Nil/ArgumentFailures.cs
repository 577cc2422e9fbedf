using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>
/// `(T, error)` functions that fail only for invalid arguments: every return that can give an
/// error is inside an `if` or `switch` whose condition reads only the function's parameters
/// (`if len(key) != 24 { return nil, KeySizeError(len(key)) }`), or forwards the call of another
/// such function (`return newCipher(key)`). Its nil result is then a statement about the
/// arguments, not about the program's state (a missing map key, a failed read): a caller that
/// discards the error with `_` and passes its own parameter along states the precondition for its
/// own callers (FunctionAnalysis.DiscardsError).
/// Forwarding is resolved by rounds (a least fixed point: a function joins only when what it
/// forwards to has joined), at most <see cref="Rounds"/> of them (docs/limits.md).
/// </summary>
public sealed class ArgumentFailures
{
    /// <summary>The budget of forwarding rounds: a chain of `return g(x)` deeper than this is not followed.</summary>
    public const int Rounds = 6;

    // key of the function -> the parameter indexes (receiver excluded) its failing conditions read
    private readonly Dictionary<string, HashSet<int>> validating = new(StringComparer.Ordinal);

    public ArgumentFailures(IEnumerable<FunctionBody> bodies)
    {
        var candidates = new List<(string Key, Scope Scope, List<CallExpr> Forwards, HashSet<int> Params)>();
        foreach (var b in bodies)
        {
            if (b.Func is not { } f || b.Decl.Body is null || !EndsWithError(f)) continue;
            var scope = new Scope(b.Decl, b.Package.Info);
            if (Examine(b.Decl.Body, scope) is { } found) candidates.Add((f.Origin.Key, scope, found.Forwards, found.Params));
        }
        for (int round = 0; round < Rounds; round++)
        {
            bool grew = false;
            foreach (var (key, scope, forwards, ps) in candidates)
            {
                if (validating.ContainsKey(key)) continue;
                var all = new HashSet<int>(ps);
                if (forwards.All(fwd => Forwarded(fwd, scope, all))) { validating[key] = all; grew = true; }
            }
            if (!grew) break;
        }
    }

    /// <summary>
    /// `return g(args)` fails only for invalid arguments when g does and the arguments g validates
    /// read only this function's parameters (collected into <paramref name="all"/>).
    /// </summary>
    private bool Forwarded(CallExpr fwd, Scope scope, HashSet<int> all)
    {
        if (CalleeOf(fwd, scope.Info) is not { } g || !validating.TryGetValue(g.Origin.Key, out var inner)) return false;
        foreach (var i in inner)
            if (i >= fwd.Args.Count || !scope.ReadsParamsOnly(fwd.Args[i], all, 0)) return false;
        return true;
    }

    /// <summary>
    /// The parameters (0 = first, receiver excluded) whose values alone decide that <paramref name="f"/>
    /// fails, or null when it can fail for another reason.
    /// </summary>
    public IReadOnlySet<int>? ValidatedParams(GoFunc f) => validating.TryGetValue(f.Origin.Key, out var ps) ? ps : null;

    private static bool EndsWithError(GoFunc f) =>
        f.Signature.Results is { Count: >= 2 } rs && FunctionAnalysis.IsErrorType(rs[rs.Count - 1].Type);

    /// <summary>
    /// True when <paramref name="call"/>, made in <paramref name="caller"/>, calls a function that fails
    /// only for invalid arguments and gives it, for every argument it validates, a value read only
    /// from constants and the caller's own parameters: the caller passes the precondition on to its
    /// callers. Only for an unexported caller, whose callers are its own package's code; an exported
    /// one is called by users, who may pass anything.
    /// </summary>
    public bool CallerVouches(CallExpr call, FuncDecl caller, TypeInfo info)
    {
        if (caller.Name is null || char.IsUpper(caller.Name.Name[0]) || caller.Body is null) return false;
        if (CalleeOf(call, info) is not { } g || ValidatedParams(g) is not { } ps) return false;
        if (Unparen(call.Fun!) is SelectorExpr me && info.SelectionOf(me)?.Kind == SelectionKind.MethodExpr) return false; // `T.M(recv, …)`: the arguments are shifted
        var scope = new Scope(caller, info);
        var ignored = new HashSet<int>();
        foreach (var i in ps)
        {
            if (i >= call.Args.Count || info.IsNilLiteral(Unparen(call.Args[i]))) return false;
            if (!scope.ReadsParamsOnly(call.Args[i], ignored, 0)) return false;
        }
        return true;
    }

    /// <summary>The function a call statically calls (for methods, the declared method; for interfaces, the interface method).</summary>
    internal static GoFunc? CalleeOf(CallExpr call, TypeInfo info)
    {
        var fun = Unparen(call.Fun!);
        if (fun is IndexExpr ie) fun = ie.X!;
        if (fun is IndexListExpr il) fun = il.X!;
        return fun switch
        {
            Ident id => info.UseOf(id) as GoFunc,
            SelectorExpr s => info.SelectionOf(s) is { } sel ? sel.Obj as GoFunc : info.UseOf(s.Sel!) as GoFunc,
            _ => null,
        };
    }

    /// <summary>The forwarded calls and the parameters read by the failing conditions, or null when some return can fail otherwise.</summary>
    private static (List<CallExpr> Forwards, HashSet<int> Params)? Examine(BlockStmt body, Scope scope)
    {
        var forwards = new List<CallExpr>();
        var read = new HashSet<int>();
        bool ok = true;
        Action<Node> walk = null!; // one delegate per walk: VisitChildren(Walk) made one per node
        void Walk(Node n)
        {
            if (!ok || n is FuncLit) return;
            if (n is ReturnStmt r)
            {
                if (r.Results.Count == 0) { ok = false; return; } // a bare return of named results: not followed
                if (r.Results.Count == 1)
                {
                    if (Unparen(r.Results[0]) is CallExpr fwd) forwards.Add(fwd);
                    else ok = false;
                    return;
                }
                if (scope.Info.IsNilLiteral(Unparen(r.Results[^1]))) return; // success
                if (GuardingParams(r, body, scope) is { Count: > 0 } ps) read.UnionWith(ps);
                else ok = false;
                return;
            }
            n.VisitChildren(walk);
        }
        walk = Walk;
        Walk(body);
        return ok ? (forwards, read) : null;
    }

    /// <summary>
    /// The parameters read by the innermost enclosing condition of <paramref name="r"/> that reads
    /// parameters only; empty when none does or the return sits in a loop. Reaching the return
    /// implies that condition, so the failure needs those parameters' values.
    /// </summary>
    private static HashSet<int> GuardingParams(ReturnStmt r, BlockStmt body, Scope scope)
    {
        var found = new HashSet<int>();
        Node child = r;
        for (var p = r.Parent; p is not null && child != body; child = p, p = p.Parent)
        {
            switch (p)
            {
                case ForStmt or RangeStmt or SelectStmt or CommClause: return [];
                case IfStmt { Init: null, Cond: { } c } i when i.Body == child || i.Else == child:
                    if (scope.ReadsParamsOnly(c, found, 0) && found.Count > 0) return found;
                    found.Clear();
                    break;
                case CaseClause cc when child is Stmt st && cc.Body.Contains(st) && cc.Parent?.Parent is SwitchStmt { Init: null, Tag: { } tag } sw:
                    if (scope.ReadsParamsOnly(tag, found, 0)
                        && sw.Body!.List.OfType<CaseClause>().SelectMany(c => c.List).All(e => scope.ReadsParamsOnly(e, found, 0))
                        && found.Count > 0) return found;
                    found.Clear();
                    break;
            }
        }
        return [];
    }

    /// <summary>A function's parameters and the locals it defines once, to tell what a condition reads.</summary>
    private sealed class Scope
    {
        public TypeInfo Info { get; }
        private readonly Dictionary<GoObject, int> parameters = [];
        private readonly HashSet<GoObject> assigned = [];
        private readonly Dictionary<GoObject, Expr> locals = [];

        public Scope(FuncDecl decl, TypeInfo info)
        {
            Info = info;
            int index = 0;
            foreach (var field in decl.Type?.Params?.List ?? [])
            {
                if (field.Names.Count == 0) { index++; continue; }
                foreach (var name in field.Names)
                {
                    if (Info.DefOf(name) is { } o) parameters[o] = index;
                    index++;
                }
            }
            if (decl.Body is { } body) Collect(body);
        }

        /// <summary>
        /// True when <paramref name="e"/> reads nothing but constants, unassigned parameters and locals
        /// defined once from such reads, through operators, conversions and len/cap; collects the parameters.
        /// </summary>
        public bool ReadsParamsOnly(Expr e, HashSet<int> found, int depth)
        {
            if (depth > 4) return false; // locals defined from locals: a short chain only
            if (Info.ConstValue(e) is not null) return true;
            switch (e)
            {
                case ParenExpr p: return ReadsParamsOnly(p.X!, found, depth);
                case BasicLit: return true;
                case Ident id:
                    if (Info.IsNilLiteral(id)) return true;
                    var o = Info.UseOf(id);
                    if (o is GoConst) return true;
                    if (o is null || assigned.Contains(o)) return false;
                    if (parameters.TryGetValue(o, out var pi)) { found.Add(pi); return true; }
                    return locals.TryGetValue(o, out var def) && ReadsParamsOnly(def, found, depth + 1);
                case BinaryExpr bin: return ReadsParamsOnly(bin.X!, found, depth) && ReadsParamsOnly(bin.Y!, found, depth);
                case UnaryExpr { Op: Token.Not or Token.Sub } u: return ReadsParamsOnly(u.X!, found, depth);
                case CallExpr { Args.Count: 1 } call:
                    var fun = Unparen(call.Fun!);
                    bool lenOrConversion = Info.IsType(fun) || fun is Ident { Name: "len" or "cap" } lid && Info.UseOf(lid) is GoBuiltin;
                    return lenOrConversion && ReadsParamsOnly(call.Args[0], found, depth);
                default: return false;
            }
        }

        /// <summary>
        /// Objects assigned with `=`, `op=`, `++`/`--`, or whose address is taken (their value is not
        /// the one they were defined with), and the locals defined once with `x := e`.
        /// </summary>
        private void Collect(BlockStmt body)
        {
            void Add(Expr? e) { if (e is not null && Unparen(e) is Ident id && Info.UseOf(id) is { } o) assigned.Add(o); }
            Action<Node> walk = null!; // one delegate per walk: VisitChildren(Walk) made one per node
            void Walk(Node n)
            {
                switch (n)
                {
                    case AssignStmt { Tok: Token.Define } d when d.Lhs.Count == d.Rhs.Count:
                        for (int i = 0; i < d.Lhs.Count; i++)
                            if (d.Lhs[i] is Ident lid && Info.DefOf(lid) is { } o && !locals.TryAdd(o, d.Rhs[i])) assigned.Add(o);
                        break;
                    case AssignStmt { Tok: not Token.Define } a: foreach (var l in a.Lhs) Add(l); break;
                    case IncDecStmt inc: Add(inc.X); break;
                    case UnaryExpr { Op: Token.And } u: Add(u.X); break;
                    case RangeStmt { Tok: Token.Assign } rs: Add(rs.Key); Add(rs.Value); break;
                }
                n.VisitChildren(walk);
            }
            walk = Walk;
            Walk(body);
        }
    }

}
