using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Flow.Cfg;

/// <summary>
/// Builds a <see cref="ControlFlowGraph"/> from a function body by walking its
/// statements, as go/cfg's builder does: a current block receives simple
/// statements; structured statements create blocks and edges; jumps (return,
/// break, continue, goto, fallthrough, calls that never return) end the
/// current block and start an unreachable one, which is dropped at the end if
/// nothing was put in it.
/// </summary>
internal sealed class CfgBuilder
{
    private readonly TypeInfo info;
    private readonly NoReturnOracle noReturn;
    private readonly List<Block> blocks = [];
    private readonly List<DeferStmt> defers = [];
    private readonly Dictionary<string, LabelTargets> labels = new(StringComparer.Ordinal);
    private Targets? targets;
    private Block current = null!;
    private Block returnTarget = null!, panicTarget = null!, exit = null!;

    public CfgBuilder(TypeInfo info, NoReturnOracle noReturn)
    {
        this.info = info;
        this.noReturn = noReturn;
    }

    private sealed class Targets
    {
        public Targets? Tail;
        public Block? Break, Continue, Fallthrough;
    }

    private sealed class LabelTargets
    {
        public required Block Goto;
        public Block? Break, Continue;
    }

    public ControlFlowGraph Build(Node function)
    {
        var body = function switch
        {
            FuncDecl fd => fd.Body,
            FuncLit fl => fl.Body,
            _ => throw new ArgumentException($"not a function: {function.Kind}", nameof(function)),
        };
        var g = new ControlFlowGraph(function, body);
        current = NewBlock(BlockKind.Entry, function);
        returnTarget = NewBlock(BlockKind.DeferReturn, null);
        panicTarget = NewBlock(BlockKind.DeferPanic, null);
        exit = NewBlock(BlockKind.Exit, null);
        if (body is not null) StmtList(body.List);
        Jump(returnTarget);

        for (int i = defers.Count - 1; i >= 0; i--)
            if (defers[i].Call is { } call)
            {
                returnTarget.nodes.Add(call);
                panicTarget.nodes.Add(call);
            }
        AddEdge(returnTarget, exit, EdgeKind.Normal);
        AddEdge(panicTarget, exit, EdgeKind.Panic);
        if (defers.Count == 0)
        {
            Splice(returnTarget);
            Splice(panicTarget);
        }
        else
        {
            g.DeferReturn = returnTarget;
            g.DeferPanic = panicTarget;
        }
        g.Exit = exit;
        g.Defers = defers.ToArray();
        g.MayRecover = defers.Any(d => d.Call?.Fun is FuncLit lit && CallsRecover(lit));
        g.Func = function is FuncDecl decl && decl.Name is not null ? info.DefOf(decl.Name) as Semantics.GoFunc : null;
        g.Signature = g.Func?.Signature ?? info.TypeOf(function) as Semantics.GoSignature;
        g.Blocks = Finish();
        return g;
    }

    /// <summary>Whether a literal's own body (not nested literals) calls the builtin recover.</summary>
    private bool CallsRecover(FuncLit lit)
    {
        bool found = false;
        new SyntaxWalk(n =>
        {
            if (found || n is FuncLit inner && inner != lit) return false;
            if (n is CallExpr call && Callees.Builtin(call, info) is { Name: "recover" }) found = true;
            return !found;
        }).Walk(lit);
        return found;
    }

    // ---- blocks and edges

    private Block NewBlock(BlockKind kind, Node? stmt)
    {
        var b = new Block(kind, stmt);
        blocks.Add(b);
        return b;
    }

    private static void AddEdge(Block from, Block to, EdgeKind kind, Expr? cond = null, Stmt? caseOf = null)
    {
        var e = new Edge(from, to, kind, cond, caseOf);
        from.succs.Add(e);
        to.preds.Add(e);
    }

    private void Jump(Block to) => AddEdge(current, to, EdgeKind.Normal);

    /// <summary>After a transfer of control: later statements are unreachable until a label or join point.</summary>
    private void StartUnreachable() => current = NewBlock(BlockKind.Unreachable, null);

    private void Add(Node n) => current.nodes.Add(n);

