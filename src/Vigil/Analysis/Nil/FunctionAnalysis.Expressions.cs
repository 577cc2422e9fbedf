using System.Collections.Immutable;
using Vigil.Findings;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

// Expressions: their nilness, and the uses among them that panic on nil.
public sealed partial class FunctionAnalysis
{
    private Fact Eval(Expr? e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a clear, catchable error on a small stack, not a crash (docs/limits.md)
        switch (e)
        {
            case null: return Fact.NonNil;
            case Ident id:
                if (info.IsNilLiteral(id)) return Fact.Source(id.Location, "literal nil");
                if (info.UseOf(id) is GoVar v && Tracked(v)) return S.Get(Key(v));
                return Fact.NonNil;
            case ParenExpr p: return Eval(p.X);
            case SelectorExpr s: return Selector(s);
            case StarExpr st:
                {
                    if (info.IsType(st)) return Fact.NonNil;
                    var xf = Eval(st.X);
                    Sink(st.X!, xf, st, "nil pointer dereferenced");
                    return Fact.NonNil;
                }
            case CallExpr c: return EvalCall(c, deferred: false)[0].Fact;
            case IndexExpr ix: return Index(ix);
            case IndexListExpr: return Fact.NonNil;
            case SliceExpr sl:
                {
                    var xf = Eval(sl.X);
                    Eval(sl.Low); Eval(sl.High); Eval(sl.Max);
                    // Slicing a nil slice is a bounds question, not a nil panic; slicing a
                    // nil pointer to array (`p[:]`) dereferences it.
                    if (info.TypeOf(sl.X!)?.Underlying is GoPointer) Sink(sl.X!, xf, sl, "slice of nil pointer to array");
                    return Fact.NonNil;
                }
            case TypeAssertExpr ta:
                {
                    // x.(T) without comma-ok panics when x is a nil interface (the comma-ok forms
                    // are evaluated by EvalCommaOkOperand; a type switch's guard never gets here).
                    var xf = Eval(ta.X);
                    if (ta.Type is not null && !InCommaOk(ta)) Sink(ta.X!, xf, ta, $"type assertion to {TypeString.Of(info.TypeOf(ta), pkg.Types)}");
                    return Fact.NonNil;
                }
            case UnaryExpr { Op: Token.Arrow } u: return Receive(u);
            case UnaryExpr { Op: Token.And } addr: Eval(addr.X); return Fact.Allocated; // &v, &T{}
            case UnaryExpr u: Eval(u.X); return Fact.NonNil;
            case BinaryExpr { Op: Token.LAnd or Token.LOr }:
                EvalCondition(e); // outside a branch (`ok := p != nil && p.ok`): short-circuit as in a branch
                return Fact.NonNil;
            case BinaryExpr b: Eval(b.X); Eval(b.Y); return Fact.NonNil;
            case CompositeLit cl:
                foreach (var el in cl.Elts) Eval(el is KeyValueExpr kv ? kv.Value : el);
                return Fact.Allocated; // a map literal is never nil
            case KeyValueExpr kv2: return Eval(kv2.Value);
            case FuncLit: return Fact.Allocated; // analyzed on its own
            default: return Fact.NonNil;
        }
    }

    private Fact Selector(SelectorExpr s)
    {
        var sel = info.SelectionOf(s);
        if (sel is null)
        {
            // A qualified identifier: pkg.Name.
            if (info.UseOf(s.Sel!) is GoVar g && StdKnowledge.Lookup(g.Key) == StdKnowledge.Kind.Nilable)
                return Fact.Source(s.Location, $"{ExprText.Of(s)} can be nil");
            return Fact.NonNil;
        }
        switch (sel.Kind)
        {
            case SelectionKind.FieldVal:
                EvalSelectorBase(s);
                return FieldFact(s, sel, S);
            case SelectionKind.MethodVal:
                {
                    var xf = Eval(s.X);
                    if (info.TypeOf(s.X!)?.Underlying is GoInterface && !TypeParams.IsTypeParam(info.TypeOf(s.X!))) Sink(s.X!, xf, s, $"method value {s.Sel!.Name} taken from it");
                    return Fact.NonNil;
                }
            default: return Fact.NonNil;
        }
    }

