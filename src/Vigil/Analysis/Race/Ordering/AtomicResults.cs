using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// What the result of a sync/atomic operation says about the value it found in the word, by the documented meaning
/// of each operation (package sync/atomic): <c>Load</c>, <c>Swap</c>, <c>And</c>, <c>Or</c> return the old value;
/// <c>Add</c> returns the old value plus the delta; <c>CompareAndSwap</c> returns true exactly when the word held
/// <c>old</c>. The word starts at zero, so an old value other than zero was put there by a store.
/// </summary>
internal static class AtomicResults
{
    /// <summary>
    /// The result of <paramref name="atom"/> standing in relation <paramref name="op"/> to the constant <paramref name="k"/>
    /// (result op k; booleans as 1 and 0) implies that the word held a value other than zero.
    /// </summary>
    public static bool ImpliesStore(CallExpr atom, Token op, long k)
    {
        var name = atom.Fun switch { SelectorExpr { Sel: { } s } => s.Name, Ident id => id.Name, _ => null };
        if (name is null) return false;
        var info = atom.SourceFile.Package.Info;
        if (name.StartsWith("CompareAndSwap", StringComparison.Ordinal))
        {
            // The function takes the address first (three arguments); the method of an atomic type does not.
            int at = atom.Args.Count == 3 ? 1 : 0;
            if (atom.Args.Count <= at || Number(atom.Args[at], info) is not { } old) return false;
            bool? swapped = (op, k) switch
            {
                (Token.Eql, 1) or (Token.Neq, 0) => true,
                (Token.Eql, 0) or (Token.Neq, 1) => false,
                _ => null,
            };
            // Swapped: the word held old. Not swapped: it held something else than old.
            return swapped switch { true => old != 0, false => old == 0, null => false };
        }
        long delta;
        if (name.StartsWith("Add", StringComparison.Ordinal))
        {
            int at = atom.Args.Count == 2 ? 1 : 0;
            if (atom.Args.Count <= at || Number(atom.Args[at], info) is not { } d) return false;
            delta = d;
        }
        else if (name.StartsWith("Load", StringComparison.Ordinal) || name.StartsWith("Swap", StringComparison.Ordinal)
                 || name.StartsWith("And", StringComparison.Ordinal) || name.StartsWith("Or", StringComparison.Ordinal))
            delta = 0;
        else
            return false;
        // The result is old + delta: the word held something other than zero exactly when the result is not delta.
        return op switch
        {
            Token.Eql => k != delta,
            Token.Neq => k == delta,
            Token.Lss => k <= delta,
            Token.Leq => k < delta,
            Token.Gtr => k >= delta,
            Token.Geq => k > delta,
            _ => false,
        };
    }

    /// <summary>
    /// The word <paramref name="atom"/> works on does not start with a value set at its declaration: a local declared
    /// with an initializer other than zero (<c>n := int32(b.N)</c>, then <c>atomic.AddInt32(&amp;n, -1)</c>) may already
    /// hold what the check looks for. Other words (fields, package variables, <c>var n atomic.Int32</c>) are taken to
    /// start at zero; a plain write in either goroutine is checked where the events are (<c>HappensBefore.SawStore</c>).
    /// </summary>
    public static bool StartsAtZero(CallExpr atom)
    {
        var info = atom.SourceFile.Package.Info;
        Expr? word = atom.Fun is SelectorExpr { X: { } recv } sel && info.SelectionOf(sel) != null ? recv
            : atom.Args.Count > 0 && Unparen(atom.Args[0]) is UnaryExpr { Op: Token.And } addr ? addr.X : null;
        if (word is null || Unparen(word) is not Ident id || info.UseOf(id) is not Vigil.Semantics.GoVar v || v.IsPackageLevel) return true;
        Node? fn = atom.Parent;
        for (Node? x = atom.Parent; x != null; x = x.Parent) if (x is FuncDecl or FuncLit) fn = x;
        if (fn is null) return true;
        foreach (var n in fn.Descendants())
        {
            if (n is not Ident d || d.Name != v.Name || info.DefOf(d) != v) continue;
            var init = d.Parent switch
            {
                ValueSpec vs when vs.Names.Count == vs.Values.Count => vs.Values[IndexOf(vs.Names, d)],
                AssignStmt { Tok: Token.Define } a when a.Lhs.Count == a.Rhs.Count => a.Rhs[IndexOf(a.Lhs, d)],
                _ => null,
            };
            return init is null || Number(init, info) == 0;
        }
        return true;
    }

