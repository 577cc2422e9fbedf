using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// Code a call rules out by its own argument: <c>func NewScope(parent *Scope) { if parent != nil &amp;&amp; parent != Root { parent.children = ... } }</c>
/// called as <c>NewScope(Root, ...)</c>. On that call the condition is false, so the access under it, reached through
/// that call, never runs. The argument must be the very package-level variable the condition compares with (or
/// <c>nil</c> against <c>nil</c>), the parameter never assigned in the callee, and the variable assigned by its
/// package only in its declaration and in <c>init</c> functions (so both reads see the same value). Also a guard on a
/// parameter's length (<c>if len(mdata) &gt; 0 { s.trailer = mdata }</c>) on a call passing <c>nil</c> for it.
/// </summary>
internal sealed class ArgumentExcluded
{
    private readonly Summaries sums;
    private readonly Dictionary<(Node Call, Node Inner), bool> memo = new();
    private readonly Dictionary<GoVar, bool> fixedVars = new();

    public ArgumentExcluded(Summaries sums) => this.sums = sums;

    /// <summary>At some level of the access's call path, the call passes the value its callee's guard excludes.</summary>
    public bool NeverRuns(Event e)
    {
        var path = e.Path;
        for (int i = 0; i + 1 < path.Count; i++)
        {
            if (path[i] is not CallExpr call) continue;
            if (!memo.TryGetValue((call, path[i + 1]), out var r)) memo[(call, path[i + 1])] = r = Excluded(call, path[i + 1]);
            if (r) return true;
        }
        return false;
    }

    private bool Excluded(CallExpr call, Node inner)
    {
        if (call.Ellipsis.IsValid || Flow.Callees.StaticCallee(call, call.SourceFile.Package.Info) is not { } f
            || sums.BodyOf(f) is not { Node: FuncDecl decl } body || !HappensBefore.Within(inner, decl)) return false;
        var info = body.Package.Info;
        for (Node? x = inner, parent = inner.Parent; parent != null && x != decl; x = parent, parent = parent.Parent)
            if (parent is IfStmt ifs && x == ifs.Body && Conditions.Conjuncts(ifs.Cond).Any(t => FalseOnCall(t, call, decl, body.Package)))
                return true;
        return false;
    }

    /// <summary>
    /// <c>param != v</c> (either side) where the call passes <c>v</c> itself as <c>param</c>; or a bool parameter tested
    /// as it is (<c>if prev</c>) where the call passes the constant <c>false</c>, or negated (<c>if !prev</c>) and
    /// passed <c>true</c>.
    /// </summary>
    private bool FalseOnCall(Expr term, CallExpr call, FuncDecl decl, Package pkg)
    {
        var info = pkg.Info;
        if (BoolParamAgainst(term, call, decl, info)) return true;
        if (EmptyParamAgainst(term, call, decl, info)) return true;
        if (term is not BinaryExpr { Op: Token.Neq } b) return false;
        foreach (var (p, other) in new[] { (b.X, b.Y), (b.Y, b.X) })
        {
            if (Unparen(p) is not Ident pid || info.ObjectOf(pid) is not GoVar param || ArgumentOf(call, decl, param) is not { } arg) continue;
            if (Assigned(decl, param, info)) continue;
            var o = Unparen(other);
            var a = Unparen(arg);
            if (IsNil(o, info) && IsNil(a, call.SourceFile.Package.Info)) return true;
            if (o is Ident oid && info.ObjectOf(oid) is GoVar g && g.IsPackageLevel
                && a is Ident aid && call.SourceFile.Package.Info.ObjectOf(aid) == g && FixedAfterInit(g, pkg))
                return true;
        }
        return false;
    }

    /// <summary><c>if prev</c> on a call passing <c>false</c> for prev, <c>if !prev</c> on one passing <c>true</c> (prev never assigned).</summary>
    private static bool BoolParamAgainst(Expr term, CallExpr call, FuncDecl decl, TypeInfo info)
    {
        var (tested, excluding) = Unparen(term) switch
        {
            Ident id => (id, "false"),
            UnaryExpr { Op: Token.Not, X: var x } when Unparen(x) is Ident nid => (nid, "true"),
            _ => ((Ident?)null, ""),
        };
        if (tested is null || info.ObjectOf(tested) is not GoVar param || ArgumentOf(call, decl, param) is not { } arg || Assigned(decl, param, info))
            return false;
        return Unparen(arg) is Ident { Name: var name } constant && name == excluding
            && call.SourceFile.Package.Info.ObjectOf(constant) is not GoVar;
    }