    /// <summary>The nilness of a field read x.f in a state (without evaluating x).</summary>
    private Fact FieldFact(SelectorExpr s, Selection sel, FlowState state)
    {
        var p = PathOf(s);
        if (p is not null && state.Get(p) is { Kind: not Nilness.NonNil } known) return known;
        if (p is not null && state.Get(p).IsChecked) return Fact.NonNil;
        if (sel.Obj is GoVar f && StdKnowledge.Lookup(f.Origin.Key) == StdKnowledge.Kind.Nilable && !StdFieldNilFromOutsideTest()
            && !(PathOf(s.X) is { } bp && state.Get(bp + FlowState.Touched).IsChecked)
            && !(s.X is CallExpr { Args.Count: 0 } && SameCallCheckedNonNil(s)))
            return Fact.Source(s.Location, $"field {f.Name} of {TypeString.Of(f.Owner!, null)} can be nil");
        // A field another function stores nil into, or a constructor leaves unset: nil here
        // unless this function checked or set it (the state knows), or called a method on its
        // owner first (which may have set it).
        // A callback only a setter sets (FieldSites.Setters.cs): read through the receiver of an
        // exported method, or of the method around a function literal (which tracks no captured variable).
        // An exported field (users may set it directly too) is also read in any function of its package.
        if (sel.Obj is GoVar { IsField: true } callback && !root.SourceFile.IsTest && EnclosingDecl() is { } scope
            && ((scope.Recv is not null && FieldSites.IsExported(scope) && FieldSites.ThroughReceiver(s, scope, info, pointer: true))
                || (callback.Exported && p is not null && root == scope && callback.Package?.Path == pkg.Path))
            && world.Fields.SetterOnlyNil(callback, scope, info) is { } setterFlow
            && !ExaminedByEnclosingCondition(s, s))
            return Fact.FromTrace(setterFlow).Then(s.Location, $"field {FieldSites.FieldName(callback.Origin)} read in {FuncName}");
        if (p is null || sel.Obj is not GoVar { IsField: true } field || root.SourceFile.IsTest) return Fact.NonNil;
        ConsultedFields.Add(field.Origin.Key);
        if (world.Fields.NilOf(field, root, FieldSites.ThroughReceiver(s, root, info)) is { } flow
            && !(PathOf(s.X) is { } owner && state.Get(owner + FlowState.Touched).IsChecked)
            && !ExaminedByEnclosingCondition(s, s)) // `if x.f.Len() > 0 { x.f.List }`
            return Fact.FromTrace(flow).Then(s.Location, $"field {FieldSites.FieldName(field.Origin)} read in {FuncName}")
                with { Origin = FieldSites.OriginOf(field) };
        return Fact.NonNil;
    }

    /// <summary>The declaration this function is, or the one around this function literal.</summary>
    private FuncDecl? EnclosingDecl()
    {
        for (Node? n = root; n is not null; n = n.Parent)
            if (n is FuncDecl fd) return fd;
        return null;
    }

    /// <summary>Evaluates x in x.f, and reports the dereference when x is a pointer.</summary>
    private void EvalSelectorBase(SelectorExpr s)
    {
        var sel = info.SelectionOf(s);
        if (sel is null || sel.Kind != SelectionKind.FieldVal) { Eval(s.X); return; }
        var xf = Eval(s.X);
        if (info.TypeOf(s.X!)?.Underlying is GoPointer)
            Sink(s.X!, xf, s.Sel!, $"field {s.Sel!.Name} accessed");
    }

    private Fact Index(IndexExpr ix)
    {
        var xt = info.TypeOf(ix.X!)?.Underlying;
        if (xt is GoSignature) return Fact.NonNil; // generic instantiation
        var xf = Eval(ix.X);
        Eval(ix.Index);
        if (xt is GoPointer) Sink(ix.X!, xf, ix, "index of nil pointer to array");
        if (xt is GoMap m && m.Elem.Underlying is GoPointer or GoSignature && !InCommaOk(ix))
            return Fact.Source(ix.Location, $"{ExprText.Of(ix)} is nil when the key is missing") with { Origin = UncheckedOrigin };
        return Fact.NonNil;
    }

