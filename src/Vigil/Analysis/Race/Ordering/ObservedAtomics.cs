using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// The Go memory model's edge through sync/atomic: "if the effect of an atomic operation A is observed by atomic
/// operation B, then A is synchronized before B". An atomic operation before an access orders that access after a
/// store only when the access runs because the operation observed a stored value. The word starts at zero (its zero
/// value), so a value other than zero was stored by someone; the access must depend on seeing such a value: after a
/// loop that ends only then (<c>for atomic.LoadUint32(&amp;ready) == 0 {}</c>), in the branch of an <c>if</c> taken
/// only then (<c>if c.done.Load() { use(c.v) }</c>, <c>if !atomic.CompareAndSwapInt32(&amp;s, 0, 1) { ... }</c>), or
/// after an <c>if</c> whose other branch leaves (<c>if atomic.LoadInt32(&amp;st) != 2 { return }</c>). A load whose
/// value the code ignores, or a branch taken on the zero value (<c>if atomic.LoadInt32(&amp;closed) == 0</c>,
/// <c>if atomic.AddInt64(&amp;n, 1) == 1</c>, <c>if atomic.CompareAndSwapInt32(&amp;s, 0, 1)</c>) may have seen no store
/// at all, and orders nothing. Which store a load saw is not decided here: any store after the other access counts
/// (as a receive counts for any send), so a third goroutine storing the same flag can still hide a race.
/// </summary>
/// <remarks>
/// The value may reach the condition through wrappers whose whole body is <c>return E</c>
/// (<c>func (c *Conn) closed() bool { return atomic.LoadInt32(&amp;c.state) == 2 }</c>) and conversions, at most
/// <see cref="WrapperDepth"/> calls deep (the event's own call path, so no search).
/// </remarks>
internal static class ObservedAtomics
{
    /// <summary>How many wrapper calls (<c>return E</c> bodies) the value may pass through on its way to the condition.</summary>
    private const int WrapperDepth = 3;

    /// <summary>
    /// <paramref name="after"/> runs only when the atomic operation of <paramref name="acquire"/> returned a value that
    /// only a store can have put there (same event list).
    /// </summary>
    public static bool Observes(Event acquire, Event after)
    {
        if (acquire.Sync != SyncKind.Atomic || acquire.Origin is not CallExpr || acquire.Imported != null || after.Imported != null) return false;
        if (acquire.Deferred || after.Deferred || !AtomicResults.StartsAtZero((CallExpr)acquire.Origin)) return false;
        var q = acquire.Path;
        var b = after.Path;
        // The level where the two paths part: both nodes there lie in one function.
        int level = 0;
        while (level < q.Count && level < b.Count && q[level] == b[level]) level++;
        if (level >= q.Count || level >= b.Count || q.Count - 1 - level > WrapperDepth) return false;
        var observing = q[level];
        var target = b[level];
        var value = new Chain(q, level);
        if (Condition(observing) is not var (stmt, cond) || cond is null)
        {
            // The value kept in a local first: `if v := atomic.LoadInt32(&s); v != 0 {`, or the statement right after.
            if (KeptIn(observing) is not var (kept, ifs) || ifs.Cond is null) return false;
            (stmt, cond, value) = (ifs, ifs.Cond, value with { Kept = kept });
        }
        switch (stmt)
        {
            case IfStmt ifs:
                if (ifs.Body != null && HappensBefore.Within(target, ifs.Body)) return Implies(cond, true, value);
                if (ifs.Else != null && HappensBefore.Within(target, ifs.Else)) return Implies(cond, false, value);
                return LeavesWhenTrue(ifs) && LaterInSameBlock(ifs, target) && Implies(cond, false, value);
            case ForStmt loop:
                if (loop.Body != null && HappensBefore.Within(target, loop.Body)) return Implies(cond, true, value);
                if (HappensBefore.Within(target, loop) || loop.Body is null || LoopFacts.BreaksOut(loop.Body, loop)) return false;
                return Implies(cond, false, value);
            default:
                return false;
        }
    }

    /// <summary>The atomic call at the end of an event's path, and the wrapper calls above it from <c>Level</c> down.</summary>
    /// <remarks><c>Kept</c>: a local that holds the value at this level (<c>v := atomic.LoadInt32(&amp;s)</c>), never assigned again.</remarks>
    private readonly record struct Chain(IReadOnlyList<Node> Path, int Level, Vigil.Semantics.GoVar? Kept = null);