    /// <summary>
    /// <c>len(p) &gt; 0</c> or <c>len(p) != 0</c> (either order) where the call passes <c>nil</c> or <c>""</c> for p (never
    /// assigned in the callee): the length of a nil slice or map and of an empty string is 0 (the Go spec's <c>len</c>).
    /// </summary>
    private static bool EmptyParamAgainst(Expr term, CallExpr call, FuncDecl decl, TypeInfo info)
    {
        if (Unparen(term) is not BinaryExpr { Op: Token.Gtr or Token.Neq or Token.Lss } b) return false;
        var (lenSide, zeroSide) = b.Op switch
        {
            Token.Gtr => (b.X, b.Y),
            Token.Lss => (b.Y, b.X),
            _ => IsZero(b.Y) ? (b.X, b.Y) : (b.Y, b.X),
        };
        if (!IsZero(zeroSide) || Unparen(lenSide) is not CallExpr { Fun: Ident { Name: "len" } lenId, Args: [var operand] }
            || info.ObjectOf(lenId) is not GoBuiltin || Unparen(operand) is not Ident pid || info.ObjectOf(pid) is not GoVar param
            || ArgumentOf(call, decl, param) is not { } arg || Assigned(decl, param, info))
            return false;
        var a = Unparen(arg);
        return IsNil(a, call.SourceFile.Package.Info) || a is BasicLit { LitKind: Token.String, Value: "\"\"" or "``" };
    }

    private static bool IsZero(Expr? e) => Unparen(e) is BasicLit { LitKind: Token.Int, Value: "0" };

    /// <summary>The argument the call passes for <paramref name="param"/> (a parameter of the callee's own signature).</summary>
    private static Expr? ArgumentOf(CallExpr call, FuncDecl decl, GoVar param)
    {
        int k = 0;
        foreach (var field in decl.Type?.Params?.List ?? [])
        {
            if (field.Type is Ellipsis) return null;
            foreach (var name in field.Names)
            {
                if (decl.SourceFile.Package.Info.DefOf(name) == param) return k < call.Args.Count ? call.Args[k] : null;
                k++;
            }
            if (field.Names.Count == 0) k++;
        }
        return null;
    }

    /// <summary>The parameter is assigned, incremented or has its address taken in the callee.</summary>
    private static bool Assigned(FuncDecl decl, GoVar param, TypeInfo info)
    {
        bool Is(Expr? e) => Unparen(e) is Ident id && info.ObjectOf(id) == param;
        return decl.Body!.Descendants().Any(n => n switch
        {
            AssignStmt a => a.Lhs.Any(Is),
            IncDecStmt d => Is(d.X),
            UnaryExpr { Op: Token.And } u => Is(u.X),
            RangeStmt r => Is(r.Key) || Is(r.Value),
            _ => false,
        });
    }

    /// <summary>The package declaring <paramref name="g"/> assigns it only in its declaration and in <c>init</c> functions.</summary>
    private bool FixedAfterInit(GoVar g, Package pkg)
    {
        if (g.Package != pkg.Types) return false;
        if (fixedVars.TryGetValue(g, out var r)) return r;
        var info = pkg.Info;
        bool Is(Expr? e) => Unparen(e) is Ident id && info.ObjectOf(id) == g;
        r = true;
        foreach (var file in pkg.Files)
            foreach (var d in file.Syntax.Decls)
            {
                if (d is FuncDecl { Name.Name: "init", Recv: null }) continue;
                if (d.Descendants().Any(n => n switch
                    {
                        AssignStmt a => a.Lhs.Any(Is),
                        IncDecStmt s => Is(s.X),
                        UnaryExpr { Op: Token.And } u => Is(u.X),
                        RangeStmt rs => Is(rs.Key) || Is(rs.Value),
                        _ => false,
                    }))
                    r = false;
            }
        return fixedVars[g] = r;
    }

    private static bool IsNil(Expr? e, TypeInfo info) => e is Ident { Name: "nil" } id && info.ObjectOf(id) is not GoVar;

}
