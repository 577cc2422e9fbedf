using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// A field set once, read again after the lock is released:
///
/// <code>
/// func (c *buffer) put(it item) error {
///     c.mu.Lock()
///     if c.err != nil {
///         c.mu.Unlock()
///         return c.err          // read without the lock
///     }
///     ...
/// }
/// func (c *buffer) finish() {
///     c.mu.Lock()
///     if c.err != nil { c.mu.Unlock(); return }
///     c.err = ErrClosing        // the only kind of write: when unset, under the lock
///     c.mu.Unlock()
/// }
/// </code>
///
/// The read runs after the reader saw the field set, holding the lock it then released in the same branch; every
/// assignment of the field in the loaded program stores a value other than nil and runs only while the field is
/// unset (after an <c>if x.f != nil { return }</c>, or inside <c>if x.f == nil { ... }</c>), and its address is never
/// taken. Once set, nothing writes it again: the writer that set it released the lock before the reader took it, and
/// no later write exists to race with the read.
/// </summary>
internal sealed class SetOnceFields
{
    /// <summary>Per field (by origin): whether every assignment of it in the program sets it only while unset.</summary>
    private readonly Dictionary<GoVar, bool> setOnce = new();
    /// <summary>The imports' stores (go vet's -facts=vetx: dependencies' code is known from their facts only).</summary>
    private readonly Vigil.Facts.RaceImports? imports;

    private SetOnceFields(GoProgram program, Vigil.Facts.RaceImports? imports)
    {
        this.imports = imports;
        // Every assignment sets a non-nil value only while the field is unset, and the address is never taken.
        FieldStores.ForEach(program, s => setOnce[s.Field] = Keeps(s) && setOnce.GetValueOrDefault(s.Field, true));
    }

    /// <summary>The store keeps the field set-once: a non-nil assignment made only while the field is unset.</summary>
    internal static bool Keeps(FieldStores.Store s) => s is { Kind: FieldStores.StoreKind.Assign, Value: { } v, Assign: { } a }
        && !s.Info.ModeOf(v).HasFlag(ExprMode.Nil) && SetOnlyWhenUnset(a, s.Field, s.Info);

    /// <summary>The program's index (built once per loaded program).</summary>
    public static SetOnceFields For(Pass pass) =>
        pass.Cache.Get("race.setonce", () => new SetOnceFields(pass.Program, pass.Cache.Find<Vigil.Facts.RaceImports>(Vigil.Facts.RaceImports.CacheKey)));

    /// <summary>Every store of the field, here and in the imports' code, keeps it set-once (and there is one).</summary>
    private bool IsSetOnce(GoVar f) =>
        Vigil.Facts.RaceImports.Holds(imports, f, setOnce.TryGetValue(f, out var own) ? own : null, Vigil.Facts.RaceFieldFlags.NotSetOnce);

    /// <summary>One side reads a set-once field after seeing it set under the lock the other side's write holds.</summary>
    public bool RulesOut(RacePair pair) => ReadAfterSet(pair.A.Access, pair.B.Access) || ReadAfterSet(pair.B.Access, pair.A.Access);

    private bool ReadAfterSet(Event r, Event w)
    {
        if (r.Write || !w.Write || w.Locks.Count == 0 || LastField(r.Loc!) is not { } f || !IsSetOnce(f)) return false;
        var info = r.Origin.SourceFile.Package.Info;
        for (Node? prev = r.Origin, x = r.Origin.Parent; x != null && x is not (FuncDecl or FuncLit); prev = x, x = x.Parent)
        {
            if (x is not IfStmt { Cond: { } cond, Body: { } body } i || i.Body != prev) continue;
            if (!Conditions.Conjuncts(cond).Any(t => Tests(t, f, info, set: true))) continue;
            // The branch releases a lock the write holds before the read: the condition was read under it.
            return body.List.TakeWhile(s => s.End.Offset <= r.Origin.Pos.Offset).Any(s => Releases(s, w));
        }
        return false;
    }

    /// <summary>The statement is <c>x.l.Unlock()</c> (or <c>RUnlock</c>) for a lock field <c>l</c> the write holds.</summary>
    private static bool Releases(Stmt s, Event w) =>
        s is ExprStmt { X: CallExpr { Fun: SelectorExpr { Sel.Name: "Unlock" or "RUnlock", X: var lockExpr } } }
        && Unparen(lockExpr) is SelectorExpr { Sel.Name: var name }
        && w.Locks.Any(h => h.Lock.Steps.Count > 0 && h.Lock.Steps[^1] is { Kind: StepKind.Field, Field: { } lf } && lf.Name == name);

    /// <summary>An assignment that runs only while the field is unset: after <c>if x.f != nil { ...; return }</c>, or inside <c>if x.f == nil { }</c>.</summary>
    private static bool SetOnlyWhenUnset(AssignStmt a, GoVar f, TypeInfo info)
    {
        for (Node? prev = a, x = a.Parent; x != null && x is not (FuncDecl or FuncLit); prev = x, x = x.Parent)
        {
            if (x is IfStmt i && i.Body == prev && Conditions.Conjuncts(i.Cond).Any(t => Tests(t, f, info, set: false))) return true;
            if (x is BlockStmt b)
                foreach (var s in b.List)
                {
                    if (s == prev) break;
                    if (s is IfStmt { Else: null, Body.List: [.., ReturnStmt], Cond: { } c } && Tests(c, f, info, set: true)) return true;
                }
        }
        return false;
    }

    /// <summary><c>x.f != nil</c> (set) or <c>x.f == nil</c> (unset), the zero also as 0, "" or false.</summary>
    private static bool Tests(Expr t, GoVar f, TypeInfo info, bool set) =>
        Unparen(t) is BinaryExpr { X: { } l, Y: { } r } b && b.Op == (set ? Token.Neq : Token.Eql)
        && (FieldStores.FieldOf(l, info) == f && IsZero(r, info) || FieldStores.FieldOf(r, info) == f && IsZero(l, info));

    private static bool IsZero(Expr e, TypeInfo info) =>
        info.ModeOf(e).HasFlag(ExprMode.Nil) || info.ConstValue(e) is "0" or "\"\"" or "false";

    private static GoVar? LastField(Loc l) =>
        l.Steps.Count > 0 && l.Steps[^1] is { Kind: StepKind.Field, Field: { } f } ? f.Origin : null;

}
