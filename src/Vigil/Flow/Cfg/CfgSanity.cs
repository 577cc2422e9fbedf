namespace Vigil.Flow.Cfg;

/// <summary>
/// Checks a graph's structural invariants: the entry is block 0 and has no
/// predecessors; indices match positions; every edge is in its source's
/// successors and its target's predecessors (and nowhere else); the exit is
/// a block of the graph and has no successors; a block is marked reachable
/// exactly when a path from the entry reaches it; every edge's kind fits its
/// condition. Returns the problems found, empty when the graph is sound.
/// </summary>
public static class CfgSanity
{
    public static List<string> Check(ControlFlowGraph g)
    {
        var problems = new List<string>();
        void Fail(string m) => problems.Add($"{g.Name} at {g.Function.Location}: {m}");

        if (g.Blocks.Count == 0) { Fail("no blocks"); return problems; }
        if (g.Entry.Kind != BlockKind.Entry) Fail($"block 0 is {g.Entry.Kind}, not the entry");
        if (g.Entry.Preds.Count > 0) Fail("the entry has predecessors");
        var members = new HashSet<Block>(g.Blocks);
        if (!members.Contains(g.Exit)) Fail("the exit is not among the blocks");
        if (g.Exit.Succs.Count > 0) Fail("the exit has successors");
        for (int i = 0; i < g.Blocks.Count; i++)
        {
            var b = g.Blocks[i];
            if (b.Index != i) Fail($"block at {i} has index {b.Index}");
            if (b.Kind == BlockKind.Entry && i != 0) Fail($"second entry block .{i}");
            foreach (var e in b.Succs)
            {
                if (e.Source != b) Fail($"edge {e} listed as a successor of .{b.Index}");
                if (!members.Contains(e.Target)) Fail($"edge {e} leads out of the graph");
                else if (!e.Target.Preds.Contains(e)) Fail($"edge {e} missing from its target's predecessors");
                if (e.Kind is EdgeKind.True or EdgeKind.False)
                {
                    if (e.Condition is null && e.Source.Kind != BlockKind.RangeLoop) Fail($"conditional edge {e} has no condition");
                }
                else if (e.Condition is not null) Fail($"edge {e} of kind {e.Kind} has a condition");
            }
            foreach (var e in b.Preds)
            {
                if (e.Target != b) Fail($"edge {e} listed as a predecessor of .{b.Index}");
                if (!members.Contains(e.Source)) Fail($"edge {e} comes from outside the graph");
                else if (!e.Source.Succs.Contains(e)) Fail($"edge {e} missing from its source's successors");
            }
        }

        var reached = new HashSet<Block> { g.Entry };
        var stack = new Stack<Block>([g.Entry]);
        while (stack.Count > 0)
            foreach (var e in stack.Pop().Succs)
                if (reached.Add(e.Target)) stack.Push(e.Target);
        foreach (var b in g.Blocks)
        {
            if (b.IsReachable != reached.Contains(b))
                Fail($"block .{b.Index} marked {(b.IsReachable ? "reachable" : "unreachable")} but is {(reached.Contains(b) ? "" : "not ")}reached");
            if (!b.IsReachable && b.Nodes.Count == 0 && b != g.Exit && b.Preds.Count == 0)
                Fail($"block .{b.Index} is empty, unreachable and has no predecessor (should have been dropped)");
        }
        return problems;
    }
}
