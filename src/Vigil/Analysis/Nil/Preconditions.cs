using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Nil results that are preconditions on the arguments: every return that gives the nil is
/// reached only under a condition that reads the function's arguments alone (`if y.neg { …
/// return nil }`, `if d.Cmp(one) != 0 { return nil }` with `d` computed from the arguments,
/// `m, ok := in.(binaryMarshaler); if !ok { return nil }`), or forwards such a function's nil
/// for arguments of its own (`return z.exp(x, y, m)`). The nil then says "you passed an
/// argument I cannot work with" (a negative exponent without an inverse, a hash that cannot be
/// cloned), which a caller knows from what it passes; it does not depend on the program's state
/// (a missing entry, a failed read, a closed connection), which no caller can see.
/// At the default evidence level such a nil is not believed at callers; the `preconditions`
/// level (and `returns`) believes it (docs/checks/nil.md, "Evidence levels").
/// The program-wide part: the package variables some function assigns (the others are
/// constants in all but name: `var intOne = &amp;Int{…}`).
/// </summary>
public sealed class Preconditions
{
    private readonly HashSet<GoVar> written = [];

    public Preconditions(IEnumerable<FunctionBody> bodies)
    {
        foreach (var b in bodies)
        {
            if (b.Decl.Body is null) continue;
            var info = b.Package.Info;
            void Mark(Expr? e)
            {
                var t = e is null ? null : Unparen(e);
                while (t is SelectorExpr { X: not null } or IndexExpr or StarExpr)
                {
                    if (t is SelectorExpr s && s.X is Ident pk && info.UseOf(pk) is GoPkgName) { t = s.Sel; break; }
                    t = t switch { SelectorExpr s2 => Unparen(s2.X!), IndexExpr ix => Unparen(ix.X!), StarExpr st => Unparen(st.X!), _ => t };
                }
                if (t is Ident id && info.UseOf(id) is GoVar { IsPackageLevel: true } g) written.Add(g);
            }
            Action<Node> walk = null!; // one delegate per body: VisitChildren(Walk) made one per node
            void Walk(Node n)
            {
                switch (n)
                {
                    case AssignStmt a: foreach (var l in a.Lhs) Mark(l); break;
                    case IncDecStmt inc: Mark(inc.X); break;
                    case UnaryExpr { Op: Token.And } u: Mark(u.X); break;
                    case RangeStmt rs: Mark(rs.Key); Mark(rs.Value); break;
                    case CallExpr { Fun: SelectorExpr { X: { } recv } sel } when info.SelectionOf(sel) is { Kind: SelectionKind.MethodVal }:
                        Mark(recv); // a pointer method may change the variable (`intOne.SetInt64(2)`)
                        break;
                }
                n.VisitChildren(walk);
            }
            walk = Walk;
            Walk(b.Decl.Body);
        }
    }

    /// <summary>True when some function assigns <paramref name="g"/>, calls a method on it, or takes its address.</summary>
    public bool IsWritten(GoVar g) => written.Contains(g);
}
