using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Must-happen ordering between two points of one function body. This is the
/// flow-sensitive question the happens-before rules ask ("is there a receive on
/// every path from the go statement to this access?"); it sits behind an
/// interface so it can be answered from the shared CFG's dominator trees.
/// </summary>
public interface IProgramOrder
{
    /// <summary>True when <paramref name="e"/> runs on every path from the function entry to <paramref name="p"/>, before it.</summary>
    bool MustPrecede(Node e, Node p);
    /// <summary>True when <paramref name="e"/> runs on every path from <paramref name="p"/> to the function's normal exit.</summary>
    bool MustFollow(Node e, Node p);
    /// <summary>The innermost loop statement around <paramref name="n"/> within its function, or null.</summary>
    Node? EnclosingLoop(Node n);
    /// <summary>True when no run of the function executes both points (neither can reach the other).</summary>
    bool Exclusive(Node a, Node b);
    /// <summary>True when <paramref name="a"/> may lead to <paramref name="b"/> but never runs after it (both conditional, no loop around both).</summary>
    bool NeverAfter(Node a, Node b);
}

/// <summary>
/// Ordering computed on the structured syntax tree: Go without goto is
/// structured, so dominance is "an earlier statement of an enclosing block,
/// not under a branch", and post-dominance the mirror image. Early returns and
/// panics between the two points are not considered (they only end the path).
/// </summary>
public sealed class SyntacticOrder : IProgramOrder
{
    public static readonly SyntacticOrder Instance = new();

    private static bool IsFunction(Node n) => n is FuncDecl or FuncLit;

    private static List<Node> Ancestors(Node n)
    {
        var list = new List<Node>();
        for (Node? x = n; x != null; x = x.Parent)
        {
            list.Add(x);
            if (IsFunction(x)) break;
        }
        return list;
    }

    private static (Node lca, Node? ce, Node? cp)? Split(Node e, Node p)
    {
        var ae = Ancestors(e);
        var ap = Ancestors(p);
        if (ae[^1] != ap[^1]) return null; // different functions
        var set = new HashSet<Node>(ae);
        for (int i = 0; i < ap.Count; i++)
        {
            if (!set.Contains(ap[i])) continue;
            var lca = ap[i];
            Node? cp = i > 0 ? ap[i - 1] : null;
            int j = ae.IndexOf(lca);
            Node? ce = j > 0 ? ae[j - 1] : null;
            return (lca, ce, cp);
        }
        return null;
    }

    /// <summary>True when reaching <paramref name="top"/> implies reaching <paramref name="n"/> (no branch between).</summary>
    public static bool Unconditional(Node n, Node top)
    {
        for (Node x = n; x != top; x = x.Parent!)
        {
            var parent = x.Parent;
            if (parent is null || IsFunction(x)) return false;
            switch (parent)
            {
                case IfStmt s when x == s.Body || x == s.Else: return false;
                case ForStmt s when x == s.Body || x == s.Post: return false;
                case RangeStmt s when x == s.Body: return false;
                case CaseClause or CommClause: return false;
                case BinaryExpr b when (b.Op == Token.LAnd || b.Op == Token.LOr) && x == b.Y: return false;
                case FuncLit: return false;
            }
        }
        return true;
    }

    private static int IndexIn(Node list, Node child) => list switch
    {
        BlockStmt b => IndexOf(b.List, child),
        CaseClause c => IndexOf(c.Body, child),
        CommClause c => IndexOf(c.Body, child),
        _ => -1,
    };

    private static int IndexOf(IReadOnlyList<Stmt> list, Node child)
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == child) return i;
        return -1;
    }

    private static bool IsHeader(Node parent, Node child) => parent switch
    {
        IfStmt s => child == s.Init || child == s.Cond,
        ForStmt s => child == s.Init || child == s.Cond,
        RangeStmt s => child == s.X,
        SwitchStmt s => child == s.Init || child == s.Tag,
        TypeSwitchStmt s => child == s.Init || child == s.Assign,
        CommClause c => child == c.Comm,
        CaseClause c => c.List.Contains(child as Expr),
        _ => false,
    };

    public bool MustPrecede(Node e, Node p)
    {
        if (e == p) return false;
        if (Split(e, p) is not var (lca, ce, cp)) return false;
        if (ce is null) return false;          // e contains p: e completes after p's part
        if (cp is null) return Unconditional(e, lca); // p contains e: e is an operand, evaluated first
        int ie = IndexIn(lca, ce), ip = IndexIn(lca, cp);
        if (ie >= 0 && ip >= 0) return ie < ip && Unconditional(e, ce);
        if (IsHeader(lca, ce) && !IsHeader(lca, cp)) return Unconditional(e, ce);
        if (lca is ForStmt f && ce == f.Init) return Unconditional(e, ce);
        if (lca is IfStmt i && ce == i.Init) return Unconditional(e, ce);
        if (lca is AssignStmt a) return a.Rhs.Contains(ce as Expr) && a.Lhs.Contains(cp as Expr) && Unconditional(e, ce);
        if (lca is Stmt) return false;
        return e.End.Offset <= p.Pos.Offset && Unconditional(e, ce);
    }

    public bool MustFollow(Node e, Node p)
    {
        if (e == p) return false;
        if (Split(e, p) is not var (lca, ce, cp)) return false;
        if (ce is null) return lca is CallExpr or SendStmt or UnaryExpr or ExprStmt or AssignStmt; // an operation completes after its operands
        if (cp is null) return false;
        int ie = IndexIn(lca, ce), ip = IndexIn(lca, cp);
        if (ie >= 0 && ip >= 0) return ie > ip && Unconditional(e, ce);
        if (lca is ForStmt f) return cp == f.Init && ce == f.Cond && Unconditional(e, ce);
        if (lca is IfStmt i) return cp == i.Init && ce == i.Cond && Unconditional(e, ce);
        if (lca is AssignStmt a) return a.Rhs.Contains(cp as Expr) && a.Lhs.Contains(ce as Expr) && Unconditional(e, ce);
        if (lca is Stmt) return false;
        return e.Pos.Offset >= p.End.Offset && Unconditional(e, ce);
    }

    public bool Exclusive(Node a, Node b) => false;

    public bool NeverAfter(Node a, Node b) => false;

    public Node? EnclosingLoop(Node n)
    {
        for (Node? x = n.Parent, child = n; x != null && !IsFunction(x); child = x, x = x.Parent)
        {
            if (x is ForStmt f && child != f.Init) return x;
            if (x is RangeStmt r && child != r.X) return x;
        }
        return null;
    }
}
