using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Which values of one function are computed from its arguments alone: its parameters, their
/// fields and elements, comma-ok type assertions of them, methods called on them with such
/// arguments (`y.neg`, `x.Sign() &lt; 0`, `d.Cmp(one) != 0` after `d.GCD(&amp;x, nil, g, n)`,
/// `m, ok := in.(binaryMarshaler)`), constants and package variables that no function assigns.
/// Not the receiver (the object's state), other package variables, receives, or calls of plain
/// functions (`os.ReadFile(path)` reads the file system, not the argument).
/// A return of nil reached only under a condition of such values is a precondition on the
/// arguments (see <see cref="Preconditions"/>).
/// Flow-insensitive: a local is computed from the arguments when every value it is ever given is
/// (its definitions, `=` assignments, a pointer-method call on it or with its address, a field
/// stored into it); a local whose address escapes otherwise is not.
/// </summary>
internal sealed class ArgumentReads
{
    /// <summary>How deep an expression and the definitions of the locals it reads are followed (docs/limits.md).</summary>
    public const int Budget = 24;

    private readonly TypeInfo info;
    private readonly Func<GoVar, bool> globalWritten;
    private readonly HashSet<GoObject> parameters = [];
    private readonly Dictionary<GoObject, List<(Expr Value, int At)>> values = [];   // every value a local (or a parameter) is given, where; empty: its zero value
    private int cutoff = int.MaxValue; // values given after this offset cannot reach the condition being read (no loop around it)
    private readonly HashSet<GoObject> unknown = [];                  // address escapes, or given a value this walk does not model

    public ArgumentReads(FuncDecl decl, TypeInfo info, Func<GoVar, bool> globalWritten)
    {
        this.info = info;
        this.globalWritten = globalWritten;
        foreach (var field in decl.Type?.Params?.List ?? [])
            foreach (var name in field.Names)
                if (info.DefOf(name) is { } o) parameters.Add(o);
        if (decl.Body is { } body) Collect(body);
        foreach (var field in decl.Recv?.List ?? [])
            foreach (var name in field.Names)
                if (info.DefOf(name) is { } o) unknown.Add(o); // the receiver is the object's state, whatever is stored into it
    }

    /// <summary>True when <paramref name="e"/> reads only the arguments (and constants, unwritten package variables).</summary>
    public bool ReadsArgumentsOnly(Expr e)
    {
        read.Clear();
        return Reads(e, 0, []);
    }

    // Per question: the locals already found to read the arguments alone (or not), so that a
    // local read from several places is followed once.
    private readonly Dictionary<GoObject, bool> read = [];

    /// <summary>
    /// True when <paramref name="e"/> reads only the arguments and examines one: calls a method on
    /// it, asserts its type, or reads a field that is not a pointer, map, channel, function or
    /// interface (`y.neg`, `x.Sign() &lt; 0`, `!ok` of `in.(binaryMarshaler)`). A condition made only
    /// of the arguments themselves, their lengths and nil links (`!loggedIn`, `len(xs) == 0`,
    /// `n == 0`, `b.Parent == nil`) is the caller's choice or the data's absence, whose nil is
    /// the function's normal answer, not a rejected argument.
    /// </summary>
    public bool ExaminesArguments(Expr e)
    {
        examined = false;
        read.Clear();
        return Reads(e, 0, []) && examined;
    }

    private bool examined;

    private bool Reads(Expr? e, int depth, HashSet<GoObject> visiting)
    {
        if (e is null) return true;
        if (depth > Budget) return false;
        if (info.ConstValue(e) is not null) return true;
        int d = depth + 1;
        switch (e)
        {
            case ParenExpr p: return Reads(p.X, d, visiting);
            case BasicLit: return true;
            case Ident id: return ReadsObject(id, d, visiting);
            case SelectorExpr s:
                if (s.X is Ident pkgId && info.UseOf(pkgId) is GoPkgName) return ReadsObject(s.Sel!, d, visiting);
                if (info.TypeOf(s)?.Underlying is GoBasic) examined = true; // a property (`y.neg`), not a link or a collection
                return Reads(s.X, d, visiting);
            case StarExpr st: return Reads(st.X, d, visiting);
            case IndexExpr ix: return Reads(ix.X, d, visiting) && Reads(ix.Index, d, visiting);
            case SliceExpr sl: return Reads(sl.X, d, visiting) && Reads(sl.Low, d, visiting) && Reads(sl.High, d, visiting) && Reads(sl.Max, d, visiting);
            case TypeAssertExpr ta: examined = true; return Reads(ta.X, d, visiting);
            case BinaryExpr b: return Reads(b.X, d, visiting) && Reads(b.Y, d, visiting);
            case UnaryExpr u: return u.Op != Token.Arrow && Reads(u.X, d, visiting); // a receive reads a channel
            case KeyValueExpr kv: return Reads(kv.Value, d, visiting);
            case CompositeLit lit: return lit.Elts.All(x => Reads(x, d, visiting));
            case CallExpr call: return ReadsCall(call, d, visiting);
            default: return false;
        }
    }

