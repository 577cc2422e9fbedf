using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A channel field cleared by the goroutine that saw it closed, against the read that closes it:
///
/// <code>
/// func (s *Sink) Shutdown() { close(s.queue) }     // reads s.queue to close it
/// func (s *Sink) flush() {                          // the goroutine
///     for {
///         select {
///         case m, ok := &lt;-s.queue:
///             if !ok { goto QUIT }
///             ...
///         }
///     }
/// QUIT:
///     s.queue = nil                                 // only after the receive reported the close
/// }
/// </code>
///
/// The write runs only after a receive from the same field reported it closed: inside <c>if !ok { ... }</c> of
/// <c>v, ok := &lt;-x.f</c>, or after a label every <c>goto</c> to which is in such a branch (and that nothing falls
/// into). A close happens before the receive
/// that reports it, so the read feeding <c>close(x.f)</c> comes before the write. The field must hold one channel for
/// its life: every assignment of it in the loaded program stores nil and its address is never taken, so the channel
/// the goroutine saw closed is the one the read closed (closing it a second time would panic).
///
/// A send on the field is dropped against the same write: the write runs after the close, so a send that overlaps it
/// is a send after the close, which panics on the closed channel (or, once the field is nil, blocks or takes the
/// select's default). That is use after Close, which the type's contract rules out.
/// </summary>
internal sealed class ClosedThenCleared
{
    /// <summary>Per field (by origin): whether every assignment of it in the program stores nil.</summary>
    private readonly Dictionary<GoVar, bool> clearedOnly = new();
    /// <summary>The imports' stores (go vet's -facts=vetx: dependencies' code is known from their facts only).</summary>
    private readonly Vigil.Facts.RaceImports? imports;

    private ClosedThenCleared(GoProgram program, Vigil.Facts.RaceImports? imports)
    {
        this.imports = imports;
        // Every assignment stores nil, and the address is never taken.
        FieldStores.ForEach(program, s => clearedOnly[s.Field] = Keeps(s) && clearedOnly.GetValueOrDefault(s.Field, true));
    }

    /// <summary>The store only clears the field: an assignment of nil.</summary>
    internal static bool Keeps(FieldStores.Store s) =>
        s.Kind == FieldStores.StoreKind.Assign && s.Value is { } v && s.Info.ModeOf(v).HasFlag(ExprMode.Nil);

    /// <summary>The program's index (built once per loaded program).</summary>
    public static ClosedThenCleared For(Pass pass) =>
        pass.Cache.Get("race.closedthencleared", () => new ClosedThenCleared(pass.Program, pass.Cache.Find<Vigil.Facts.RaceImports>(Vigil.Facts.RaceImports.CacheKey)));

    /// <summary>Every store of the field, here and in the imports' code, stores nil (and there is one).</summary>
    private bool IsClearedOnly(GoVar f) =>
        Vigil.Facts.RaceImports.Holds(imports, f, clearedOnly.TryGetValue(f, out var own) ? own : null, Vigil.Facts.RaceFieldFlags.NotClearedOnly);

    public bool RulesOut(RacePair pair) => Ordered(pair.A.Access, pair.B.Access) || Ordered(pair.B.Access, pair.A.Access);

    /// <summary><paramref name="r"/> reads the field as the operand of <c>close</c>; <paramref name="w"/> clears it after seeing the close.</summary>
    private bool Ordered(Event r, Event w)
    {
        if (r.Write || !w.Write || !(IsCloseOperand(r.Origin) || IsSendChannel(r.Origin))) return false;
        if (LastField(w.Loc) is not { } f || LastField(r.Loc) != f || !IsClearedOnly(f)) return false;
        return AfterClose(w.Origin, f, w.Origin.SourceFile.Package.Info);
    }

    private static bool IsCloseOperand(Node n)
    {
        Node x = n;
        while (x.Parent is ParenExpr p) x = p;
        return x.Parent is CallExpr { Fun: Ident { Name: "close" }, Args: [var arg] } && arg == x;
    }

    /// <summary>The channel of a send (<c>x.f &lt;- v</c>, also as a select case).</summary>
    private static bool IsSendChannel(Node n)
    {
        Node x = n;
        while (x.Parent is ParenExpr p) x = p;
        return x.Parent is SendStmt s && s.Chan == x;
    }

