using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Modes fixed at construction: a goroutine started only in one mode, an access made only in the other.
///
/// <code>
/// func WriterConcurrency(n int) WriterOption { return func(w *Writer) error { w.concurrency = n; return nil } }
/// func (w *Writer) Reset(dst io.Writer) {
///     if w.concurrency == 1 { return }     // the synchronous mode starts no goroutine
///     go func() { ... w.written += n ... }()
/// }
/// func (w *Writer) AddBlock(b []byte) {
///     if w.concurrency == 1 { w.written += len(b) } // only in the synchronous mode
/// }
/// </code>
///
/// The go statement runs only when <c>x.f != K</c> (after <c>if x.f == K { ...; return }</c> in its function, or inside
/// <c>if x.f != K { }</c>), and the other access only when <c>x.f == K</c> (a call or statement on its path inside
/// <c>if x.f == K { }</c>, or after <c>if x.f != K { ...; return }</c>), or the other way round; K is a constant. The
/// field must be a mode fixed when the value is built: no method (of any type) assigns it and its address is never
/// taken, so it is set only by constructors and option functions before the value is shared, and both sides see the
/// same mode.
/// </summary>
internal sealed class ConstructionModes
{
    /// <summary>Fields some method assigns, or whose address is taken.</summary>
    private readonly HashSet<GoVar> changed = new();

    private ConstructionModes(GoProgram program)
    {
        // A method's assignment or increment changes the mode; an address taken may change it anywhere.
        FieldStores.ForEach(program, s =>
        {
            if (s.Kind == FieldStores.StoreKind.AddressOf || InMethod(s.At)) changed.Add(s.Field);
        }, incDec: true);
    }

    public static ConstructionModes For(Pass pass) => pass.Cache.Get("race.constructionmodes", () => new ConstructionModes(pass.Program));

    public bool RulesOut(RacePair pair) => Exclusive(pair.A, pair.B) || Exclusive(pair.B, pair.A);

    private bool Exclusive(Side g, Side other)
    {
        if (g.Spawn is not { } sp) return false;
        var start = Modes(sp.Start).ToList();
        if (start.Count == 0) return false;
        var access = other.Access.Path.SelectMany(Modes).ToList();
        return start.Any(s => access.Any(a => a.Field == s.Field && a.Value == s.Value && a.Equal != s.Equal));
    }

    /// <summary>What the conditions around <paramref name="n"/> say about mode fields: <c>x.f == K</c> (Equal) or <c>!=</c>.</summary>
    private IEnumerable<(GoVar Field, string Value, bool Equal)> Modes(Node n)
    {
        var info = n.SourceFile.Package.Info;
        for (Node prev = n, x = n.Parent!; x != null && prev is not FuncDecl; prev = x, x = x.Parent!)
        {
            if (x is IfStmt i && i.Body == prev && Test(i.Cond, info) is { } t) yield return t;
            if (x is BlockStmt b)
                foreach (var s in b.List)
                {
                    if (s == prev) break;
                    if (s is IfStmt { Init: null, Else: null, Body.List: [.., ReturnStmt], Cond: var c } && Test(c, info) is { } r)
                        yield return (r.Field, r.Value, !r.Equal);
                }
        }
    }

    /// <summary><c>x.f == K</c> or <c>x.f != K</c>, f a mode field, K a constant.</summary>
    private (GoVar Field, string Value, bool Equal)? Test(Expr? cond, TypeInfo info)
    {
        while (cond is ParenExpr p) cond = p.X;
        if (cond is not BinaryExpr { Op: Token.Eql or Token.Neq, X: { } l, Y: { } r } b) return null;
        if (FieldStores.FieldOf(l, info) is not { } f || info.ConstValue(r) is not { } k)
        {
            if (FieldStores.FieldOf(r, info) is not { } f2 || info.ConstValue(l) is not { } k2) return null;
            (f, k) = (f2, k2);
        }
        return changed.Contains(f) ? null : (f, k, b.Op == Token.Eql);
    }

    private static bool InMethod(Node n)
    {
        FuncDecl? outer = null;
        for (var x = n.Parent; x != null; x = x.Parent)
            if (x is FuncDecl d) outer = d;
        return outer?.Recv != null;
    }

}