    /// <summary>
    /// <c>v := call</c> with <paramref name="call"/> the value, v never assigned or addressed again, and the if statement
    /// that tests it: the one whose init this is, or the statement right after it in its block.
    /// </summary>
    private static (Vigil.Semantics.GoVar, IfStmt)? KeptIn(Node call)
    {
        Node x = call;
        while (x.Parent is CallExpr { Args.Count: 1 } conv && conv.Fun != null && conv.SourceFile.Package.Info.IsType(conv.Fun)) x = conv;
        while (x.Parent is ParenExpr) x = x.Parent;
        if (x.Parent is not AssignStmt { Tok: Token.Define, Lhs: [Ident id], Rhs: [var rhs] } assign || rhs != x) return null;
        var info = id.SourceFile.Package.Info;
        if (info.DefOf(id) is not Vigil.Semantics.GoVar v || AssignedAgain(assign, v)) return null;
        if (assign.Parent is IfStmt ifs && ifs.Init == assign) return (v, ifs);
        if (assign.Parent is not BlockStmt block) return null;
        for (int i = 0; i + 1 < block.List.Count; i++)
            if (block.List[i] == assign) return block.List[i + 1] is IfStmt next ? (v, next) : null;
        return null;
    }

    private static bool AssignedAgain(AssignStmt def, Vigil.Semantics.GoVar v)
    {
        Node? fn = def.Parent;
        while (fn != null && fn is not (FuncDecl or FuncLit)) fn = fn.Parent;
        if (fn is null) return true;
        var info = def.SourceFile.Package.Info;
        foreach (var n in fn.Descendants())
            if (n is Ident id && id.Name == v.Name && info.UseOf(id) == v
                && (id.Parent is AssignStmt a && a.Lhs.Contains(id) || id.Parent is UnaryExpr { Op: Token.And } || id.Parent is IncDecStmt))
                return true;
        return false;
    }

    /// <summary>The if or for statement whose condition holds <paramref name="n"/> (within expressions only), with that condition.</summary>
    private static (Stmt, Expr?)? Condition(Node n)
    {
        Node x = n;
        while (x.Parent is Expr e) x = e;
        return x.Parent switch
        {
            IfStmt ifs when ifs.Cond == x => (ifs, ifs.Cond),
            ForStmt f when f.Cond == x => (f, f.Cond),
            _ => null,
        };
    }

    /// <summary>The if's body always leaves the code after it: it ends in a return, a branch statement or a panic.</summary>
    private static bool LeavesWhenTrue(IfStmt ifs)
    {
        if (ifs.Body is not { List.Count: > 0 } body) return false;
        return body.List[^1] switch
        {
            ReturnStmt => true,
            BranchStmt br => br.Tok is Token.Break or Token.Continue or Token.Return,
            ExprStmt { X: CallExpr { Fun: Ident { Name: "panic" } } } => true,
            _ => false,
        };
    }

    /// <summary><paramref name="target"/> lies in a statement after <paramref name="ifs"/> in the same block.</summary>
    private static bool LaterInSameBlock(IfStmt ifs, Node target)
    {
        if (ifs.Parent is not BlockStmt block) return false;
        bool seen = false;
        foreach (var s in block.List)
        {
            if (s == ifs) { seen = true; continue; }
            if (seen && HappensBefore.Within(target, s)) return true;
        }
        return false;
    }