    /// <summary>
    /// <c>result == p</c> with <paramref name="p"/> never nil (<c>&amp;y</c>, <c>new(T)</c>, a conversion of one, or a
    /// local initialized so and never assigned again) implies a stored value, for the operations that return the old
    /// value (<c>for atomic.LoadPointer(&amp;s) != p {}</c>).
    /// </summary>
    public static bool EqualsNeverNil(CallExpr atom, Expr p)
    {
        var name = atom.Fun switch { SelectorExpr { Sel: { } s } => s.Name, Ident id => id.Name, _ => null };
        if (name is null || !(name.StartsWith("Load", StringComparison.Ordinal) || name.StartsWith("Swap", StringComparison.Ordinal))) return false;
        return NeverNil(p, true);
    }

    private static bool NeverNil(Expr e, bool followLocal)
    {
        var info = e.SourceFile.Package.Info;
        var x = Unparen(e)!;
        while (x is CallExpr { Args.Count: 1 } conv && conv.Fun != null && info.IsType(conv.Fun)) x = Unparen(conv.Args[0])!;
        switch (x)
        {
            case UnaryExpr { Op: Token.And }:
                return true;
            case CallExpr { Fun: Ident { Name: "new" } } c when Flow.Callees.Builtin(c, info) != null:
                return true;
            case Ident id when followLocal && info.UseOf(id) is Vigil.Semantics.GoVar v && !v.IsPackageLevel:
                return InitializedNeverNil(id, v, info);
            default:
                return false;
        }
    }

    /// <summary>The local <paramref name="v"/> is declared with a never-nil value and never assigned or addressed after.</summary>
    private static bool InitializedNeverNil(Ident use, Vigil.Semantics.GoVar v, Vigil.Loading.TypeInfo info)
    {
        Node? fn = use.Parent;
        while (fn != null && fn is not (FuncDecl or FuncLit)) fn = fn.Parent;
        if (fn is null) return false;
        Expr? init = null;
        foreach (var n in fn.Descendants())
        {
            if (n is not Ident id || id.Name != v.Name) continue;
            if (info.DefOf(id) == v)
            {
                init = id.Parent switch
                {
                    ValueSpec vs when vs.Names.Count == vs.Values.Count => vs.Values[IndexOf(vs.Names, id)],
                    AssignStmt { Tok: Token.Define } a when a.Lhs.Count == a.Rhs.Count => a.Rhs[IndexOf(a.Lhs, id)],
                    _ => null,
                };
                if (init is null) return false;
            }
            else if (info.UseOf(id) == v && (id.Parent is AssignStmt a && a.Lhs.Contains(id) || id.Parent is UnaryExpr { Op: Token.And }))
                return false;
        }
        return init != null && NeverNil(init, false);
    }

    private static int IndexOf<T>(IReadOnlyList<T> list, T item) where T : class
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == item) return i;
        return -1;
    }

    private static long? Number(Expr e, Vigil.Loading.TypeInfo info)
    {
        var x = Unparen(e)!;
        if (info.IsNilLiteral(x)) return 0;
        return info.ConstValue(x) switch
        {
            null => null,
            "true" => 1,
            "false" => 0,
            var k => long.TryParse(k, out var n) ? n : null,
        };
    }
}
