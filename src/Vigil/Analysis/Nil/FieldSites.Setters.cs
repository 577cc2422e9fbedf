using System.Collections.Immutable;
using Vigil.Findings;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Callbacks set only by a setter: a function or interface field that no code sets except
/// exported methods whose whole body stores a parameter into it
/// (`func (v *Viper) OnConfigChange(run func(Event)) { v.onConfigChange = run }`). No
/// constructor, literal or default gives it a value, so it is nil in every object whose user
/// did not call the setter; another exported method of the type that calls it (or a function
/// literal inside one, through the captured receiver: a watcher goroutine) without a check
/// panics for that user.
/// </summary>
public sealed partial class FieldSites
{
    // Per field: the first setter's store (non-test code); fields set any other way.
    private readonly Dictionary<string, RelatedLocation> setterStore = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> setters = new(StringComparer.Ordinal);
    private readonly HashSet<string> setOtherwise = new(StringComparer.Ordinal);
    // Functions that their own package calls with a value of its own (not a parameter passed on): a default.
    private readonly HashSet<string> calledWithValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> setterNames = new(StringComparer.Ordinal);

    private void ScanSetters(Package pkg, Syntax.File file, bool isTest)
    {
        var info = pkg.Info;
        new Vigil.Flow.SyntaxWalk(n =>
        {
            switch (n)
            {
                case AssignStmt a:
                    for (int i = 0; i < a.Lhs.Count; i++)
                    {
                        if (Unparen(a.Lhs[i]) is not SelectorExpr s || info.SelectionOf(s) is not { Kind: SelectionKind.FieldVal, Obj: GoVar { IsField: true } f }) continue;
                        var fn = Vigil.Flow.Cfg.FunctionGraphs.EnclosingFunction(a);
                        if (!isTest && fn is FuncDecl { Body.List: [var only], Type.Params: { } ps } decl && only == a && a.Lhs.Count == 1 && a.Rhs.Count == 1
                            && IsExported(decl) && ThroughReceiver(s, decl, info, pointer: true)
                            && Unparen(a.Rhs[0]) is Ident p && info.UseOf(p) is { } pv && ps.List.Any(fl => fl.Names.Any(nm => info.DefOf(nm) == pv))
                            && decl.Name is { } name && info.DefOf(name) is GoFunc setter)
                        {
                            var at = new RelatedLocation(a.Location, $"field {FieldName(f.Origin)} is set only by {FunctionName(decl, info)}: nil until its user calls it");
                            if (!setterStore.TryGetValue(f.Origin.Key, out var old) || Before([at], [old])) setterStore[f.Origin.Key] = at;
                            if (!setters.TryGetValue(f.Origin.Key, out var set)) setters[f.Origin.Key] = set = new(StringComparer.Ordinal);
                            set.Add(setter.Origin.Key);
                            if (!setterNames.TryGetValue(f.Origin.Key, out var names)) setterNames[f.Origin.Key] = names = new(StringComparer.Ordinal);
                            names.Add(setter.Name);
                        }
                        else setOtherwise.Add(f.Origin.Key);
                    }
                    break;
                case KeyValueExpr { Key: Ident key, Value: { } value } when n.Parent is CompositeLit && info.UseOf(key) is GoVar { IsField: true } kf
                        && !info.IsNilLiteral(Unparen(value)):
                    setOtherwise.Add(kf.Origin.Key);
                    break;
                // By the method's name: a call through an interface (`if w, ok := plan.(NextSetter); ok {
                // w.SetNext(next) }`) reaches the setter too.
                case CallExpr { Fun: SelectorExpr cs, Args: [var arg] } when !isTest && info.SelectionOf(cs) is { Kind: SelectionKind.MethodVal, Obj: GoFunc called }
                        && called.Package?.Path == pkg.Path && !ForwardsUsersValue(cs, Unparen(arg), info):
                    calledWithValue.Add(pkg.Path + "." + called.Name);
                    break;
                case CompositeLit { Elts: [_, ..] elts } lit when elts[0] is not KeyValueExpr
                        && info.TypeOf(lit)?.Underlying is GoStruct st:
                    foreach (var sf in st.Fields) setOtherwise.Add(sf.Origin.Key); // positional: every field given
                    break;
            }
            return true;
        }).Walk(file);
    }

    /// <summary>
    /// The flow of the nil of a callback field set only by setters, read in
    /// <paramref name="scope"/> (the reading function, or the method around a function
    /// literal); null when the field is not one, or the scope calls a setter or compares the
    /// field with nil itself.
    /// </summary>
    public ImmutableList<RelatedLocation>? SetterOnlyNil(GoVar field, FuncDecl scope, TypeInfo info)
    {
        var f = field.Origin;
        if (f.Type?.Underlying is not (GoSignature or GoInterface) || setOtherwise.Contains(f.Key) || addressTaken.Contains(f.Key)
            || !setterStore.TryGetValue(f.Key, out var at)) return null;
        var mine = setters[f.Key];
        if (setterNames[f.Key].Any(name => calledWithValue.Contains(f.Package?.Path + "." + name))) return null; // the package sets a value itself (a default in Init, a plan chain)
        bool handles = false;
        new Vigil.Flow.SyntaxWalk(n =>
        {
            if (handles) return false;
            switch (n)
            {
                case CallExpr { Fun: SelectorExpr cs } when info.SelectionOf(cs) is { Obj: GoFunc called } && mine.Contains(called.Origin.Key):
                case BinaryExpr { Op: Token.Eql or Token.Neq, X: SelectorExpr or ParenExpr, Y: { } } b when Compares(b, f, info):
                case BinaryExpr { Op: Token.Eql or Token.Neq, Y: SelectorExpr or ParenExpr } b2 when Compares(b2, f, info):
                    handles = true;
                    return false;
            }
            return true;
        }).Walk(scope);
        return handles ? null : ImmutableList.Create(at);
    }

    /// <summary>An exported function passing its own parameter on (`func OnConfigChange(run) { v.OnConfigChange(run) }`): the user's value, not the package's.</summary>
    private static bool ForwardsUsersValue(Node call, Expr arg, TypeInfo info) =>
        IsParameter(arg, info) && Vigil.Flow.Cfg.FunctionGraphs.EnclosingFunction(call) is FuncDecl d && IsExported(d);

    private static bool IsParameter(Expr e, TypeInfo info) =>
        e is Ident id && info.UseOf(id) is GoVar { IsField: false } v && Vigil.Flow.Cfg.FunctionGraphs.EnclosingFunction(id) is { } fn
        && (fn switch { FuncDecl d => d.Type, FuncLit l => l.Type, _ => null })?.Params?.List.Any(fl => fl.Names.Any(nm => info.DefOf(nm) == v)) == true;

    private static bool Compares(BinaryExpr b, GoVar field, TypeInfo info)
    {
        var x = info.IsNilLiteral(Unparen(b.Y!)) ? Unparen(b.X!) : info.IsNilLiteral(Unparen(b.X!)) ? Unparen(b.Y!) : null;
        return x is SelectorExpr s && info.SelectionOf(s) is { Obj: GoVar v } && v.Origin == field;
    }

    private IEnumerable<string> DescribeSetters()
    {
        foreach (var (f, at) in setterStore.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            yield return $"setter {f} {at.Location} {string.Join(",", setters[f].Order(StringComparer.Ordinal))}";
        foreach (var f in setOtherwise.Order(StringComparer.Ordinal)) yield return "set-otherwise " + f;
        foreach (var f in calledWithValue.Order(StringComparer.Ordinal)) yield return "called-with-value " + f;
    }
}