    /// <summary>Removes an empty block with one successor, sending its predecessors' edges there.</summary>
    private static void Splice(Block b)
    {
        var next = b.succs[0].Target;
        next.preds.Remove(b.succs[0]);
        b.succs.Clear();
        foreach (var e in b.preds)
        {
            e.Target = next;
            next.preds.Add(e);
        }
        b.preds.Clear();
        b.Removed = true;
    }

    /// <summary>Marks reachability, drops empty unreachable blocks and spliced blocks, and numbers the rest (entry first).</summary>
    private List<Block> Finish()
    {
        var stack = new Stack<Block>();
        stack.Push(blocks[0]);
        blocks[0].IsReachable = true;
        while (stack.Count > 0)
            foreach (var e in stack.Pop().succs)
                if (!e.Target.IsReachable) { e.Target.IsReachable = true; stack.Push(e.Target); }

        // Drop the empty placeholders started after jumps that nothing reached
        // (and what only they led to); unreachable code that has nodes is kept.
        var work = new Stack<Block>(blocks.Where(IsDroppable));
        while (work.Count > 0)
        {
            var b = work.Pop();
            if (b.Removed || !IsDroppable(b)) continue;
            b.Removed = true;
            foreach (var e in b.succs)
            {
                e.Target.preds.Remove(e);
                if (IsDroppable(e.Target)) work.Push(e.Target);
            }
            b.succs.Clear();
        }
        // Number reachable blocks in reverse postorder (true edges first), so a
        // dump reads top to bottom like the function; then unreachable code in
        // source order; the exit last.
        var kept = new List<Block>();
        var visited = new HashSet<Block>();
        var dfs = new Stack<(Block, int)>();
        dfs.Push((blocks[0], 0));
        visited.Add(blocks[0]);
        while (dfs.Count > 0)
        {
            var (b, i) = dfs.Pop();
            // Successors are explored last-first so that the first (the true edge) comes first in the reversed order.
            if (i < b.succs.Count)
            {
                dfs.Push((b, i + 1));
                var t = b.succs[b.succs.Count - 1 - i].Target;
                if (visited.Add(t)) dfs.Push((t, 0));
            }
            else kept.Add(b);
        }
        kept.Reverse();
        kept.AddRange(blocks.Where(b => !b.Removed && !visited.Contains(b)));
        kept.Remove(exit);
        kept.Add(exit);
        for (int i = 0; i < kept.Count; i++) kept[i].Index = i;
        return kept;
    }

    private bool IsDroppable(Block b) =>
        !b.Removed && !b.IsReachable && b.nodes.Count == 0 && b.preds.Count == 0 && b != exit;

    // ---- statements

    private void StmtList(IReadOnlyList<Stmt> list)
    {
        foreach (var s in list) Stmt(s, null);
    }

