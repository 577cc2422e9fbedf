using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

internal sealed partial class FunctionWalker
{
    // ---- expressions: reads, and what a value is (for binding parameters) ----

    private Binding? Eval(Expr? e)
    {
        switch (e)
        {
            case null: return null;
            case var _ when info.IsType(e): return null;
            case Ident id:
                switch (info.ObjectOf(id))
                {
                    case GoVar v when !v.IsField:
                        var l = Loc.Of(v);
                        Access(id, l, false);
                        return funcVars.TryGetValue(v, out var fb) ? fb : new Binding.ValueOf(ChanAlias(v) ?? l);
                    case GoFunc f:
                        return sums.BodyOf(f) is { } body ? new Binding.Func(body) : null;
                }
                return null;
            case ParenExpr p: return Eval(p.X);
            case SelectorExpr s:
                var sel = info.SelectionOf(s);
                if (sel is null) return Eval(s.Sel);
                if (sel.Kind == SelectionKind.FieldVal)
                {
                    var fl = LocOf(s);
                    Access(s, fl, false);
                    return fl is null ? null : new Binding.ValueOf(fl);
                }
                if (sel.Kind == SelectionKind.MethodVal && sel.Obj is GoFunc mf)
                {
                    // A method value binds its receiver now (x.M with a pointer receiver on an addressable x only takes &x).
                    var recvBinding = ReceiverBinding(s.X!, sel, mf);
                    return sums.BodyOf(mf) is { } mb && mf.Signature.Recv?.Type?.Underlying is not GoInterface
                        ? new Binding.Func(mb, recvBinding) : null;
                }
                return null;
            case StarExpr or IndexExpr:
                if (e is IndexExpr ix && info.TypeOf(ix.X!)?.Underlying is GoSignature) return Eval(ix.X);
                var il = LocOf(e);
                Access(e, il, false);
                return il is null ? null : new Binding.ValueOf(il);
            case IndexListExpr ilx: return Eval(ilx.X);
            case SliceExpr se:
                var xt = se.X is null ? null : info.TypeOf(se.X)?.Underlying;
                Binding? sb = null;
                if (xt is GoArray) sb = LocOf(se.X) is { } al ? new Binding.AddrOf(al) : null;
                else if (xt is GoPointer) sb = PointsTo(se.X) is { } pl ? new Binding.AddrOf(pl) : null;
                else { var b = Eval(se.X); if (xt is GoSlice) sb = b; }
                Eval(se.Low); Eval(se.High); Eval(se.Max);
                return sb;
            case UnaryExpr u:
                if (u.Op == Token.And)
                {
                    if (u.X is CompositeLit cl)
                    {
                        Eval(cl);
                        return new Binding.AddrOf(Loc.Of(sums.Allocation(cl, fn.Package, Text(cl.Type) + "{...}")));
                    }
                    return LocOf(u.X) is { } al2 ? new Binding.AddrOf(al2) : null;
                }
                if (u.Op == Token.Arrow)
                {
                    var ch = ChanLoc(u.X);
                    SyncEvent(u, EventKind.Acquire, SyncKind.Chan, ch);
                    if (ch != null) received = received.Add(ch);
                    SyncEvent(u, EventKind.Release, SyncKind.ChanReverse, ch);
                    if (ch != null && sums.IsSemaphore(ch)) UnlockSemaphore(u, ch);
                    return null;
                }
                Eval(u.X);
                return null;
            case BinaryExpr bin:
                Eval(bin.X);
                // x && y with x known false, x || y with x known true: y is not evaluated.
                if (bin.Op == Token.LAnd && ConstBool(bin.X) == false || bin.Op == Token.LOr && ConstBool(bin.X) == true) return null;
                bool shortCircuit = bin.Op is Token.LAnd or Token.LOr;
                if (shortCircuit) condDepth++;
                Eval(bin.Y);
                if (shortCircuit) condDepth--;
                return null;
            case CallExpr c: return Call(c);
            case CompositeLit lit:
                bool isStruct = lit.Type != null && info.TypeOf(lit)?.Underlying is GoStruct;
                foreach (var elt in lit.Elts)
                {
                    if (elt is KeyValueExpr kv) { if (!isStruct) Eval(kv.Key); Eval(kv.Value); }
                    else Eval(elt);
                }
                return null;
            case FuncLit fl2: return new Binding.Func(new FunctionRef(fl2, fn.Package));
            case TypeAssertExpr ta: return Eval(ta.X);
            case KeyValueExpr kv2: Eval(kv2.Value); return null;
        }
        return null;
    }

