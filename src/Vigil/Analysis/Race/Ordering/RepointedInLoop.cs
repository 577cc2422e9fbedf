using Vigil.Flow;
using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A batch handed to a goroutine, then replaced by a new one before the loop goes round:
///
/// <code>
/// for {
///     reqs = append(reqs, r)          // the new batch: not what the earlier goroutine reads
///     ...
///     go writeRequests(reqs)
///     reqs = make([]*request, 0, 10)
/// }
/// </code>
///
/// The goroutine was given the value (it never names the variable itself); after the go statement, whenever it
/// runs, the loop body assigns the variable a new value (<c>make</c>, <c>new</c>, <c>&amp;T{...}</c>, a composite
/// literal or nil); so an access through the variable earlier in the body, in a later iteration, reaches memory no
/// earlier goroutine was given. (After the start in the same iteration, <see cref="RaceFinder"/>'s Repointed decides.)
/// </summary>
internal static class RepointedInLoop
{
    public static bool Holds(Event p, Event s, Node loop, IReadOnlyList<Event> parent, IReadOnlyList<Event> child, HappensBefore hb)
    {
        var l = p.Loc!;
        if (p.Seq > s.Seq || l.Steps.Count == 0 || l.Steps[0].Kind != StepKind.Deref || l.Root.IsPackageLevel) return false;
        if (child.Any(c => c.Kind == EventKind.Access && c.Loc!.Root == l.Root && c.Loc.Steps.Count == 0)) return false;
        return parent.Any(f => f.Kind == EventKind.Access && f.Write && f.Seq > s.Seq && f.Site == f.Origin
            && f.Loc!.Root == l.Root && f.Loc.Steps.Count == 0 && HappensBefore.Within(f.Site, loop)
            && hb.Follows(f, s) && NewValue(f.Origin));
    }

    /// <summary>The assignment stores a value no one else holds yet: make, new, &amp;T{...}, T{...}, nil.</summary>
    private static bool NewValue(Node lhs)
    {
        if (lhs.Parent is not AssignStmt { Tok: Token.Assign } a || a.Lhs.Count != a.Rhs.Count) return false;
        int i = a.Lhs.ToList().IndexOf((Expr)lhs);
        if (i < 0) return false;
        var info = lhs.SourceFile.Package.Info;
        var rhs = a.Rhs[i];
        while (rhs is ParenExpr pe) rhs = pe.X!;
        return rhs switch
        {
            CallExpr c => Callees.Builtin(c, info) is { Name: "make" or "new" },
            UnaryExpr { Op: Token.And, X: CompositeLit } => true,
            CompositeLit => true,
            _ => info.ModeOf(rhs).HasFlag(ExprMode.Nil),
        };
    }
}