    /// <summary>The condition having the value <paramref name="want"/> implies the atomic operation saw a stored value.</summary>
    private static bool Implies(Expr cond, bool want, Chain value)
    {
        cond = Unparen(cond)!;
        switch (cond)
        {
            case UnaryExpr { Op: Token.Not } u:
                return u.X != null && Implies(u.X, !want, value);
            case BinaryExpr { Op: Token.LAnd } and:
                return want && (Implies(and.X!, true, value) || Implies(and.Y!, true, value));
            case BinaryExpr { Op: Token.LOr } or:
                return !want && (Implies(or.X!, false, value) || Implies(or.Y!, false, value));
            case BinaryExpr { Op: Token.Eql or Token.Neq or Token.Lss or Token.Leq or Token.Gtr or Token.Geq } cmp:
                {
                    var info = cond.SourceFile.Package.Info;
                    bool left = Resolves(cmp.X!, value, out var atom, out var inner);
                    if (!left && !Resolves(cmp.Y!, value, out atom, out inner)) return false;
                    if (inner != null) return false; // a comparison of a wrapper's boolean: not a value of the word
                    var other = left ? cmp.Y! : cmp.X!;
                    var op = left ? cmp.Op : Mirror(cmp.Op);
                    if (!want) op = Negate(op);
                    var k = Constant(other, info);
                    if (k is null) return op == Token.Eql && AtomicResults.EqualsNeverNil(atom!, other);
                    return AtomicResults.ImpliesStore(atom!, op, k.Value);
                }
            default:
                {
                    if (!Resolves(cond, value, out var atom, out var inner)) return false;
                    // A wrapper returning a condition on the value (`return atomic.LoadInt32(&c.state) == 2`).
                    if (inner != null) return Implies(inner.Value.Cond, want, inner.Value.Chain);
                    return AtomicResults.ImpliesStore(atom!, Token.Eql, want ? 1 : 0); // a boolean result (CAS, Bool.Load)
                }
        }
    }

    /// <summary>
    /// <paramref name="e"/> is the value of the chain's atomic call (through conversions and wrapper returns); or it is
    /// a wrapper call that returns a condition on it (<paramref name="inner"/>: that condition, and the chain one level down).
    /// </summary>
    private static bool Resolves(Expr e, Chain value, out CallExpr? atom, out (Expr Cond, Chain Chain)? inner)
    {
        atom = null;
        inner = null;
        var x = Unparen(e)!;
        var node = value.Path[value.Level];
        // A conversion T(v) keeps the value.
        while (x is CallExpr { Args.Count: 1 } conv && conv != node && IsConversion(conv)) x = Unparen(conv.Args[0])!;
        if (value.Kept != null && x is Ident kept && x.SourceFile.Package.Info.UseOf(kept) == value.Kept) x = (Expr)node;
        if (x != node) return false;
        if (value.Level == value.Path.Count - 1)
        {
            atom = x as CallExpr;
            return atom != null;
        }
        // A wrapper: the next node of the path lies in the one return of its body.
        var next = value.Path[value.Level + 1];
        if (ReturnedExpr(next) is not { } ret) return false;
        var down = new Chain(value.Path, value.Level + 1);
        var r = Unparen(ret)!;
        if (Resolves(r, down, out atom, out var deeper))
        {
            inner = deeper;
            return true;
        }
        // The wrapper returns a condition on the value: the caller's condition is that condition.
        inner = (r, down);
        return true;
    }

    /// <summary>The one result of the one return statement that is the whole body of the function <paramref name="n"/> lies in, when n lies in it.</summary>
    private static Expr? ReturnedExpr(Node n)
    {
        Node? fn = n.Parent;
        while (fn != null && fn is not (FuncDecl or FuncLit)) fn = fn.Parent;
        var body = fn switch { FuncDecl d => d.Body, FuncLit l => l.Body, _ => null };
        if (body is not { List: [ReturnStmt { Results: [var result] }] } || !HappensBefore.Within(n, result)) return null;
        return result;
    }

    private static bool IsConversion(CallExpr c)
    {
        var info = c.SourceFile.Package.Info;
        return c.Fun != null && info.IsType(c.Fun);
    }

    /// <summary>A constant operand as a number (<c>true</c> 1, <c>false</c> and <c>nil</c> 0), or null.</summary>
    private static long? Constant(Expr e, Vigil.Loading.TypeInfo info)
    {
        var x = Unparen(e)!;
        if (info.IsNilLiteral(x)) return 0;
        var k = info.ConstValue(x);
        return k switch
        {
            null => null,
            "true" => 1,
            "false" => 0,
            _ => long.TryParse(k, out var n) ? n : null,
        };
    }

    private static Token Mirror(Token op) => op switch
    {
        Token.Lss => Token.Gtr, Token.Gtr => Token.Lss, Token.Leq => Token.Geq, Token.Geq => Token.Leq, _ => op,
    };

    private static Token Negate(Token op) => op switch
    {
        Token.Eql => Token.Neq, Token.Neq => Token.Eql, Token.Lss => Token.Geq, Token.Geq => Token.Lss,
        Token.Leq => Token.Gtr, Token.Gtr => Token.Leq, _ => op,
    };
}
