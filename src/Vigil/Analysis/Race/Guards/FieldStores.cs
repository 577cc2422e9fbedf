using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Every store into a struct field in the loaded program, by the field's origin: the program-wide facts of the guards
/// that trust how a field is written (set once, only cleared, a try-lock flag, fixed at construction) are folds over it.
/// </summary>
internal static class FieldStores
{
    public enum StoreKind { Assign, IncDec, AddressOf }

    /// <summary>
    /// A store into <paramref name="Field"/>: target <paramref name="Index"/> of an assignment, an increment, or its
    /// address taken (whatever receives the address may store anything).
    /// </summary>
    public readonly record struct Store(GoVar Field, StoreKind Kind, Node At, int Index, TypeInfo Info)
    {
        public AssignStmt? Assign => At as AssignStmt;

        /// <summary>The value a plain <c>=</c> with as many values as targets stores; null for anything else.</summary>
        public Expr? Value => At is AssignStmt { Tok: Token.Assign } a && a.Lhs.Count == a.Rhs.Count ? a.Rhs[Index] : null;
    }

    /// <summary>Calls <paramref name="visit"/> on each store, in source order (increments only when asked for).</summary>
    public static void ForEach(GoProgram program, Action<Store> visit, bool incDec = false)
    {
        foreach (var pkg in program.Packages) ForEach(pkg, visit, incDec);
    }

    /// <summary>The stores one package's code makes (what it exports as facts for its dependents' folds: Facts/RaceFieldFacts.cs).</summary>
    public static void ForEach(Package pkg, Action<Store> visit, bool incDec = false)
    {
        foreach (var file in pkg.Files)
        {
            var info = pkg.Info;
            SyntaxScan.ForEach(file.Syntax, n =>
            {
                switch (n)
                {
                    case AssignStmt a:
                        for (int i = 0; i < a.Lhs.Count; i++)
                            if (FieldOf(a.Lhs[i], info) is { } f) visit(new Store(f, StoreKind.Assign, a, i, info));
                        break;
                    case IncDecStmt d when incDec && FieldOf(d.X, info) is { } f:
                        visit(new Store(f, StoreKind.IncDec, d, 0, info));
                        break;
                    case UnaryExpr { Op: Token.And } u when FieldOf(u.X, info) is { } f:
                        visit(new Store(f, StoreKind.AddressOf, u, 0, info));
                        break;
                }
            });
        }
    }

    /// <summary>The field (its origin) a selector expression names, through parentheses; null for anything else.</summary>
    public static GoVar? FieldOf(Expr? e, TypeInfo info)
    {
        while (e is ParenExpr p) e = p.X;
        return e is SelectorExpr s && info.SelectionOf(s) is { Kind: SelectionKind.FieldVal, Obj: GoVar { IsField: true } f } ? f.Origin : null;
    }
}
