using Vigil.Semantics;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Values of type-parameter type. Their zero value is nil only when every type in
/// the constraint's type set is a nilable kind (`[T ~*int | ~chan int]`): with a
/// constraint like `[T fmt.Stringer]` or `[T any]` the type argument may be a
/// struct or an int, whose zero value is not nil. A method called on such a value
/// is never by itself a nil dereference: the type argument may be a non-pointer,
/// or a pointer (or channel, map...) whose method handles a nil receiver.
/// </summary>
internal static class TypeParams
{
    public static bool IsTypeParam(GoType? t) => t?.Unalias() is GoTypeParam;

    /// <summary>For a type parameter: true when every type of its type set has a nil zero value (pointer, map, channel, function).</summary>
    public static bool AllNilable(GoTypeParam tp) => RestrictsToNilable(tp.Constraint.Underlying, depth: 0);

    /// <summary>For a type parameter: true when every type of its type set is a pointer (`[T *int]`; `*x` compiles only then).</summary>
    public static bool AllPointers(GoTypeParam tp) => Restricts(tp.Constraint.Underlying, t => t.Underlying is GoPointer, 0);

    private static bool RestrictsToNilable(GoType constraint, int depth) =>
        Restricts(constraint, t => t.Underlying is GoPointer or GoMap or GoChan or GoSignature, depth);

    // A type set is the intersection of its embedded elements: one element whose
    // terms all satisfy the predicate restricts the whole set to them.
    private static bool Restricts(GoType constraint, Func<GoType, bool> pred, int depth)
    {
        if (depth > 8 || constraint is not GoInterface iface) return false;
        foreach (var e in iface.Embeddeds)
        {
            switch (e.Unalias())
            {
                case GoUnion u when u.Terms.Count > 0 && u.Terms.All(term => pred(term.Type)):
                    return true;
                case GoUnion:
                    continue;
                case var t when t.Underlying is GoInterface inner:
                    if (Restricts(inner, pred, depth + 1)) return true;
                    continue;
                case var t when pred(t):
                    return true;
            }
        }
        return false;
    }
}
