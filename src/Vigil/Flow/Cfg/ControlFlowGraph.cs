using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Flow.Cfg;

/// <summary>
/// The control-flow graph of one function body (a FuncDecl or a FuncLit),
/// in the manner of golang.org/x/tools/go/cfg but with typed, labelled edges.
/// <para>
/// Blocks hold simple statements and the expressions that control branching,
/// in evaluation order. Structured statements are decomposed: an <c>if</c>
/// contributes its Init statement and its condition; <c>&amp;&amp;</c>,
/// <c>||</c> and <c>!</c> in a branch condition become separate tests, so
/// every <see cref="EdgeKind.True"/>/<see cref="EdgeKind.False"/> edge carries
/// the single comparison it refines on. Function literals inside the body are
/// not entered: each has its own graph.
/// </para>
/// <para>
/// Exits: <see cref="Exit"/> is the one final block. A return (or falling off
/// the end) reaches it through <see cref="DeferReturn"/>, a panic (or a call
/// that never returns, such as <c>panic</c>, <c>runtime.Goexit</c> or
/// <c>t.Fatal</c>) through <see cref="DeferPanic"/>, by an edge of kind
/// <see cref="EdgeKind.Panic"/>; both blocks hold the deferred calls in the
/// order they run (last registered first). When the function has no defers
/// they are omitted and the edges go straight to <see cref="Exit"/>. Calls
/// that end the process (<c>os.Exit</c>, <c>log.Fatal</c>) run no defers and
/// reach <see cref="Exit"/> by an edge of kind <see cref="EdgeKind.ProcessExit"/>.
/// </para>
/// </summary>
public sealed class ControlFlowGraph
{
    internal ControlFlowGraph(Node function, BlockStmt? body)
    {
        Function = function;
        Body = body;
    }

    /// <summary>Builds the graph of a FuncDecl or FuncLit (a function without a body gets entry and exit only).</summary>
    public static ControlFlowGraph Build(Node function, TypeInfo info, NoReturnOracle? noReturn = null) =>
        new CfgBuilder(info, noReturn ?? NoReturnOracle.Known).Build(function);

    /// <summary>The FuncDecl or FuncLit this graph describes.</summary>
    public Node Function { get; }
    public BlockStmt? Body { get; }
    /// <summary>All blocks; <see cref="Entry"/> is first, and <see cref="Block.Index"/> is the position in this list.</summary>
    public IReadOnlyList<Block> Blocks { get; internal set; } = [];
    public Block Entry => Blocks[0];
    public Block Exit { get; internal set; } = null!;
    /// <summary>The block that runs the deferred calls on a normal return, or null when the function has no defer.</summary>
    public Block? DeferReturn { get; internal set; }
    /// <summary>The block that runs the deferred calls while panicking, or null when the function has no defer.</summary>
    public Block? DeferPanic { get; internal set; }
    /// <summary>The defer statements of the body, in source order (a defer in a loop appears once).</summary>
    public IReadOnlyList<DeferStmt> Defers { get; internal set; } = [];
    /// <summary>
    /// True when a deferred function literal calls recover(): a panic may then
    /// end in a normal return (with the named results the deferred code set).
    /// </summary>
    public bool MayRecover { get; internal set; }
    /// <summary>The declared function or method (null for a literal).</summary>
    public Semantics.GoFunc? Func { get; internal set; }
    /// <summary>The function's signature (parameters, named results), when the type checker gave one.</summary>
    public Semantics.GoSignature? Signature { get; internal set; }

    public bool IsReachable(Block b) => b.IsReachable;

    /// <summary>For a node held by a block, that block and the node's position in it; null for nodes not held directly.</summary>
    public (Block Block, int Index)? Locate(Node n)
    {
        if (locations is null)
        {
            var map = new Dictionary<Node, (Block, int)>();
            foreach (var b in Blocks)
                for (int i = 0; i < b.Nodes.Count; i++)
                    map.TryAdd(b.Nodes[i], (b, i));
            locations = map;
        }
        return locations.TryGetValue(n, out var r) ? r : null;
    }
    private Dictionary<Node, (Block, int)>? locations;

    /// <summary>The blocks in reverse postorder from the entry (reachable ones only): a good order for forward analyses.</summary>
    public IReadOnlyList<Block> ReversePostorder => rpo ??= ComputeReversePostorder();
    private IReadOnlyList<Block>? rpo;

    private List<Block> ComputeReversePostorder()
    {
        var order = new List<Block>();
        var seen = new bool[Blocks.Count];
        // Iterative DFS keeping (block, next successor index) to avoid deep recursion on huge functions.
        var stack = new Stack<(Block, int)>();
        stack.Push((Entry, 0));
        seen[Entry.Index] = true;
        while (stack.Count > 0)
        {
            var (b, i) = stack.Pop();
            if (i < b.Succs.Count)
            {
                stack.Push((b, i + 1));
                var t = b.Succs[i].Target;
                if (!seen[t.Index]) { seen[t.Index] = true; stack.Push((t, 0)); }
            }
            else order.Add(b);
        }
        order.Reverse();
        return order;
    }