    /// <summary>Every path to <paramref name="n"/> passes a receive from the field that reported it closed.</summary>
    private static bool AfterClose(Node n, GoVar f, TypeInfo info)
    {
        var fn = Flow.Cfg.FunctionGraphs.EnclosingFunction(n);
        if (fn is null) return false;
        for (Node prev = n, x = n.Parent!; x != null && x != fn; prev = x, x = x.Parent!)
        {
            if (x is IfStmt i && i.Body == prev && InClosedBranch(i, f, info)) return true;
            if (x is BlockStmt b && prev is Stmt s && AfterInBlock(b, s, fn, f, info)) return true;
        }
        return false;
    }

    /// <summary><c>if !ok {</c>, where ok is the second result of a receive from the field: the select case's, or the statement's before.</summary>
    private static bool InClosedBranch(IfStmt i, GoVar f, TypeInfo info)
    {
        if (i.Init != null || i.Cond is not UnaryExpr { Op: Token.Not, X: Ident { Name: var ok } }) return false;
        Stmt? recv = null;
        if (i.Parent is CommClause cc && cc.Body.Count > 0 && cc.Body[0] == i) recv = cc.Comm;
        else if (i.Parent is BlockStmt b && b.List.ToList().IndexOf(i) is > 0 and var k) recv = b.List[k - 1];
        return recv is AssignStmt { Tok: Token.Define or Token.Assign, Lhs: [_, Ident { Name: var name }], Rhs: [UnaryExpr { Op: Token.Arrow, X: var ch }] }
            && name == ok && FieldStores.FieldOf(ch, info) == f;
    }

    /// <summary>
    /// The statement follows, in its block, a label every goto to which is in a closed branch and that the statement
    /// before it cannot fall into, with no other label between. (A <c>for range</c> over the channel already orders
    /// what follows it after the close: see HappensBefore.)
    /// </summary>
    private static bool AfterInBlock(BlockStmt b, Stmt s, Node fn, GoVar f, TypeInfo info)
    {
        var list = b.List;
        int at = -1;
        for (int k = 0; k < list.Count; k++) if (list[k] == s) at = k;
        for (int k = at; k >= 0; k--)
        {
            if (list[k] is not LabeledStmt { Label.Name: var label }) continue;
            if (k == 0 || !Terminates(list[k - 1], fn)) return false;
            var gotos = Own(fn, fn).OfType<BranchStmt>().Where(g => g.Tok == Token.Goto && g.Label?.Name == label).ToList();
            return gotos.Count > 0 && gotos.All(g => InClosedRegion(g, fn, f, info));
        }
        return false;
    }

    private static bool InClosedRegion(Node n, Node fn, GoVar f, TypeInfo info)
    {
        for (Node prev = n, x = n.Parent!; x != null && x != fn; prev = x, x = x.Parent!)
            if (x is IfStmt i && i.Body == prev && InClosedBranch(i, f, info)) return true;
        return false;
    }

    /// <summary>A statement control cannot fall out of: return, goto, panic, or <c>for {}</c> with no condition and no break.</summary>
    private static bool Terminates(Stmt s, Node fn) => s switch
    {
        LabeledStmt { Stmt: { } inner } => Terminates(inner, fn),
        ReturnStmt => true,
        BranchStmt { Tok: Token.Goto } => true,
        ExprStmt { X: CallExpr { Fun: Ident { Name: "panic" } } } => true,
        ForStmt { Cond: null, Body: { } body } => !Own(body, fn).Any(x => x is BranchStmt { Tok: Token.Break }),
        _ => false,
    };

    /// <summary>The nodes under <paramref name="root"/> that belong to the same function (not inside a nested literal).</summary>
    private static IEnumerable<Node> Own(Node root, Node fn) =>
        root.Descendants().Where(x => Flow.Cfg.FunctionGraphs.EnclosingFunction(x) == fn);

    private static GoVar? LastField(Loc? l) =>
        l is { Steps.Count: > 0 } && l.Steps[^1] is { Kind: StepKind.Field, Field: { } f } ? f.Origin : null;

}
