using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A local boolean flag that rules out code after a goroutine start:
///
/// <code>
/// started := false
/// defer func() { if !started { c.pipes = nil } }()   // runs only if the start never happened
/// ...
/// started = true
/// go c.watch()
/// </code>
///
/// An access that runs only when <c>flag == V</c> (an enclosing <c>if</c>, at any level of its call path),
/// where the function sets <c>flag = !V</c> on every path to the goroutine start and never sets it back to V,
/// does not run after that start: it cannot race with the goroutine.
/// </summary>
internal sealed class FlagGuards
{
    private readonly IProgramOrder order;
    private readonly Dictionary<GoVar, List<(AssignStmt Stmt, bool? Value)>?> assignments = new();

    public FlagGuards(IProgramOrder order) => this.order = order;

    /// <summary>True when a flag guarding <paramref name="p"/> is known to rule it out after start <paramref name="s"/>.</summary>
    public bool RuledOutAfter(Event p, Event s)
    {
        foreach (var n in p.Path)
            foreach (var (flag, value) in Requirements(n))
                if (StartIn(flag, p, s) is { } start && SetOppositeBefore(flag, value, start)) return true;
        return false;
    }

    /// <summary>
    /// Where the start lies in the function that declares the flag (the go statement, or the call leading to it),
    /// provided the access runs in the same call of that function (both reached through the same calls, none in a loop).
    /// </summary>
    private Node? StartIn(GoVar flag, Event p, Event s)
    {
        for (int k = 0; k < s.Path.Count; k++)
        {
            if (!Declares(FunctionOf(s.Path[k]), flag)) continue;
            if (p.Path.Count <= k) return null;
            for (int i = 0; i < k; i++)
                if (p.Path[i] != s.Path[i] || order.EnclosingLoop(s.Path[i]) != null) return null;
            return s.Path[k];
        }
        return null;
    }

    private static Node? FunctionOf(Node n)
    {
        for (Node? x = n.Parent; x != null; x = x.Parent)
            if (x is FuncDecl or FuncLit) return x;
        return null;
    }

    private static bool Declares(Node? fn, GoVar v) => fn != null && fn.SourceFile.Path == v.Location.Path
        && fn.Pos.Offset <= v.Location.Offset && v.Location.Offset < fn.End.Offset;

    /// <summary>The flag values a node requires: <c>if !f</c> (f false), <c>if f</c> (f true), conjunctions of those.</summary>
    private static IEnumerable<(GoVar Flag, bool Value)> Requirements(Node n)
    {
        var info = n.SourceFile.Package.Info;
        for (Node? x = n, parent = n.Parent; parent != null && x is not (FuncDecl or FuncLit); x = parent, parent = parent.Parent)
        {
            if (parent is not IfStmt ifs || x != ifs.Body) continue;
            foreach (var r in Literals(ifs.Cond, info)) yield return r;
        }
    }

    private static IEnumerable<(GoVar, bool)> Literals(Expr? cond, TypeInfo info)
    {
        switch (cond)
        {
            case ParenExpr p: return Literals(p.X, info);
            case BinaryExpr { Op: Token.LAnd } b: return Literals(b.X, info).Concat(Literals(b.Y, info));
            case UnaryExpr { Op: Token.Not, X: Ident id } when Flag(id, info) is { } v: return [(v, false)];
            case Ident id when Flag(id, info) is { } v: return [(v, true)];
        }
        return [];
    }

    private static GoVar? Flag(Ident id, TypeInfo info) =>
        info.ObjectOf(id) is GoVar { IsPackageLevel: false, IsField: false } v && v.Type?.Underlying is GoBasic { Name: "bool" } ? v : null;

    /// <summary>
    /// The flag is set to the constant <c>!value</c> on every path to <paramref name="start"/>, and every
    /// assignment of it after its declaration sets that same constant (its address is never taken).
    /// </summary>
    private bool SetOppositeBefore(GoVar flag, bool value, Node start)
    {
        var list = Assignments(flag, start);
        if (list is null) return false;
        bool set = false;
        foreach (var (stmt, v) in list)
        {
            if (v != !value) return false;
            if (order.MustPrecede(stmt, start)) set = true;
        }
        return set;
    }

    /// <summary>The plain assignments of a flag after its declaration, with the constant assigned; null when it escapes.</summary>
    private List<(AssignStmt, bool?)>? Assignments(GoVar flag, Node within)
    {
        if (assignments.TryGetValue(flag, out var known)) return known;
        Node? fn = null;
        for (Node? x = within; x != null; x = x.Parent)
            if (x is FuncDecl or FuncLit && x.Pos.Offset <= flag.Location.Offset && flag.Location.Offset < x.End.Offset
                && x.SourceFile.Path == flag.Location.Path) fn = x;
        List<(AssignStmt, bool?)>? list = null;
        if (fn != null)
        {
            var info = fn.SourceFile.Package.Info;
            list = [];
            foreach (var n in fn.Descendants())
            {
                switch (n)
                {
                    case UnaryExpr { Op: Token.And, X: Ident a } when info.ObjectOf(a) == flag:
                        list = null;
                        break;
                    case IncDecStmt or RangeStmt when n.Descendants().OfType<Ident>().Any(i => info.ObjectOf(i) == flag && info.DefOf(i) is null
                            && (n is not RangeStmt r || i == r.Key || i == r.Value)):
                        list = null;
                        break;
                    case AssignStmt asg:
                        for (int i = 0; i < asg.Lhs.Count; i++)
                        {
                            if (asg.Lhs[i] is not Ident id || info.ObjectOf(id) != flag || info.DefOf(id) == flag) continue;
                            bool? c = asg.Tok == Token.Assign && asg.Rhs.Count == asg.Lhs.Count
                                ? info.ConstValue(asg.Rhs[i]) switch { "true" => true, "false" => false, _ => null } : null;
                            list!.Add((asg, c));
                        }
                        break;
                }
                if (list is null) break;
            }
        }
        assignments[flag] = list;
        return list;
    }
}
