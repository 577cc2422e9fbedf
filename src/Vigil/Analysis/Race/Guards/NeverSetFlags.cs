using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Code guarded by a flag nothing ever sets: <c>if dummy.b { dummy.x = x }</c>, with <c>var dummy struct{ b bool; x any }</c>
/// unexported and never assigned, its address never taken, in its whole package. The flag keeps its zero value
/// (false), so the guarded code never runs (a device to make the compiler believe a value escapes). An initializer of
/// constant false (<c>var alwaysFalse = false</c>) is the zero value written out, and counts as never set.
/// </summary>
internal sealed class NeverSetFlags
{
    private readonly Dictionary<Node, bool> guarded = new();
    private readonly Dictionary<(Package, GoVar), HashSet<GoVar?>> touched = new();

    /// <summary>The access runs only under such a flag, at some level of its call path.</summary>
    public bool NeverRuns(Event e)
    {
        foreach (var n in e.Path)
        {
            if (!guarded.TryGetValue(n, out var g)) guarded[n] = g = Guarded(n);
            if (g) return true;
        }
        return false;
    }

    private bool Guarded(Node n)
    {
        for (Node? x = n, parent = n.Parent; parent != null && x is not (FuncDecl or FuncLit); x = parent, parent = parent.Parent)
            if (parent is IfStmt ifs && x == ifs.Body && Conditions.Conjuncts(ifs.Cond).Any(IsNeverSet))
                return true;
        return false;
    }

    /// <summary><c>v</c> or <c>v.f</c>: a bool in an unexported package-level variable of this package that nothing sets.</summary>
    private bool IsNeverSet(Expr t)
    {
        var pkg = t.SourceFile.Package;
        var info = pkg.Info;
        if (info.TypeOf(t)?.Underlying is not GoBasic { Name: "bool" }) return false;
        (GoVar? root, GoVar? field) = t switch
        {
            Ident id => (info.ObjectOf(id) as GoVar, null),
            SelectorExpr { X: Ident rid, Sel: { } sel } => (info.ObjectOf(rid) as GoVar, info.ObjectOf(sel) as GoVar),
            _ => (null, null),
        };
        if (root is null || !root.IsPackageLevel || root.Exported || root.IsField || root.Package != pkg.Types) return false;
        if (t is SelectorExpr && field is not { IsField: true }) return false;
        var set = Touched(pkg, root);
        return !set.Contains(null) && (field is null || !set.Contains(field));
    }

    /// <summary>
    /// What the package's code sets in <paramref name="root"/>: the fields written (<c>v.f = ...</c>, <c>&amp;v.f</c>), or null
    /// for the whole variable (<c>v = ...</c>, <c>&amp;v</c>, an initializer, a write deeper than one field).
    /// </summary>
    private HashSet<GoVar?> Touched(Package pkg, GoVar root)
    {
        if (touched.TryGetValue((pkg, root), out var set)) return set;
        set = new HashSet<GoVar?>();
        var info = pkg.Info;
        void Target(Expr? e)
        {
            while (e is ParenExpr p) e = p.X;
            switch (e)
            {
                case Ident id when info.ObjectOf(id) == root: set.Add(null); break;
                case SelectorExpr { X: Ident rid, Sel: { } sel } when info.ObjectOf(rid) == root: set.Add(info.ObjectOf(sel) as GoVar); break;
                case SelectorExpr s: Target(s.X); break;
                case IndexExpr ix: Target(ix.X); break;
                case StarExpr: break; // through a pointer: the pointer itself was taken with & (seen there)
            }
        }
        foreach (var f in pkg.Files)
            foreach (var n in f.Syntax.Descendants())
                switch (n)
                {
                    case AssignStmt a: foreach (var l in a.Lhs) Target(l); break;
                    case IncDecStmt d: Target(d.X); break;
                    case RangeStmt r: Target(r.Key); Target(r.Value); break;
                    case UnaryExpr { Op: Token.And } u: Target(u.X); break;
                    case CallExpr c when c.Fun is SelectorExpr { X: { } recv } && info.TypeOf(recv) is { } rt && rt.Underlying is not GoPointer:
                        Target(recv); break; // a method with a pointer receiver called on the variable takes its address
                    case ValueSpec vs when vs.Values.Count > 0:
                        // An initializer of constant false (`alwaysFalse = false`) keeps the zero value: it sets nothing.
                        for (int i = 0; i < vs.Names.Count; i++)
                            if (info.DefOf(vs.Names[i]) == root
                                && !(vs.Values.Count == vs.Names.Count && info.ConstValue(vs.Values[i]) == "false"))
                                set.Add(null);
                        break;
                }
        touched[(pkg, root)] = set;
        return set;
    }
}