    private void Stmt(Stmt s, string? label)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a clear, catchable error on a small stack, not a crash (docs/limits.md)
        switch (s)
        {
            case EmptyStmt:
                break;
            case BadStmt or SendStmt or IncDecStmt or GoStmt or AssignStmt or DeclStmt:
                Add(s);
                break;
            case DeferStmt d:
                Add(d);
                defers.Add(d);
                break;
            case ExprStmt es:
                Add(es);
                if (es.X is CallExpr call) NoReturnCall(call);
                break;
            case LabeledStmt ls:
                var lt = Label(ls.Label!.Name, ls);
                lt.Goto.Stmt ??= ls; // a forward goto created the block before the label was seen
                Jump(lt.Goto);
                current = lt.Goto;
                if (ls.Stmt is not null) Stmt(ls.Stmt, ls.Label.Name);
                break;
            case ReturnStmt r:
                Add(r);
                Jump(returnTarget);
                StartUnreachable();
                break;
            case BranchStmt br:
                Branch(br);
                break;
            case BlockStmt b:
                StmtList(b.List);
                break;
            case IfStmt ifs:
                If(ifs);
                break;
            case SwitchStmt sw:
                Switch(sw, label);
                break;
            case TypeSwitchStmt ts:
                TypeSwitch(ts, label);
                break;
            case SelectStmt sel:
                Select(sel, label);
                break;
            case ForStmt f:
                For(f, label);
                break;
            case RangeStmt r:
                Range(r, label);
                break;
            default:
                Add(s); // future statement kinds: kept in order rather than lost
                break;
        }
    }

    private void NoReturnCall(CallExpr call)
    {
        var kind = noReturn.Classify(call, info);
        if (kind == NoReturnKind.Returns) return;
        current.NoReturnCall = call;
        if (kind == NoReturnKind.Panics) AddEdge(current, panicTarget, EdgeKind.Panic);
        else AddEdge(current, exit, EdgeKind.ProcessExit);
        StartUnreachable();
    }

    private LabelTargets Label(string name, Node? stmt)
    {
        if (!labels.TryGetValue(name, out var lt))
        {
            lt = new LabelTargets { Goto = NewBlock(BlockKind.Label, stmt) };
            labels[name] = lt;
        }
        return lt;
    }

    private void Branch(BranchStmt br)
    {
        Block? to = null;
        string? label = br.Label?.Name;
        switch (br.Tok)
        {
            case Token.Break:
                if (label is not null) to = labels.GetValueOrDefault(label)?.Break;
                else for (var t = targets; t != null && to == null; t = t.Tail) to = t.Break;
                break;
            case Token.Continue:
                if (label is not null) to = labels.GetValueOrDefault(label)?.Continue;
                else for (var t = targets; t != null && to == null; t = t.Tail) to = t.Continue;
                break;
            case Token.Fallthrough:
                to = targets?.Fallthrough;
                break;
            case Token.Goto:
                if (label is not null) to = Label(label, null).Goto;
                break;
        }
        Add(br);
        // A branch the type checker would reject has no target; the block just ends.
        if (to is not null) Jump(to);
        StartUnreachable();
    }

    /// <summary>Branches on a boolean condition, splitting &amp;&amp;, || and ! into separate tests.</summary>
    private void Cond(Expr e, Block whenTrue, Block whenFalse)
    {
        switch (e)
        {
            case ParenExpr p when p.X is not null:
                Cond(p.X, whenTrue, whenFalse);
                return;
            case UnaryExpr { Op: Token.Not, X: { } x }:
                Cond(x, whenFalse, whenTrue);
                return;
            case BinaryExpr { Op: Token.LAnd, X: { } l, Y: { } r }:
                var rest = NewBlock(BlockKind.CondTrue, e);
                Cond(l, rest, whenFalse);
                current = rest;
                Cond(r, whenTrue, whenFalse);
                return;
            case BinaryExpr { Op: Token.LOr, X: { } l, Y: { } r }:
                var other = NewBlock(BlockKind.CondFalse, e);
                Cond(l, whenTrue, other);
                current = other;
                Cond(r, whenTrue, whenFalse);
                return;
        }
        Add(e);
        AddEdge(current, whenTrue, EdgeKind.True, e);
        AddEdge(current, whenFalse, EdgeKind.False, e);
    }

    private void If(IfStmt s)
    {
        if (s.Init is not null) Stmt(s.Init, null);
        var then = NewBlock(BlockKind.IfThen, s);
        var done = NewBlock(BlockKind.IfDone, s);
        var otherwise = s.Else is null ? done : NewBlock(BlockKind.IfElse, s);
        Cond(s.Cond!, then, otherwise);
        current = then;
        if (s.Body is not null) StmtList(s.Body.List);
        Jump(done);
        if (s.Else is not null)
        {
            current = otherwise;
            Stmt(s.Else, null);
            Jump(done);
        }
        current = done;
    }

    private void Switch(SwitchStmt s, string? label)
    {
        if (s.Init is not null) Stmt(s.Init, null);
        if (s.Tag is not null) Add(s.Tag);
        var done = NewBlock(BlockKind.SwitchDone, s);
        if (label is not null) labels[label].Break = done;
        var clauses = s.Body?.List.OfType<CaseClause>().ToList() ?? [];
        Cases(clauses, done, (expr, body, next) =>
        {
            if (s.Tag is null) Cond(expr, body, next);
            else
            {
                Add(expr);
                AddEdge(current, body, EdgeKind.True, expr, s);
                AddEdge(current, next, EdgeKind.False, expr, s);
            }
        });
    }

    private void TypeSwitch(TypeSwitchStmt s, string? label)
    {
        if (s.Init is not null) Stmt(s.Init, null);
        if (s.Assign is not null) Add(s.Assign);
        var done = NewBlock(BlockKind.SwitchDone, s);
        if (label is not null) labels[label].Break = done;
        var clauses = s.Body?.List.OfType<CaseClause>().ToList() ?? [];
        Cases(clauses, done, (type, body, next) =>
        {
            Add(type);
            AddEdge(current, body, EdgeKind.True, type, s);
            AddEdge(current, next, EdgeKind.False, type, s);
        });
    }

    /// <summary>
    /// The shared shape of both switches: the cases are tested in order (each
    /// test's false edge leads to the next test), the default body runs when
    /// all fail, and each body may fall through to the next body.
    /// </summary>
    private void Cases(List<CaseClause> clauses, Block done, Action<Expr, Block, Block> test)
    {
        var bodies = clauses.Select(c => NewBlock(BlockKind.SwitchCaseBody, c)).ToList();
        Block? defaultBody = null;
        for (int i = 0; i < clauses.Count; i++)
        {
            if (clauses[i].List.Count == 0) { defaultBody = bodies[i]; continue; }
            foreach (var e in clauses[i].List)
            {
                var next = NewBlock(BlockKind.SwitchNextCase, clauses[i]);
                test(e, bodies[i], next);
                current = next;
            }
        }
        Jump(defaultBody ?? done);
        for (int i = 0; i < clauses.Count; i++)
        {
            current = bodies[i];
            targets = new Targets { Tail = targets, Break = done, Fallthrough = i + 1 < bodies.Count ? bodies[i + 1] : null };
            StmtList(clauses[i].Body);
            targets = targets.Tail;
            Jump(done);
        }
        current = done;
    }

    private void Select(SelectStmt s, string? label)
    {
        var done = NewBlock(BlockKind.SelectDone, s);
        if (label is not null) labels[label].Break = done;
        var head = current;
        // A select with no case blocks forever: the head gets no successor and done stays unreachable.
        foreach (var clause in s.Body?.List.OfType<CommClause>() ?? [])
        {
            var body = NewBlock(BlockKind.SelectCase, clause);
            AddEdge(head, body, EdgeKind.Normal);
            current = body;
            if (clause.Comm is not null) Add(clause.Comm);
            targets = new Targets { Tail = targets, Break = done };
            StmtList(clause.Body);
            targets = targets.Tail;
            Jump(done);
        }
        current = done;
    }

    private void For(ForStmt s, string? label)
    {
        if (s.Init is not null) Stmt(s.Init, null);
        var body = NewBlock(BlockKind.ForBody, s);
        var done = NewBlock(BlockKind.ForDone, s);
        var loop = NewBlock(BlockKind.ForLoop, s);
        var cont = s.Post is null ? loop : NewBlock(BlockKind.ForPost, s);
        if (label is not null) { labels[label].Break = done; labels[label].Continue = cont; }
        Jump(loop);
        current = loop;
        if (s.Cond is not null) Cond(s.Cond, body, done);
        else Jump(body);

        current = body;
        targets = new Targets { Tail = targets, Break = done, Continue = cont };
        if (s.Body is not null) StmtList(s.Body.List);
        targets = targets.Tail;
        Jump(cont);

        if (s.Post is not null)
        {
            current = cont;
            Stmt(s.Post, null);
            Jump(loop);
        }
        current = done;
    }

    /// <summary>
    /// Every range loop, whatever it ranges over (slice, array, string, map,
    /// channel, integer, function iterator), has the same shape: X evaluated
    /// once, then a loop head holding the RangeStmt ("take the next element")
    /// whose True edge enters the body and False edge leaves. For a function
    /// iterator the body is really a yield callback; a break makes yield
    /// return false and the loop end, which is the same control flow.
    /// </summary>
    private void Range(RangeStmt s, string? label)
    {
        if (s.X is not null) Add(s.X);
        var loop = NewBlock(BlockKind.RangeLoop, s);
        var body = NewBlock(BlockKind.RangeBody, s);
        var done = NewBlock(BlockKind.RangeDone, s);
        if (label is not null) { labels[label].Break = done; labels[label].Continue = loop; }
        Jump(loop);
        current = loop;
        Add(s);
        AddEdge(loop, body, EdgeKind.True);
        AddEdge(loop, done, EdgeKind.False);

        current = body;
        targets = new Targets { Tail = targets, Break = done, Continue = loop };
        if (s.Body is not null) StmtList(s.Body.List);
        targets = targets.Tail;
        Jump(loop);
        current = done;
    }
}