    private bool ReadsObject(Ident id, int depth, HashSet<GoObject> visiting)
    {
        if (info.IsNilLiteral(id)) return true;
        var o = info.UseOf(id) ?? info.DefOf(id);
        switch (o)
        {
            case GoConst: return true;
            case GoVar { IsPackageLevel: true } g: return !globalWritten(g);
            case GoVar v:
                if (unknown.Contains(v)) return false;
                if (read.TryGetValue(v, out var known)) return known;
                if (!visiting.Add(v)) return true; // a value computed from itself: its other values decide
                try
                {
                    if (!parameters.Contains(v) && !values.ContainsKey(v)) return false; // the receiver, a captured variable
                    bool all = !values.TryGetValue(v, out var given) || given.All(x => x.At > cutoff || Reads(x.Value, depth, visiting));
                    if (visiting.Count == 1) read[v] = all; // a result that assumed no other variable
                    return all;
                }
                finally { visiting.Remove(v); }
            default: return false;
        }
    }

    /// <summary>A conversion, a builtin of its arguments, or a method called on a value read from the arguments with arguments that are.</summary>
    private bool ReadsCall(CallExpr call, int depth, HashSet<GoObject> visiting)
    {
        var fun = Unparen(call.Fun!);
        if (info.IsType(fun)) return call.Args.All(a => Reads(a, depth, visiting));
        if (fun is Ident { Name: "len" or "cap" or "min" or "max" or "new" } b && info.UseOf(b) is GoBuiltin)
            return call.Args.All(a => info.IsType(Unparen(a)) || Reads(a, depth, visiting));
        if (fun is SelectorExpr s && info.SelectionOf(s) is { Kind: SelectionKind.MethodVal })
        {
            examined = true;
            return Reads(s.X, depth, visiting) && call.Args.All(a => Reads(a, depth, visiting));
        }
        return false;
    }

