using System.Collections.Immutable;
using Vigil.Findings;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Nil passed to callbacks: a call through a function value whose type is a named function type
/// (`type ErrHandler func(*Conn, *Subscription, error)`) or a function-typed struct field
/// (`nc.Opts.AsyncErrorCB(nc, nil, err)`) with a literal `nil` argument gives that nil to every
/// function literal the program stores as such a value (passed to a parameter of that type,
/// assigned to that field or a variable of that type, given in a composite literal). The literal's
/// parameter then starts nil on that path, with the call as its source: the program shows that
/// the nil is passed.
/// <para>
/// When the same call passes a non-nil error beside the nil (`walkFn(path, nil, err)`), the nil
/// parameter is guarded by the literal's error parameter, as a `(value, error)` result is: using
/// it after `if err != nil { return }` is fine. Test files pass no nils (their inputs are their own).
/// </para>
/// </summary>
public sealed class CallbackNils
{
    // Per callback key (named type or field): per parameter index, the first nil call found, and
    // the index of the error parameter that a non-nil error argument of that call fills (or -1).
    private readonly Dictionary<string, SortedDictionary<int, (Location At, string Via, int ErrorParam)>> nils = new(StringComparer.Ordinal);

    /// <summary>The key of a callback type: a named function type.</summary>
    internal static string? NamedKey(GoType? t) =>
        t is GoNamed { Underlying: GoSignature } n ? "type:" + n.Origin.Obj.Key : null;

    /// <summary>The key of a function-typed field.</summary>
    internal static string FieldKey(GoVar f) => "field:" + f.Origin.Key;

    /// <summary>Records the calls of one file that pass a literal nil through a callback value.</summary>
    public void Scan(Package pkg, Syntax.File file, bool isTest)
    {
        if (isTest) return;
        var info = pkg.Info;
        new Vigil.Flow.SyntaxWalk(n =>
        {
            if (n is not CallExpr call || call.Args.Count == 0) return true;
            var fun = Unparen(call.Fun!);
            if (info.TypeOf(fun)?.Underlying is not GoSignature sig || sig.Variadic) return true;
            var keys = new List<string>();
            if (NamedKey(info.TypeOf(fun)) is { } nk) keys.Add(nk);
            if (fun is SelectorExpr sel && info.SelectionOf(sel) is { Kind: SelectionKind.FieldVal, Obj: GoVar { IsField: true } f }) keys.Add(FieldKey(f));
            if (keys.Count == 0) return true;
            int errorParam = -1;
            for (int i = 0; i < call.Args.Count && i < sig.Params.Count; i++)
                if (FunctionAnalysis.IsErrorType(sig.Params[i].Type) && !info.IsNilLiteral(Unparen(call.Args[i]))) errorParam = i;
            for (int i = 0; i < call.Args.Count && i < sig.Params.Count; i++)
            {
                if (!info.IsNilLiteral(Unparen(call.Args[i])) || FunctionAnalysis.IsErrorType(sig.Params[i].Type)) continue;
                foreach (var k in keys)
                {
                    lock (nils)
                    {
                        if (!nils.TryGetValue(k, out var byParam)) nils[k] = byParam = [];
                        if (!byParam.TryGetValue(i, out var old) || Earlier(call.Args[i].Location, old.At))
                            byParam[i] = (call.Args[i].Location, ExprText.Of(call), errorParam);
                    }
                }
            }
            return true;
        }).Walk(file);
    }

    private static bool Earlier(Location a, Location b) =>
        string.CompareOrdinal(a.Path, b.Path) is var c && (c < 0 || (c == 0 && a.Offset < b.Offset));

    /// <summary>
    /// For a function literal: the nils some call passes to its parameters, by parameter index
    /// (with the error parameter that guards each, or -1), when the program stores the literal
    /// as a callback value that such calls go through.
    /// </summary>
    public IReadOnlyList<(int Param, ImmutableList<RelatedLocation> Trace, int ErrorParam)> For(FuncLit lit, TypeInfo info)
    {
        var found = new List<(int, ImmutableList<RelatedLocation>, int)>();
        if (nils.Count == 0) return found;
        foreach (var key in KeysOf(lit, info))
            if (nils.TryGetValue(key, out var byParam))
                foreach (var (i, (at, via, errorParam)) in byParam)
                    if (!found.Any(x => x.Item1 == i))
                        found.Add((i, ImmutableList.Create(new RelatedLocation(at, $"nil passed by the call {via}"),
                            new RelatedLocation(lit.Location, $"to this function, stored as {Describe(key)}")), errorParam));
        return found;
    }

    private static string Describe(string key) =>
        key.StartsWith("type:", StringComparison.Ordinal) ? "type " + key[(key.LastIndexOf('.') + 1)..] : "field " + key[(key.LastIndexOf('.') + 1)..];

    /// <summary>The callback keys under which the program stores this literal: where it is passed, assigned or given.</summary>
    private static IEnumerable<string> KeysOf(FuncLit lit, TypeInfo info)
    {
        Node child = lit;
        var p = lit.Parent;
        while (p is ParenExpr) { child = p; p = p.Parent; }
        switch (p)
        {
            case CallExpr call when call.Args.Contains(child):
                {
                    // A parameter of a named function type, or a conversion to one.
                    if (NamedKey(info.TypeOf(call)) is { } conv && call.Args.Count == 1) { yield return conv; break; }
                    if (info.TypeOf(Unparen(call.Fun!))?.Underlying is GoSignature sig)
                    {
                        int i = IndexOf(call.Args, child);
                        var pt = i < sig.Params.Count ? sig.Params[i].Type : null;
                        if (sig.Variadic && i >= sig.Params.Count - 1) pt = null;
                        if (NamedKey(pt) is { } k) yield return k;
                    }
                    break;
                }
            case AssignStmt a when a.Rhs.Count == a.Lhs.Count && a.Rhs.Contains(child):
                {
                    var l = Unparen(a.Lhs[IndexOf(a.Rhs, child)]);
                    if (NamedKey(info.TypeOf(l)) is { } k) yield return k;
                    if (l is SelectorExpr sel && info.SelectionOf(sel) is { Kind: SelectionKind.FieldVal, Obj: GoVar { IsField: true } f }) yield return FieldKey(f);
                    break;
                }
            case KeyValueExpr kv when kv.Value == child:
                {
                    if (kv.Key is Ident key && info.UseOf(key) is GoVar { IsField: true } f)
                    {
                        yield return FieldKey(f);
                        if (NamedKey(f.Type) is { } k) yield return k;
                    }
                    break;
                }
            case ValueSpec vs when vs.Values.Contains(child) && vs.Names.Count == vs.Values.Count:
                {
                    if (info.DefOf(vs.Names[IndexOf(vs.Values, child)]) is GoVar v && NamedKey(v.Type) is { } k) yield return k;
                    break;
                }
        }
    }

    private static int IndexOf<T>(IReadOnlyList<T> list, Node n) where T : Node
    {
        for (int i = 0; i < list.Count; i++) if (list[i] == n) return i;
        return -1;
    }

}
