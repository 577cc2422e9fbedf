using System.Collections;
using System.Collections.Concurrent;
using Vigil.Flow.Cfg;
using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Must-happen ordering from the shared control-flow graphs: e precedes p when
/// e's block dominates p's (or comes first in the same block); e follows p when
/// e's block post-dominates p's on normal paths (panics and process exits
/// excluded). Points the graph does not hold as a block node (parts of one
/// statement, whole compound statements) are ordered syntactically.
/// </summary>
public sealed class CfgOrder : IProgramOrder
{
    private readonly ConcurrentDictionary<Node, FunctionOrder?> functions = new();
    private readonly Func<Node, ControlFlowGraph?> graphOf;
    private readonly SyntacticOrder fallback = SyntacticOrder.Instance;

    public CfgOrder(Func<Node, ControlFlowGraph?> graphOf) => this.graphOf = graphOf;

    /// <summary>An order over the graphs of a whole program, shared with the other analyses through the cache.</summary>
    public static CfgOrder For(Pass pass) => pass.Cache.Get("race.order", () =>
        new CfgOrder(fn => FunctionGraphs.For(pass.Cache, pass.Program, fn.SourceFile.Package).Of(fn)));

    public Node? EnclosingLoop(Node n) => fallback.EnclosingLoop(n);

    public bool MustPrecede(Node e, Node p) => Decide(e, p, before: true);

    public bool Exclusive(Node a, Node b)
    {
        var fn = FunctionOf(a);
        if (fn is null || fn != FunctionOf(b)) return false;
        var order = functions.GetOrAdd(fn, f => graphOf(f) is { } g ? new FunctionOrder(g) : null);
        if (order?.Locate(a) is not var (ba, _) || order.Locate(b) is not var (bb, _) || ba == bb) return false;
        return !order.Reaches(ba, bb) && !order.Reaches(bb, ba);
    }

    public bool MustFollow(Node e, Node p) => Decide(e, p, before: false);

    /// <summary>
    /// Every path to <paramref name="to"/> from the function's entry (with <paramref name="fromEntry"/>), and from just after each node of
    /// <paramref name="from"/> (itself again included, through loops), runs a node <paramref name="barrier"/> holds
    /// first. False when a node is not on the graph.
    /// </summary>
    public bool EveryPathPasses(Node function, IReadOnlyCollection<Node> from, Node to, Func<Node, bool> barrier, bool fromEntry)
    {
        if (graphOf(function) is not { } g || Held(g, to) is not var (toBlock, toIndex)) return false;
        var starts = new List<(Block, int)>();
        if (fromEntry) starts.Add((g.Entry, -1));
        foreach (var f in from)
        {
            if (Held(g, f) is not var (fb, fi)) return false;
            starts.Add((fb, fi));
        }
        var seen = new bool[g.Blocks.Count];
        var work = new Stack<Block>();
        foreach (var (block, index) in starts)
        {
            // The rest of the start's own block, then its successors.
            if (Scan(block, index + 1)) return false;
        }
        while (work.Count > 0)
            if (Scan(work.Pop(), 0)) return false;
        return true;

        // True when `to` is reached before a barrier; else queues the successors unless a barrier stopped the path.
        bool Scan(Block b, int first)
        {
            for (int i = first; i < b.Nodes.Count; i++)
            {
                if (b == toBlock && i == toIndex) return true;
                if (barrier(b.Nodes[i])) return false;
            }
            foreach (var e in b.Succs)
                if (!seen[e.Target.Index]) { seen[e.Target.Index] = true; work.Push(e.Target); }
            return false;
        }
    }

    public bool NeverAfter(Node a, Node b)
    {
        var fn = FunctionOf(a);
        if (fn is null || fn != FunctionOf(b)) return false;
        var order = functions.GetOrAdd(fn, f => graphOf(f) is { } g ? new FunctionOrder(g) : null);
        if (order?.Locate(a) is not var (ba, ia) || order.Locate(b) is not var (bb, ib)) return false;
        if (ba == bb) return ia < ib && !order.Reaches(bb, bb);
        return order.Reaches(ba, bb) && !order.Reaches(bb, ba);
    }