    /// <summary>Every value the function gives each of its locals and parameters.</summary>
    private void Collect(BlockStmt body)
    {
        void Give(Expr? target, Expr value, Node at)
        {
            // `x = v`, `x.f = v`, `x[i] = v`, `*x = v`: x now holds (something of) v.
            var t = target is null ? null : Unparen(target);
            while (t is SelectorExpr or IndexExpr or StarExpr)
                t = t switch { SelectorExpr s => Unparen(s.X!), IndexExpr ix => Unparen(ix.X!), StarExpr st => Unparen(st.X!), _ => t };
            if (t is Ident id && (info.DefOf(id) ?? info.UseOf(id)) is GoVar { IsPackageLevel: false } v) Values(v).Add((value, at.Pos.Raw));
        }
        // One delegate per walk (a lambda per node made a closure and a delegate each): the node whose children are
        // being visited is kept in `visiting`, and restored after them.
        Node? visiting = null;
        Action<Node> child = null!;
        void Walk(Node n, Node? parent)
        {
            switch (n)
            {
                case AssignStmt a:
                    for (int i = 0; i < a.Lhs.Count; i++)
                    {
                        if (Unparen(a.Lhs[i]) is Ident { Name: "_" }) continue;
                        Give(a.Lhs[i], a.Lhs.Count == a.Rhs.Count ? a.Rhs[i] : a.Rhs[0], a); // `v, ok := f()`: each from the whole call
                    }
                    break;
                case ValueSpec vs:
                    for (int i = 0; i < vs.Names.Count; i++)
                        if (info.DefOf(vs.Names[i]) is GoVar v)
                        {
                            var given = Values(v); // without a value: its zero value
                            if (vs.Values.Count == vs.Names.Count) given.Add((vs.Values[i], vs.Pos.Raw));
                            else if (vs.Values.Count == 1) given.Add((vs.Values[0], vs.Pos.Raw));
                        }
                    break;
                case RangeStmt rs:
                    Give(rs.Key, rs.X!, rs);
                    Give(rs.Value, rs.X!, rs);
                    break;
                case CallExpr call:
                    // A pointer method called on a local, or a local's address passed: the call may change it.
                    if (Unparen(call.Fun!) is SelectorExpr { X: { } recv } sel && info.SelectionOf(sel) is { Kind: SelectionKind.MethodVal })
                        Give(recv, call, call);
                    foreach (var arg in call.Args)
                        if (Unparen(arg) is UnaryExpr { Op: Token.And, X: { } addr }) Give(addr, call, call);
                    break;
                case UnaryExpr { Op: Token.And, X: { } x } when parent is not CallExpr:
                    // An address kept (`p := &x`): writes through it are not followed.
                    var root = Unparen(x);
                    while (root is SelectorExpr or IndexExpr) root = root switch { SelectorExpr s => Unparen(s.X!), IndexExpr ix => Unparen(ix.X!), _ => root };
                    if (root is Ident rid && info.UseOf(rid) is GoVar { IsPackageLevel: false } rv) unknown.Add(rv);
                    break;
                case TypeSwitchStmt:
                    break; // the implicit per-case variables have no value here: not read from the arguments
            }
            var saved = visiting;
            visiting = n;
            n.VisitChildren(child);
            visiting = saved;
        }
        child = c => Walk(c, visiting);
        Walk(body, null);
    }

    private List<(Expr Value, int At)> Values(GoVar v)
    {
        if (!values.TryGetValue(v, out var l)) values[v] = l = [];
        return l;
    }

    /// <summary>
    /// True when reaching <paramref name="r"/> needs a condition that reads only the arguments and
    /// examines one (<see cref="ExaminesArguments"/>): an enclosing `if` (its then or else branch),
    /// a case of a `switch` whose tag and cases read only them, or of a type switch on such a value.
    /// </summary>
    public bool UnderArgumentCondition(ReturnStmt r, Node function)
    {
        // Straight-line code: what the function does after the return cannot reach its condition.
        cutoff = r.Pos.Raw;
        for (var p = r.Parent; p is not null && p != function; p = p.Parent)
            if (p is ForStmt or RangeStmt or FuncLit) { cutoff = int.MaxValue; break; }
        try { return UnderCondition(r, function); }
        finally { cutoff = int.MaxValue; }
    }

    private bool UnderCondition(ReturnStmt r, Node function)
    {
        Node child = r;
        for (var p = r.Parent; p is not null && child != function; child = p, p = p.Parent)
        {
            switch (p)
            {
                case IfStmt { Cond: { } c } i when (i.Body == child || i.Else == child) && ExaminesArguments(c):
                    return true;
                case CaseClause cc when child is Stmt st && cc.Body.Contains(st):
                    if (cc.Parent?.Parent is SwitchStmt { Body: { } sb } sw && cc.List.Count > 0
                        && (sw.Tag is null ? sb.List.OfType<CaseClause>().SelectMany(k => k.List).Any(ExaminesArguments)
                            : ExaminesArguments(sw.Tag))
                        && sb.List.OfType<CaseClause>().SelectMany(k => k.List).All(ReadsArgumentsOnly))
                        return true;
                    if (cc.Parent?.Parent is TypeSwitchStmt { Assign: { } asg } && cc.List.Count > 0 && SwitchedValue(asg) is { } x && ReadsArgumentsOnly(x))
                        return true;
                    break;
            }
        }
        return false;
    }

    private static Expr? SwitchedValue(Stmt assign) => assign switch
    {
        ExprStmt { X: TypeAssertExpr ta } => ta.X,
        AssignStmt { Rhs.Count: 1 } a when Unparen(a.Rhs[0]) is TypeAssertExpr ta => ta.X,
        _ => null,
    };
}