    /// <summary>The suffix of the path that marks a channel closed on the paths that reach here.</summary>
    internal const string ClosedMark = ".#closed";

    private static bool InCommaOk(Expr e) => e.Parent is AssignStmt { Lhs.Count: 2, Rhs.Count: 1 } or ValueSpec { Names.Count: 2 };

    private Fact Receive(UnaryExpr u)
    {
        var ct = info.TypeOf(u.X!)?.Underlying as GoChan;
        Eval(u.X);
        var closedHere = PathOf(u.X) is { } chPath ? S.Get(chPath + ClosedMark) : Fact.NonNil;
        S = S.ForgetFields();
        if (ct is null || !NilableType(ct.Elem) || InCommaOk(u)) return Fact.NonNil;
        if (closedHere.IsNilable) // closed earlier on a path of this function
            return closedHere.Then(u.Location, "receive from the closed channel yields nil");
        Location? closedAt = null;
        switch (Unparen(u.X!))
        {
            case CallExpr c when CalleeOf(c) is { } callee && SummaryOf(callee) is { } sum && sum.ClosedChannelResults.Length > 0:
                closedAt = sum.ClosedChannelResults[0];
                break;
            case Ident id when info.UseOf(id) is GoVar v && closedChannels.Contains(v.Id):
                closedAt = closeSites.TryGetValue(v.Id, out var l) ? l : null;
                break;
            case SelectorExpr s when info.SelectionOf(s)?.Obj is GoVar f && world.Channels.Before(f, root) is { } fl:
                closedAt = fl;
                break;
        }
        if (closedAt is not { } at) return Fact.NonNil;
        return Fact.Source(at, "channel closed here, possibly before any send")
            .Then(u.Location, $"receive from the closed channel yields nil");
    }

    /// <summary>The functions whose summaries this analysis read: it needs to run again only when one of them changes.</summary>
    public HashSet<GoFunc> Consulted { get; } = [];

    /// <summary>The struct fields it read as program-wide sites (their keys): it runs again when one of those changes.</summary>
    public HashSet<string> ConsultedFields { get; } = new(StringComparer.Ordinal);

    private FunctionSummary? SummaryOf(GoFunc f)
    {
        Consulted.Add(world.WithBody(f));
        return world.SummaryOf(f);
    }

    /// <summary>The function a call statically calls (for methods, the declared method; for interfaces, the interface method).</summary>
    private GoFunc? CalleeOf(CallExpr call) => ArgumentFailures.CalleeOf(call, info);

    private bool IsNoReturn(CallExpr call)
    {
        var fun = Unparen(call.Fun!);
        if (fun is Ident { Name: "panic" } p && info.UseOf(p) is GoBuiltin) return true;
        var callee = CalleeOf(call);
        if (callee is null) return false;
        if (StdKnowledge.Lookup(callee.Origin.Key) is StdKnowledge.Kind.NoReturn or StdKnowledge.Kind.FailsTest) return true; // past a failure report the test has failed already
        if (Vigil.Flow.Cfg.NoReturnOracle.ClassifyKnown(callee.Origin) != Vigil.Flow.Cfg.NoReturnKind.Returns) return true; // logging libraries' Fatal/Panic
        return SummaryOf(callee)?.NoReturn == true;
    }

    private void EvalCommaOkOperand(Expr r)
    {
        switch (r)
        {
            case IndexExpr ix:
                var xf = Eval(ix.X);
                Eval(ix.Index);
                if (info.TypeOf(ix.X!)?.Underlying is GoPointer) Sink(ix.X!, xf, ix, "index of nil pointer to array");
                break;
            case TypeAssertExpr ta: Eval(ta.X); break;
            case UnaryExpr u: Eval(u.X); S = S.ForgetFields(); break;
        }
    }

    /// <summary>Evaluates a call: the callee's uses of nil receivers and arguments, and the nilness of each result.</summary>
    private List<(Fact Fact, bool Guarded)> EvalCall(CallExpr call, bool deferred) => EvalCallResults(call, -1, deferred);

    private Fact? lastArgFact;

    /// <summary>Above zero while the arguments of a test's failure report are evaluated: their nil uses are not reported.</summary>
    private int inFailureReport;