    private bool Decide(Node e, Node p, bool before)
    {
        var fn = FunctionOf(e);
        if (fn is null || fn != FunctionOf(p)) return false;
        var order = functions.GetOrAdd(fn, f => graphOf(f) is { } g ? new FunctionOrder(g) : null);
        if (order?.Locate(e) is not var (be, ie) || order.Locate(p) is not var (bp, ip))
            return before ? fallback.MustPrecede(e, p) : fallback.MustFollow(e, p);
        if (be == bp)
        {
            if (ie == ip) return before ? fallback.MustPrecede(e, p) : fallback.MustFollow(e, p);
            return before ? ie < ip : ie > ip;
        }
        return before ? order.Dominates(be, bp) : order.PostDominates(be, bp);
    }

    /// <summary>The graph node holding <paramref name="n"/> (itself, or the statement or condition it is part of).</summary>
    private static (Block, int)? Held(ControlFlowGraph g, Node n)
    {
        for (Node? x = n; x != null && x is not (FuncDecl or FuncLit); x = x.Parent)
            if (g.Locate(x) is var (b, i)) return (b, i);
        return null;
    }

    private static Node? FunctionOf(Node n)
    {
        for (Node? x = n; x != null; x = x.Parent)
            if (x is FuncDecl or FuncLit) return x;
        return null;
    }

    /// <summary>Dominator and post-dominator sets of one graph, and where its nodes are.</summary>
    private sealed class FunctionOrder
    {
        private readonly ControlFlowGraph g;
        private readonly Dominators dom;
        private readonly BitArray[] postdom;

        public FunctionOrder(ControlFlowGraph g)
        {
            this.g = g;
            dom = Dominators.Of(g);
            // Post-dominators on normal paths only (panics and process exits left out): "the unlock runs after
            // the write on every way the function returns". Blocks with no normal way out are post-dominated
            // by nothing but themselves.
            postdom = Solve(g.Blocks.Count, g.Exit.Index, b => g.Blocks[b].Succs
                .Where(e => e.Kind is EdgeKind.Normal or EdgeKind.True or EdgeKind.False && !FailedTests.AfterFailure(e)).Select(e => e.Target.Index));
        }

        /// <summary>The block holding a node (or the statement or condition it is part of) and its index there.</summary>
        public (int Block, int Index)? Locate(Node n)
        {
            for (Node? x = n; x != null && x is not (FuncDecl or FuncLit); x = x.Parent)
                if (g.Locate(x) is var (b, i)) return (b.Index, i);
            return null;
        }

        public bool Dominates(int a, int b) => dom.Dominates(g.Blocks[a], g.Blocks[b]);

        /// <summary>True when a path leads from block a to block b.</summary>
        public bool Reaches(int a, int b)
        {
            var seen = new bool[g.Blocks.Count];
            var stack = new Stack<int>();
            stack.Push(a);
            while (stack.Count > 0)
            {
                int x = stack.Pop();
                foreach (var e in g.Blocks[x].Succs)
                {
                    int t = e.Target.Index;
                    if (t == b) return true;
                    if (!seen[t]) { seen[t] = true; stack.Push(t); }
                }
            }
            return false;
        }
        public bool PostDominates(int a, int b) => postdom[b][a];

        /// <summary>Iterative post-dominator sets: a block's set is itself plus the meet of its successors'.</summary>
        private static BitArray[] Solve(int n, int root, Func<int, IEnumerable<int>> preds)
        {
            var sets = new BitArray[n];
            for (int i = 0; i < n; i++) sets[i] = new BitArray(n, i != root);
            sets[root][root] = true;
            bool changed = true;
            for (int round = 0; changed && round < 200; round++)
            {
                changed = false;
                for (int b = 0; b < n; b++)
                {
                    if (b == root) continue;
                    BitArray? meet = null;
                    foreach (var p in preds(b))
                        meet = meet is null ? new BitArray(sets[p]) : meet.And(sets[p]);
                    meet ??= new BitArray(n); // no path from the root: nothing (post-)dominates it but itself
                    meet[b] = true;
                    if (!Same(meet, sets[b])) { sets[b] = meet; changed = true; }
                }
            }
            return sets;
        }

        private static bool Same(BitArray a, BitArray b)
        {
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }
    }
}
