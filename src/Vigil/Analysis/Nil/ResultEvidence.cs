using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Nil results that are believed at every caller without a caller's nil check (the default
/// evidence level otherwise asks for one: see docs/checks/nil.md, "Evidence levels"), because
/// the callee itself says the nil is a normal outcome:
/// <list type="bullet">
/// <item>it compared the value with nil and returned it on that branch all the same
/// (`m := s.msgs[k]; if m == nil { log("not found") }; return m`): the function knows the
/// value can be nil there and hands it over (<see cref="Fact.SelfChecked"/>);</item>
/// <item>a `(T, error)` function returns a nil T with a nil error and its doc comment speaks of
/// nil (`// nil is returned when the target list is empty`): a documented `(nil, nil)`, which
/// an error check does not catch.</item>
/// </list>
/// Both only for the shapes they name: a function with one result, and a `(T, error)` pair. A
/// function with more results can say the nil with another one (runtime's `findObject` returns
/// `base == 0` with its nil span; `http.send`'s nil `didTimeout` comes with a nil error, and its
/// caller calls it only when the error is not nil): those correlations are not tracked.
/// </summary>
internal static class ResultEvidence
{
    public static bool Believed(NilWorld world, GoFunc callee, FunctionSummary summary, int i, bool errorLast) =>
        (summary.ResultSelfChecked[i] && summary.Results.Length == 1)
        || (errorLast && i == 0 && summary.Results.Length == 2 && summary.ResultNilWithNilError[i] && world.DocumentsNil(callee));

    /// <summary>
    /// A returned variable the function gives one value only (its definition): "checked, then
    /// returned" holds for it. A variable assigned again (`var b *T; b = pop(); if b == nil { for ... { b = next } }`)
    /// reaches the return nil only on paths the check cannot tell from impossible ones (a loop that
    /// runs at least once), so its nil comparison is no evidence.
    /// </summary>
    public static bool AssignedOnce(Node function, GoVar v, TypeInfo info)
    {
        int assignments = 0;
        foreach (var n in function.Descendants())
        {
            switch (n)
            {
                case AssignStmt a:
                    foreach (var l in a.Lhs)
                        if (l is Ident id && info.ObjectOf(id) == v) assignments++;
                    break;
                case ValueSpec vs when vs.Values.Count > 0:
                    foreach (var nm in vs.Names)
                        if (info.DefOf(nm) == v) assignments++;
                    break;
                case UnaryExpr { Op: Token.And, X: Ident id } when info.ObjectOf(id) == v:
                    return false; // its address is taken: anything may assign it
            }
            if (assignments > 1) return false;
        }
        return true;
    }
}
