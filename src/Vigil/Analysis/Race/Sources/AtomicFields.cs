using Vigil.Findings;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A struct field its own type's methods change with sync/atomic, accessed plainly by other code:
///
/// <code>
/// func (i *Item) Extend(d time.Duration) { atomic.StoreInt64(&amp;i.expires, ...) }
/// func (c *Cache) Get(key string) *Item  { item := c.lookup(key); if item.expires &gt; now { ... } } // races with the store
/// </code>
///
/// The atomic write says the field changes while other goroutines hold the value; a plain read (or
/// write) of it elsewhere races with that write. The field's own type's methods are
/// <see cref="GuardedFields"/>' (its mixed-atomic rule, with happens-before); this rule covers the
/// accesses from other code, which that rule does not see. Decided on the syntax, like
/// <see cref="AtomicGlobals"/>: set-up code (init, main, tests) and a value the function allocated
/// itself (<c>it := &amp;Item{}; it.expires = d</c>, not shared yet) are not reported.
/// </summary>
public static class AtomicFields
{
    private sealed record Use(SelectorExpr At, bool Write, bool Atomic, FuncDecl Function);

    public static IEnumerable<GuardedFields.Violation> Find(Package pkg)
    {
        var uses = new Dictionary<GoVar, List<Use>>();
        foreach (var file in pkg.Files)
            foreach (var decl in file.Syntax.Decls)
            {
                if (decl is not FuncDecl { Body: { } body } fd) continue;
                foreach (var sel in body.Descendants().OfType<SelectorExpr>())
                {
                    if (sel.Sel is null || pkg.Info.SelectionOf(sel) is not { Kind: SelectionKind.FieldVal, Obj: GoVar { IsField: true } f }) continue;
                    f = f.Origin;
                    if (f.Package != pkg.Types) continue;
                    if (!uses.TryGetValue(f, out var list)) uses[f] = list = [];
                    list.Add(Classify(sel, fd, pkg.Info));
                }
            }
        foreach (var (f, list) in uses.OrderBy(kv => kv.Key.Location.Offset))
        {
            var owner = f.Owner?.Origin;
            // The field's own type changes it with sync/atomic in its methods (`Item.Extend`): its contract says the field
            // changes while others hold the value. An atomic write only in other code may serve one user of the type
            // (one cache's worker) while another user keeps it to one goroutine.
            var atomics = list.Where(u => u.Atomic && u.Write && OwnMethod(u.Function, owner, pkg.Info)).ToList();
            if (atomics.Count == 0) continue;
            // Plain reads only: a plain write by other code is a reset its owner makes once the workers that change
            // the field are stopped (`db.lc.nextFileID = 1` in `dropAll`, after compactions stop), which this rule
            // cannot see.
            // An address handed to a helper (`atomicDecUint32(&c.n)`, `addAndReset(&hot.n)`) is no read: the helper
            // may well use sync/atomic.
            foreach (var plain in list.Where(u => !u.Atomic && !u.Write && u.At.Parent is not UnaryExpr { Op: Token.And } && !AtomicGlobals.SetUp(u.Function) && !OwnMethod(u.Function, owner, pkg.Info)
                && !Fresh(u, pkg.Info) && Shared(u.At, pkg.Info)))
            {
                var other = atomics.OrderBy(a => a.At.Pos.Offset).First();
                string name = $"{Text(plain.At.X)}.{f.Name}";
                string msg = $"data race: {name} {(plain.Write ? "written" : "read")} without sync/atomic in {Name(plain.Function)}; "
                    + $"written at {RaceReport.Short(other.At.Location)} atomically in {Name(other.Function)} "
                    + $"({f.Name} is changed with sync/atomic by {owner?.Obj.Name}'s methods at {atomics.Count} place{(atomics.Count == 1 ? "" : "s")}: other goroutines change it)";
                var related = new List<RelatedLocation>
                {
                    new(other.At.Location, $"the other access: {Text(other.At.X)}.{f.Name} written atomically") { Flow = RaceReport.OtherFlow },
                };
                yield return new GuardedFields.Violation(plain.At, plain.At, msg, related, Advice: RaceAdvice.Atomic(name));
            }
        }
    }

    /// <summary>Atomic as the <c>&amp;x.f</c> argument of a sync/atomic function (a write unless a Load); else a write as an assignment's target or <c>x.f++</c>.</summary>
    private static Use Classify(SelectorExpr sel, FuncDecl fd, TypeInfo info)
    {
        if (AtomicOperand.Writes(sel, info) is { } atomicWrite) return new Use(sel, atomicWrite, true, fd);
        bool write = sel.Parent switch
        {
            AssignStmt a => a.Lhs.Contains(sel),
            IncDecStmt => true,
            _ => false,
        };
        return new Use(sel, write, false, fd);
    }

    /// <summary>A method of the field's own type: <see cref="GuardedFields"/> decides those, with happens-before.</summary>
    private static bool OwnMethod(FuncDecl fd, GoNamed? owner, TypeInfo info)
    {
        if (owner is null || fd.Recv?.List is not [{ Type: { } t }]) return false;
        var rt = info.TypeOf(t)?.Unalias();
        if (rt is GoPointer p) rt = p.Elem.Unalias();
        return rt is GoNamed n && n.Origin == owner;
    }

    /// <summary>
    /// The field is reached through a pointer (or a package-level variable, an element, a call's result): memory
    /// others may hold. A field of a local struct value (<c>tmp := shard.getStats(); s.Hits += tmp.Hits</c>) is the
    /// function's own copy.
    /// </summary>
    private static bool Shared(SelectorExpr sel, TypeInfo info)
    {
        Expr? e = sel;
        while (true)
        {
            switch (e)
            {
                case ParenExpr p: e = p.X; continue;
                case SelectorExpr s when info.SelectionOf(s) is { Kind: SelectionKind.FieldVal } fs:
                    if (fs.Indirect) return true;
                    e = s.X;
                    continue;
                case Ident id:
                    return info.UseOf(id) is GoVar v && (v.IsPackageLevel || v.Type?.Unalias() is GoPointer);
                default:
                    return true;
            }
        }
    }

    /// <summary>The selector's base is a local the function allocated itself: nobody else has the value yet.</summary>
    private static bool Fresh(Use use, TypeInfo info)
    {
        var (sel, fd) = (use.At, use.Function);
        if (sel.X is not Ident id || info.UseOf(id) is not GoVar { IsPackageLevel: false } v) return false;
        foreach (var n in fd.Body!.Descendants())
        {
            if (n is AssignStmt a)
                for (int i = 0; i < a.Lhs.Count && i < a.Rhs.Count; i++)
                    if (a.Lhs[i] is Ident l && info.ObjectOf(l) == v && Allocates(a.Rhs[i])) return true;
            if (n is ValueSpec vs && vs.Names.Any(nm => info.DefOf(nm) == v) && (vs.Values.Count == 0 || vs.Values.Any(Allocates))) return true;
        }
        return false;
    }

    private static bool Allocates(Expr? e) => e switch
    {
        ParenExpr p => Allocates(p.X),
        UnaryExpr { Op: Token.And, X: CompositeLit } => true,
        CompositeLit => true,
        CallExpr { Fun: Ident { Name: "new" } } => true,
        _ => false,
    };

    private static string Text(Expr? e) => e switch
    {
        Ident id => id.Name,
        SelectorExpr s => Text(s.X) + "." + s.Sel?.Name,
        _ => "(...)",
    };

    private static string Name(FuncDecl fd) => Dump.FunctionFinder.QualifiedName(fd);
}
