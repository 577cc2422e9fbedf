using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Variables declared without a value (`var buf *bytes.Reader`) that one optional
/// statement assigns: every assignment sits inside a single `if` without `else`, or a
/// `switch` with one case and no `default`, of the block that declares the variable.
/// Such a variable is nil whenever that branch is skipped, and a use placed after the
/// branch in the same block, under no condition of its own, runs on that path too:
///
/// <code>
/// var body *bytes.Reader
/// switch { case location != "": body = bytes.NewReader(cfg) }
/// req.ContentLength = int64(body.Len()) // nil when location is ""
/// </code>
///
/// Other variables declared without a value and assigned later are presumed set where
/// used (a search loop, an exhaustive switch, a use under the same condition): that
/// rule keeps its precision, this one names the shape where no such reading exists.
/// </summary>
internal sealed class PartialAssignments
{
    private readonly Dictionary<int, (BlockStmt Block, int Branch)> vars = [];

    public PartialAssignments(BlockStmt body, TypeInfo info)
    {
        var assigns = new Dictionary<int, List<Node>>();
        var decls = new Dictionary<int, (BlockStmt Block, int Index)>();
        foreach (var n in body.Descendants())
        {
            switch (n)
            {
                case DeclStmt { Decl: GenDecl { Tok: Token.Var } gd, Parent: BlockStmt block } ds:
                    foreach (var spec in gd.Specs.OfType<ValueSpec>())
                        if (spec.Values.Count == 0)
                            foreach (var name in spec.Names)
                                if (info.DefOf(name) is GoVar v) decls[v.Id] = (block, IndexIn(block, ds));
                    break;
                case AssignStmt a:
                    foreach (var l in a.Lhs)
                        if (l is Ident id && info.UseOf(id) is GoVar v) Add(assigns, v.Id, a);
                    break;
                case RangeStmt { Tok: Token.Assign } r:
                    foreach (var l in new[] { r.Key, r.Value })
                        if (l is Ident id && info.UseOf(id) is GoVar v) Add(assigns, v.Id, r);
                    break;
            }
        }
        foreach (var (id, (block, declIndex)) in decls)
        {
            if (!assigns.TryGetValue(id, out var sites)) continue;
            int branch = -1;
            foreach (var site in sites)
            {
                var (top, _) = TopStatement(site, block); // inside the branch, at any depth
                if (top < 0 || (branch >= 0 && top != branch)) { branch = -1; break; }
                branch = top;
            }
            if (branch > declIndex && IsOptional(block.List[branch])) vars[id] = (block, branch);
        }
    }

    private static void Add(Dictionary<int, List<Node>> d, int id, Node n)
    {
        if (!d.TryGetValue(id, out var l)) d[id] = l = [];
        l.Add(n);
    }

    private static int IndexIn(BlockStmt block, Stmt s)
    {
        for (int i = 0; i < block.List.Count; i++)
            if (block.List[i] == s) return i;
        return -1;
    }

    /// <summary>An `if` without `else`, or a `switch` with a single case that is not `default`.</summary>
    private static bool IsOptional(Stmt s) => s switch
    {
        IfStmt { Else: null } => true,
        SwitchStmt { Body.List: [CaseClause { List.Count: > 0 }] } => true,
        _ => false,
    };

    /// <summary>
    /// The index of the statement of <paramref name="block"/> that contains <paramref name="n"/>
    /// (-1 if none, or through a function literal), and whether <paramref name="n"/> sits in a
    /// statement nested inside it (a branch, a loop body) rather than in the statement itself.
    /// </summary>
    private static (int Index, bool Nested) TopStatement(Node n, BlockStmt block)
    {
        bool nested = false;
        for (var p = n; p is not null; p = p.Parent)
        {
            if (p is FuncLit) return (-1, true);
            if (p.Parent == block) return (IndexIn(block, (Stmt)p), nested);
            if (p is Stmt) nested = true;
        }
        return (-1, true);
    }

    /// <summary>Whether <paramref name="varId"/> is assigned by one optional branch only.</summary>
    public bool IsPartial(int varId) => vars.ContainsKey(varId);

    /// <summary>
    /// Whether <paramref name="site"/> uses the variable after its optional branch, in the
    /// declaring block itself (not inside another branch, loop or function literal).
    /// </summary>
    public bool UsedAfterBranch(int varId, Node site)
    {
        if (!vars.TryGetValue(varId, out var v)) return false;
        var (top, nested) = TopStatement(site, v.Block);
        return top > v.Branch && !nested;
    }
}