    /// <summary>A short name for the function: "F", "T.M", or "F.func1" style for literals (position-based).</summary>
    public string Name => Function switch
    {
        FuncDecl fd => Dump.FunctionFinder.QualifiedName(fd),
        FuncLit fl => $"func@{fl.Location.Line}:{fl.Location.Column}",
        _ => Function.Kind.ToString(),
    };

    public override string ToString() => $"cfg {Name} ({Blocks.Count} blocks)";
}

/// <summary>What a block is for; it names the statement that created it (as go/cfg's BlockKind does).</summary>
public enum BlockKind
{
    Entry, Exit, Unreachable,
    IfThen, IfElse, IfDone,
    /// <summary>The rest of a condition after the left operand of &amp;&amp; was true.</summary>
    CondTrue,
    /// <summary>The rest of a condition after the left operand of || was false.</summary>
    CondFalse,
    ForLoop, ForBody, ForPost, ForDone,
    RangeLoop, RangeBody, RangeDone,
    SwitchNextCase, SwitchCaseBody, SwitchDone,
    SelectCase, SelectDone,
    Label,
    DeferReturn, DeferPanic,
}

public enum EdgeKind
{
    /// <summary>Unconditional control transfer (fall-through, jump, select choice).</summary>
    Normal,
    /// <summary>Taken when <see cref="Edge.Condition"/> is true (for range loops: there is a next element).</summary>
    True,
    /// <summary>Taken when <see cref="Edge.Condition"/> is false (for range loops: the loop is done).</summary>
    False,
    /// <summary>Leaves a block that panics (or calls runtime.Goexit, t.FailNow...): deferred calls run.</summary>
    Panic,
    /// <summary>Leaves a block that ends the process (os.Exit, log.Fatal): no deferred call runs.</summary>
    ProcessExit,
}

/// <summary>A basic block: nodes that run in sequence, then a transfer to its successors.</summary>
public sealed class Block
{
    internal Block(BlockKind kind, Node? stmt) { Kind = kind; Stmt = stmt; }

    public int Index { get; internal set; }
    public BlockKind Kind { get; }
    /// <summary>The statement that gave rise to the block (the IfStmt, ForStmt, CaseClause, CommClause, LabeledStmt...), if any.</summary>
    public Node? Stmt { get; internal set; }
    /// <summary>
    /// Statements and expressions in evaluation order: simple statements
    /// (assignments, calls, sends, inc/dec, go, defer, return, declarations),
    /// branch conditions, switch tags and case expressions, type switch guards,
    /// the range expression (in the block before the loop) and the RangeStmt
    /// itself (in the loop head, meaning "take the next element"). In the
    /// defer blocks: the deferred CallExprs, in the order they run.
    /// </summary>
    public IReadOnlyList<Node> Nodes => nodes;
    internal readonly List<Node> nodes = [];
    public IReadOnlyList<Edge> Succs => succs;
    internal readonly List<Edge> succs = [];
    public IReadOnlyList<Edge> Preds => preds;
    internal readonly List<Edge> preds = [];
    /// <summary>False for code no path from the entry reaches (kept so analyses can still see it).</summary>
    public bool IsReachable { get; internal set; }
    internal bool Removed;
    /// <summary>Set when the block ends in a call that never returns (its edge is Panic or ProcessExit).</summary>
    public CallExpr? NoReturnCall { get; internal set; }

    public override string ToString() => $".{Index} {Kind}";
}

/// <summary>A control transfer between two blocks.</summary>
public sealed class Edge
{
    internal Edge(Block source, Block target, EdgeKind kind, Expr? condition, Stmt? caseOf)
    {
        Source = source; Target = target; Kind = kind; Condition = condition; CaseOf = caseOf;
    }

    public Block Source { get; }
    public Block Target { get; internal set; }
    public EdgeKind Kind { get; }
    /// <summary>
    /// For True/False edges: the tested expression. When <see cref="CaseOf"/> is
    /// null it is a boolean condition (never a &amp;&amp;, || or ! expression:
    /// those are split into several tests). For switch cases it is the case
    /// value (compared with the switch tag) or, in a type switch, the case type.
    /// Null for range loops.
    /// </summary>
    public Expr? Condition { get; }
    /// <summary>The SwitchStmt (with a tag) or TypeSwitchStmt whose case <see cref="Condition"/> is; null for boolean conditions.</summary>
    public Stmt? CaseOf { get; }
    /// <summary>True for a True edge, false for a False edge, null otherwise.</summary>
    public bool? Polarity => Kind switch { EdgeKind.True => true, EdgeKind.False => false, _ => null };

    public override string ToString() => $".{Source.Index} -{Kind}-> .{Target.Index}";
}