    private List<(Fact Fact, bool Guarded)> EvalCallResults(CallExpr call, int count, bool deferred = false)
    {
        lastArgFact = null;
        int n = count > 0 ? count : info.TypeOf(call) is GoTuple t ? Math.Max(1, t.Count) : 1;
        var none = NonNilResults(n);
        var fun = Unparen(call.Fun!);

        if (info.IsType(fun))
        {
            // A conversion. A nil pointer converted to an interface makes a non-nil interface.
            var af = call.Args.Count == 1 ? Eval(call.Args[0]) : Fact.NonNil;
            bool toInterface = info.TypeOf(call)?.Underlying is GoInterface && info.TypeOf(call.Args[0])?.Underlying is not GoInterface;
            // (*T)(nil) is written on purpose (to test nil receivers, or to crash deliberately): not a source.
            if (call.Args.Count == 1 && info.IsNilLiteral(Unparen(call.Args[0]))) return none;
            if (!toInterface) none[0] = (af, false);
            return none;
        }
        if (fun is Ident bid && info.UseOf(bid) is GoBuiltin)
        {
            if (bid.Name == "close" && call.Args.Count == 1)
            {
                var cf = Eval(call.Args[0]);
                Sink(call.Args[0], cf, call, "close of nil channel");
                // Receives the flow reaches from here yield nil (until the channel is assigned again).
                if (PathOf(call.Args[0]) is { } chPath && (info.TypeOf(call.Args[0])?.Underlying as GoChan)?.Elem is var elem && NilableType(elem))
                    S = S.Refine(chPath + ClosedMark, Fact.Source(call.Location, "channel closed here"));
                return none;
            }
            foreach (var a in call.Args) Eval(a);
            if (bid.Name is "new" or "make") none[0] = (Fact.Allocated, false);
            return none;
        }

        if (fun is SelectorExpr us && info.UseOf(us.Sel!) is GoBuiltin)
            return none; // unsafe.Sizeof/Alignof/Offsetof: the operand is not evaluated

        GoFunc? callee = null;
        int paramOffset = 0;
        switch (fun)
        {
            case SelectorExpr sel when info.SelectionOf(sel) is { } selection:
                if (selection.Kind == SelectionKind.MethodVal && selection.Obj is GoFunc m)
                {
                    callee = m;
                    paramOffset = 1;
                    var xt = info.TypeOf(sel.X!)?.Underlying;
                    var xf = Eval(sel.X);
                    if (PathOf(sel.X) is { } touched) S = S.Refine(touched + FlowState.Touched, Fact.Checked); // the method may set its fields
                    string action = $"method {m.Name} called on it";
                    if (xt is GoInterface && !TypeParams.IsTypeParam(info.TypeOf(sel.X!)))
                        Sink(sel.X!, xf, sel.Sel!, action); // not for a type parameter: its type argument may be a struct or a nil-safe pointer
                    else if (xt is GoPointer && selection.Index.Length > 1)
                        // Promoted from an embedded field (`f.zf.FileInfo()`, FileInfo of zip.File's embedded
                        // FileHeader): the call first reads that field through the pointer.
                        Sink(sel.X!, xf, sel.Sel!, action + ", which reads an embedded field of it");
                    else if (m.Signature.Recv?.Type?.Underlying is GoPointer && xt is GoPointer)
                    {
                        if (SummaryOf(m)?.Params is [{ } recvTrace, ..])
                            SinkInCallee(sel.X!, xf, sel.Sel!, action, recvTrace);
                        else if (SummaryOf(m) is null && m.Signature.Recv.Type.Underlying is GoPointer { Elem: GoNamed rn }
                            && StdKnowledge.Lookup(rn.Origin.Obj.Key) == StdKnowledge.Kind.DerefReceiver
                            && StdKnowledge.Lookup(m.Origin.Key) != StdKnowledge.Kind.NilSafeReceiver)
                            Sink(sel.X!, xf, sel.Sel!, $"{action}, which dereferences it");
                    }
                    else if (xt is GoPointer && selection.Index.Length == 1)
                        Sink(sel.X!, xf, sel.Sel!, action + " (value receiver)");
                }
                else if (selection.Kind == SelectionKind.MethodExpr)
                    callee = selection.Obj as GoFunc;
                else
                {
                    var ff = Selector(sel);
                    Sink(sel, ff, call, "nil function called");
                }
                break;
            case SelectorExpr qual:
                callee = info.UseOf(qual.Sel!) as GoFunc;
                if (callee is null) { var vf = Selector(qual); Sink(qual, vf, call, "nil function called"); }
                break;
            case Ident id:
                if (info.UseOf(id) is GoFunc f) callee = f;
                else { var vf = Eval(id); Sink(id, vf, call, "nil function called"); }
                break;
            case IndexExpr or IndexListExpr:
                callee = CalleeOf(call);
                break;
            case FuncLit:
                break; // called in place: analyzed on its own
            default:
                {
                    var vf = Eval(fun);
                    Sink(fun, vf, call, "nil function called");
                    break;
                }
        }

        var summary = callee is null ? null : SummaryOf(callee);
        bool variadic = callee?.Signature.Variadic == true;
        int fixedParams = callee is null ? 0 : callee.Signature.Params.Count - (variadic ? 1 : 0);
        if (fun is SelectorExpr me && info.SelectionOf(me)?.Kind == SelectionKind.MethodExpr && callee!.IsMethod) fixedParams++; // the receiver comes first
        bool failureReport = callee is not null && StdKnowledge.IsTestFailureReport(callee.Origin.Key);
        for (int j = 0; j < call.Args.Count; j++)
        {
            var arg = call.Args[j];
            if (failureReport) inFailureReport++;
            var af = Eval(arg);
            if (failureReport) inFailureReport--;
            lastArgFact = af;
            if (summary is null || j >= fixedParams) continue;
            int pi = paramOffset + j;
            int sigIndex = pi - (callee!.IsMethod ? 1 : 0);
            if (sigIndex >= 0 && sigIndex < callee.Signature.Params.Count)
                af = Convert(af, arg, callee.Signature.Params[sigIndex].Type); // a nil pointer passed as an interface is a non-nil interface
            if (pi < summary.Params.Length && summary.Params[pi] is { } tr)
                SinkInCallee(arg, af, arg, $"passed to {ShortName(callee!.FullName)}, which dereferences it", tr);
        }
        if (callee is null || !world.PureGetters.IsPure(callee)) S = S.ForgetFields(); // a getter sets no field
        if (callee is null) return none;
        return CallResults(call, callee, summary, n);
    }

