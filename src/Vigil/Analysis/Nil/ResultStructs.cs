using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Result structs: the `(value, error)` contract held in a struct (`type partOnChannel struct {
/// Data *partMetadata; Err error }`), as channel-based APIs send their results. When the program
/// builds such a struct with the error set and the value nil or left out (`partOnChannel{Data:
/// nil, Err: err}`), an element of that type received from a channel (`for p := range ch`,
/// `p := &lt;-ch`) has a value field that is nil whenever its error field is not: the value is
/// guarded by the error, as for `v, err := f()`. Test files build no such evidence.
/// </summary>
public sealed class ResultStructs
{
    // Per struct type key: per nilable field, the error field that comes set when it is nil, and the first literal that shows it.
    private readonly Dictionary<string, SortedDictionary<string, (GoVar Value, GoVar Error, Location At)>> pairs = new(StringComparer.Ordinal);

    public void Scan(Package pkg, Syntax.File file, bool isTest)
    {
        if (isTest) return;
        var info = pkg.Info;
        new Vigil.Flow.SyntaxWalk(n =>
        {
            if (n is not CompositeLit lit || lit.Elts.Count == 0 || lit.Elts[0] is not KeyValueExpr) return true;
            if (info.TypeOf(lit)?.Unalias() is not GoNamed { Underlying: GoStruct st } named) return true;
            var given = new Dictionary<int, Expr>();
            foreach (var e in lit.Elts)
                if (e is KeyValueExpr { Key: Ident k, Value: { } v } && info.UseOf(k) is GoVar { IsField: true } f) given[f.Origin.Id] = v;
            // A loop, not a lambda over `given`: capturing it would allocate a closure at every node of the walk.
            GoVar? err = null;
            int errCount = 0;
            foreach (var f in st.Fields)
                if (FunctionAnalysis.IsErrorType(f.Type) && given.TryGetValue(f.Origin.Id, out var ev) && !info.IsNilLiteral(Unparen(ev))) { err ??= f; errCount++; }
            if (errCount != 1) return true; // one error field, set to a value
            foreach (var f in st.Fields)
            {
                if (f == err || !FunctionAnalysis.NilableType(f.Type)) continue;
                if (given.TryGetValue(f.Origin.Id, out var fv) && !info.IsNilLiteral(Unparen(fv))) continue;
                var key = named.Origin.Obj.Key;
                lock (pairs)
                {
                    if (!pairs.TryGetValue(key, out var byField)) pairs[key] = byField = new(StringComparer.Ordinal);
                    byField.TryAdd(f.Origin.Key, (f.Origin, err!.Origin, lit.Location));
                }
            }
            return true;
        }).Walk(file);
    }

    /// <summary>The value fields of <paramref name="t"/> that are nil whenever its error field is set, with that error field and the literal that shows it.</summary>
    public IEnumerable<(GoVar Value, GoVar Error, Location At)> Of(GoType? t) =>
        t?.Unalias() is GoNamed named && pairs.TryGetValue(named.Origin.Obj.Key, out var byField) ? byField.Values : [];

}