    /// <summary>
    /// The memory an addressable expression denotes. Evaluates what must be
    /// read to find it (pointers followed, indexes) but not the memory itself.
    /// </summary>
    private Loc? LocOf(Expr? e)
    {
        switch (e)
        {
            case Ident id when info.ObjectOf(id) is GoVar v && !v.IsField: return Loc.Of(v);
            case ParenExpr p: return LocOf(p.X);
            case SelectorExpr s when info.SelectionOf(s) is { Kind: SelectionKind.FieldVal } sel:
                {
                    var xt = info.TypeOf(s.X!);
                    if (xt is null) return null;
                    Loc? cur = xt.Underlying is GoPointer ? PointsTo(s.X) : LocOf(s.X);
                    var t = xt.Underlying is GoPointer p2 ? p2.Elem : xt;
                    return Path(cur, t, sel.Index, sel.Index.Length);
                }
            case StarExpr star: return PointsTo(star.X);
            case IndexExpr ix:
                {
                    var t = ix.X is null ? null : info.TypeOf(ix.X)?.Underlying;
                    switch (t)
                    {
                        case GoSlice:
                            {
                                var b = LocOf(ix.X);
                                Access(ix.X!, b, false);
                                b = SharedHeader(b);
                                var key = IndexStep(ix.Index);
                                return b?.Deref().With(key);
                            }
                        case GoArray:
                            {
                                var b = LocOf(ix.X);
                                return b?.With(IndexStep(ix.Index));
                            }
                        case GoPointer:
                            {
                                var b = PointsTo(ix.X);
                                return b?.With(IndexStep(ix.Index));
                            }
                        case GoMap:
                            {
                                var b = LocOf(ix.X);
                                Access(ix.X!, b, false);
                                b = SharedHeader(b);
                                Eval(ix.Index);
                                return b?.Deref().With(new Step(StepKind.MapElem, Display: Text(ix.Index)));
                            }
                    }
                    Eval(ix.X);
                    Eval(ix.Index);
                    return null;
                }
        }
        Eval(e);
        return null;
    }

    /// <summary>Follows field indexes (embedded fields included) from a location of type <paramref name="t"/>.</summary>
    private static Loc? Path(Loc? cur, GoType t, int[] index, int count)
    {
        for (int k = 0; k < count && cur != null; k++)
        {
            if (t.Underlying is GoPointer p) { cur = cur.Deref(); t = p.Elem; }
            if (t.Underlying is not GoStruct st || index[k] >= st.Fields.Count) return null;
            var f = st.Fields[index[k]];
            cur = cur.Field(f);
            t = f.Type!;
        }
        return cur;
    }

    /// <summary>The memory a pointer-valued expression points to (reading the pointer).</summary>
    private Loc? PointsTo(Expr? x)
    {
        switch (x)
        {
            case ParenExpr p: return PointsTo(p.X);
            case UnaryExpr { Op: Token.And } u:
                if (u.X is CompositeLit) { Eval(u.X); return null; }
                return LocOf(u.X);
        }
        var l = LocOf(x);
        if (l is null) return null;
        Access(x!, l, false);
        if (l.Steps.Count == 0 && sums.AliasOf(l.Root) is { } target) return Loc.Of(target);
        if (l.Steps.Count == 0 && sums.FieldCopyOf(l.Root) is { } field && FieldLoc(field) is { } fl) return fl.Deref();
        return l.Deref();
    }

    /// <summary>A local slice or map copied from another (<c>o := c.opts</c>): the header whose elements it shares.</summary>
    private Loc? SharedHeader(Loc? b)
    {
        if (b is null || b.Steps.Count != 0) return b;
        return sums.HeaderCopyOf(b.Root) switch
        {
            SelectorExpr field => FieldLoc(field) ?? b,
            Ident id when info.ObjectOf(id) is GoVar v => Loc.Of(v),
            _ => b,
        };
    }

    /// <summary>
    /// The map a read through a local copy reads (<c>items := t.items; ...; for k := range items</c>): the field's map,
    /// unless the function detaches the copy by setting the field anew (<c>m := t.idleConn; t.idleConn = nil</c> under
    /// the lock: the local then owns the old map, which nobody else reaches).
    /// </summary>
    private Loc? ReadHeader(Loc? b)
    {
        if (b is null || b.Steps.Count != 0 || sums.HeaderCopyOf(b.Root) is not SelectorExpr { X: Ident baseId } src) return SharedHeader(b);
        var field = info.SelectionOf(src)?.Obj;
        var owner = info.ObjectOf(baseId);
        bool detached = fn.Body?.Descendants().Any(n => n is AssignStmt a && a.Lhs.Any(l => l is SelectorExpr { X: Ident li } ls
            && info.SelectionOf(ls)?.Obj == field && info.ObjectOf(li) == owner)) == true;
        return detached ? b : SharedHeader(b);
    }