    /// <summary>n results, each not nil and unguarded (filled without an iterator: this runs for every call).</summary>
    private static List<(Fact Fact, bool Guarded)> NonNilResults(int n)
    {
        var results = new List<(Fact Fact, bool Guarded)>(n);
        for (int i = 0; i < n; i++) results.Add((Fact.NonNil, false));
        return results;
    }

    private List<(Fact Fact, bool Guarded)> CallResults(CallExpr call, GoFunc callee, FunctionSummary? summary, int n)
    {
        var results = NonNilResults(n);
        var sig = callee.Signature;
        if (sig.Results.Count != n) return results;
        bool errorLast = n >= 2 && IsErrorType(sig.Results[n - 1].Type);
        var std = StdKnowledge.Lookup(callee.Origin.Key);
        if (std is StdKnowledge.Kind.NonNil or StdKnowledge.Kind.PartialOnError) return results;
        if (ReceiverStateChecked(call)) return results; // `if !q.empty() { q.pop() }`
        if (world.Downcasts.IsDowncast(callee)) return results; // `abi.TypeOf(m).MapType()`: the caller knows the kind
        if (call.Args.Count == 0 && SameCallCheckedNonNil(call)) return results; // `if m.Err() != nil { m.Err().Error() }`
        string name = ShortName(callee.FullName);
        if (std == StdKnowledge.Kind.NilIfNilArg)
        {
            // Nil only for a nil interface argument: nil in, nil out.
            if (call.Args.Count == 1 && info.TypeOf(call.Args[0])?.Underlying is GoInterface && lastArgFact is { IsNilable: true } af)
                results[0] = (af.Then(call.Location, $"{name} returns nil for a nil interface"), false);
            else if (call.Args.Count == 1 && (info.TypeOf(call.Args[0])?.Underlying is GoInterface || TypeParams.IsTypeParam(info.TypeOf(call.Args[0])))
                && !info.IsNilLiteral(Unparen(call.Args[0])) && world.TypeOfChecks.CheckOf(pkg, TypeOfChecks.KeyOf(call.Args[0], info), root, call) is { } checkedAt)
                results[0] = (Fact.Source(checkedAt, $"{name}({ExprText.Of(call.Args[0])}) is checked for nil here: {ExprText.Of(call.Args[0])} can be a nil interface")
                    .Then(call.Location, $"{name} returns nil for a nil interface"), false);
            return results;
        }
        if (std == StdKnowledge.Kind.Nilable)
        {
            results[0] = (Fact.Source(call.Location, $"{name} can return nil"), false);
            return results;
        }
        bool okLast = n >= 2 && sig.Results[n - 1].Type?.Underlying is GoBasic { BasicKind: BasicKind.Bool };
        bool isInterface = sig.Recv?.Type?.Underlying is GoInterface;
        for (int i = 0; i < n; i++)
        {
            if ((errorLast || okLast) && i == n - 1) continue;
            if (isInterface)
            {
                foreach (var (impl, s) in world.Implementations(callee, call, considered: f => Consulted.Add(f.Origin)))
                {
                    Consulted.Add(impl.Origin);
                    // At the default level, an implementation whose nil is only for rejected arguments
                    // says nothing of this call: the next one may say more.
                    if (s.Results[i] is { } tr && !(world.Evidence == Evidence.Documented && s.NilOnlyForArguments(i) && !ResultEvidence.Believed(world, impl, s, i, errorLast)))
                    {
                        var f = Fact.FromTrace(tr).Then(callee.Location, $"flows into result {i} of {InterfaceMethodName(callee)} (interface)");
                        bool guarded = errorLast && !s.ResultNilWithNilError[i];
                        f = f.Then(call.Location, $"returned by the call {ExprText.Of(call)}");
                        results[i] = (guarded ? f : f with { Origin = ResultEvidence.Believed(world, impl, s, i, errorLast) ? null : callee.Origin.Key }, guarded);
                        break;
                    }
                }
            }
            else if (summary is not null)
            {
                if (summary.Results[i] is { } tr)
                {
                    bool guarded = (errorLast && !summary.ResultNilWithNilError[i]) || (okLast && !summary.ResultNilWithNilError[i]);
                    var f = Fact.FromTrace(tr).Then(call.Location, $"returned by the call {ExprText.Of(call)}");
                    // An undocumented nil is presumed an internal case callers know to avoid; a
                    // function that returns nil on every path has no other case: always reported.
                    // At the `returns` evidence level, a literal nil of a result with no error or bool
                    // beside it is the function's "nothing here" answer: believed as it is.
                    string? origin = summary.AlwaysNil(i) || ResultEvidence.Believed(world, callee, summary, i, errorLast) ? null
                        : world.Evidence == Evidence.Returns && !errorLast && !okLast && summary.ResultLiteralNil[i] ? null
                        : world.Evidence == Evidence.Documented && summary.NilOnlyForArguments(i) ? UncheckedOrigin // a precondition on the arguments
                        : world.DocumentsNil(callee) ? callee.Origin.Key : UncheckedOrigin;
                    results[i] = (guarded ? f : f with { Origin = origin }, guarded);
                }
            }
            else if (errorLast && sig.Results[i].Type?.Underlying is GoPointer or GoInterface && !TypeParams.IsTypeParam(sig.Results[i].Type))
            {
                // No body to read (export data): a (T, error) function gives a nil T with a non-nil error
                // (a pointer, or an interface: `f, fh, err := r.FormFile(k)` gives a nil multipart.File).
                results[i] = (Fact.Source(call.Location, $"{name} returns nil when its error is not nil"), true);
            }
        }
        return results;
    }

    private static string InterfaceMethodName(GoFunc m)
    {
        var named = m.Signature.Recv?.Type?.Unalias() as GoNamed;
        return named is null ? m.Name : $"{named.Obj.Name}.{m.Name}";
    }
}
