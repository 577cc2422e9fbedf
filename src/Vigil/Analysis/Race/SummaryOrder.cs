using Vigil.Flow.CallGraph;
using Vigil.Flow.Summaries;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// The order in which function summaries are computed, from the shared call
/// graph, so that each summary is the same whatever the scheduling: functions
/// are grouped by recursion (strongly connected components), and groups are
/// ranked in levels, each group after every group it calls. A summary reads
/// the summaries of lower groups whole and cuts calls back into its own group
/// (recursion), so it depends only on the function, never on which caller, in
/// which thread, asked for it first.
/// </summary>
internal sealed class SummaryOrder
{
    private readonly Dictionary<Node, int> groupBySyntax = new();
    private readonly Dictionary<string, int> groupByKey = new(StringComparer.Ordinal);
    private readonly List<List<CallGraphNode>> components;
    private readonly bool[] recursive;

    public SummaryOrder(CallGraph graph)
    {
        var components = BottomUp.Components(graph); // callees' components first
        var groupOf = new Dictionary<CallGraphNode, int>();
        for (int i = 0; i < components.Count; i++)
            foreach (var n in components[i]) groupOf[n] = i;
        var level = new int[components.Count];
        recursive = new bool[components.Count];
        for (int i = 0; i < components.Count; i++)
        {
            recursive[i] = components[i].Count > 1;
            foreach (var n in components[i])
            {
                if (n.Syntax is FuncDecl or FuncLit) groupBySyntax[n.Syntax] = i;
                if (n.Func is not null) groupByKey[n.Key] = i;
                foreach (var e in n.Out)
                {
                    if (e.Callee == n) recursive[i] = true;
                    if (e.Callee is { } c && groupOf.TryGetValue(c, out int j) && j != i) level[i] = Math.Max(level[i], level[j] + 1);
                }
            }
        }
        this.components = components;
        Levels = components.Select((c, i) => (c, i)).GroupBy(x => level[x.i]).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<CallGraphNode>)g.SelectMany(x => x.c).ToList()).ToList();
    }

    /// <summary>The functions of the call graph by level: every function calls only functions of lower levels or of its own group.</summary>
    public IReadOnlyList<IReadOnlyList<CallGraphNode>> Levels { get; }

    /// <summary>
    /// The recursion group of a function, or null when the call graph does not
    /// know it (a function literal of a package variant the graph does not
    /// cover: it is then a group of its own). A declared function of such a
    /// variant has the group of its declaration in the covered variant.
    /// </summary>
    public int? GroupOf(FunctionRef fn)
    {
        if (groupBySyntax.TryGetValue(fn.Node, out int g)) return g;
        if (fn.Node is FuncDecl { Name: { } name } && fn.Package.Info.DefOf(name) is GoFunc f && groupByKey.TryGetValue(f.Origin.Key, out g)) return g;
        return null;
    }

    /// <summary>Whether a group is recursive: several functions calling each other, or one calling itself.</summary>
    public bool IsRecursive(int group) => recursive[group];

    /// <summary>The functions of a group.</summary>
    public IReadOnlyList<CallGraphNode> Members(int group) => components[group];
}