    /// <summary>The location of a field expression named elsewhere in the function, without recording accesses.</summary>
    private Loc? FieldLoc(SelectorExpr field)
    {
        bool was = emit;
        emit = false;
        try { return LocOf(field); }
        finally { emit = was; }
    }

    private Step IndexStep(Expr? idx)
    {
        if (idx is null) return new Step(StepKind.Elem);
        Eval(idx);
        if (info.ConstValue(idx) is { } c) return new Step(StepKind.Elem, Key: "c:" + c, Display: c);
        if (idx is Ident id && info.ObjectOf(id) is GoVar v) return new Step(StepKind.Elem, Key: "v:" + v.Id, Display: v.Name, KeyVar: v);
        return new Step(StepKind.Elem, Display: Text(idx));
    }

    private Loc? ChanLoc(Expr? ch)
    {
        var l = ch switch
        {
            Ident id when info.ObjectOf(id) is GoVar v => Loc.Of(v),
            ParenExpr p => ChanLoc(p.X),
            SelectorExpr or IndexExpr or StarExpr => LocOf(ch),
            _ => null,
        };
        if (l is null) Eval(ch);
        else Access(ch!, l, false); // using a channel reads the variable that holds it
        if (ch is Ident cid && info.ObjectOf(cid) is GoVar cv && ChanAlias(cv) is { } alias) return alias;
        return l;
    }

    /// <summary>The value of a condition when constants (and variables that hold one constant) decide it.</summary>
    private bool? ConstBool(Expr? e)
    {
        switch (e)
        {
            case null: return null;
            case ParenExpr p: return ConstBool(p.X);
            case UnaryExpr { Op: Token.Not } u: return !ConstBool(u.X);
            case BinaryExpr b when b.Op is Token.LAnd or Token.LOr:
                var x = ConstBool(b.X);
                var y = ConstBool(b.Y);
                if (b.Op == Token.LAnd) return x == false || y == false ? false : x == true && y == true ? true : null;
                return x == true || y == true ? true : x == false && y == false ? false : null;
            case BinaryExpr b:
                if (ConstInt(b.X) is not { } l || ConstInt(b.Y) is not { } r) return null;
                return b.Op switch
                {
                    Token.Eql => l == r, Token.Neq => l != r, Token.Lss => l < r, Token.Leq => l <= r,
                    Token.Gtr => l > r, Token.Geq => l >= r, _ => null,
                };
        }
        if (e is Ident bid && info.TypeOf(bid)?.Underlying is GoBasic { Name: "bool" } && FreshZeroValues.HoldsZero(bid, info)) return false;
        return info.ConstValue(e) switch { "true" => true, "false" => false, _ => null };
    }

    private long? ConstInt(Expr? e)
    {
        if (e is null) return null;
        if (info.ConstValue(e) is { } c) return long.TryParse(c, out long v) ? v : null;
        if (e is ParenExpr p) return ConstInt(p.X);
        if (e is Ident zid && info.TypeOf(zid)?.Underlying is GoBasic && FreshZeroValues.HoldsZero(zid, info)) return 0;
        return e is Ident id && info.ObjectOf(id) is GoVar gv && !gv.IsPackageLevel ? sums.ConstantOf(gv) : null;
    }

    /// <summary>A short rendering of an index expression for messages.</summary>
    private string Text(Expr? e) => e switch
    {
        Ident id => id.Name,
        BasicLit b => b.Value,
        SelectorExpr s => Text(s.X) + "." + s.Sel?.Name,
        ParenExpr p => "(" + Text(p.X) + ")",
        BinaryExpr b => Text(b.X) + TokenText(b.Op) + Text(b.Y),
        CallExpr c => Text(c.Fun) + "(...)",
        IndexExpr i => Text(i.X) + "[" + Text(i.Index) + "]",
        StarExpr s => "*" + Text(s.X),
        _ => "_",
    };

    private static string TokenText(Token t) => t switch
    {
        Token.Add => "+", Token.Sub => "-", Token.Mul => "*", Token.Quo => "/", Token.Rem => "%", _ => " ? ",
    };
}
