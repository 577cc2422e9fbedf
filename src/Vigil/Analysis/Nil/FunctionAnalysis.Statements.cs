using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

// Statements: the state flows through them in execution order.
public sealed partial class FunctionAnalysis
{
    /// <summary>
    /// The transfer of one node of a block. Nodes are simple statements, branch
    /// conditions (refined on the edges, see Conditions), switch tags and case
    /// values, type-switch guards, range operands and loop heads.
    /// </summary>
    private void Transfer(Node n)
    {
        switch (n)
        {
            case Stmt guard when guard.Parent is TypeSwitchStmt ts && ts.Assign == guard:
                Eval(SwitchedValue(ts)); // `switch v := x.(type)`: the clause variables are not tracked
                break;
            case Stmt s: Statement(s); break;
            case Expr e when e.Parent is RangeStmt rs && rs.X == e: RangeOperand(rs); break;
            case Expr e when e.Parent is SwitchStmt sw && sw.Tag == e: Eval(e); break;
            case Expr e when e.Parent is CaseClause { Parent.Parent: TypeSwitchStmt }: break; // a case type
            case Expr e when e.Parent is CaseClause { Parent.Parent: SwitchStmt { Tag: not null } }: Eval(e); break;
            case Expr e: Condition(e); break;
        }
    }

    private void Statement(Stmt s)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // a clear, catchable error on a small stack, not a crash (docs/limits.md)
        switch (s)
        {
            case ExprStmt e: ExprStatement(e.X!); break;
            case AssignStmt a: Assign(a); ReceivedResult(a); break;
            case DeclStmt { Decl: GenDecl { Tok: Token.Var } g }:
                foreach (var spec in g.Specs.OfType<ValueSpec>()) VarSpec(spec);
                break;
            case IncDecStmt i: Eval(i.X); StepConst(i.X!, i.Tok == Token.Inc ? 1 : -1); break;
            case SendStmt send: Eval(send.Chan); Eval(send.Value); break;
            case GoStmt g: DeferredCall(g.Call); break;
            case DeferStmt d: DeferredCall(d.Call); break;
            case ReturnStmt r: Return(r, r.Pos); break;
            case RangeStmt r: RangeHead(r); break;
            default: break; // branch statements: the edges say where they go
        }
    }

    /// <summary>The range operand, evaluated once before the loop.</summary>
    private void RangeOperand(RangeStmt r)
    {
        var xf = Eval(r.X);
        if (info.TypeOf(r.X!)?.Underlying is GoPointer && r.Value is not null) Sink(r.X!, xf, r.X!, "range over nil pointer to array");
    }

    /// <summary>The loop head: the next element is assigned to Key and Value (elements are not tracked: non-nil).</summary>
    private void RangeHead(RangeStmt r)
    {
        if (r.Key is not null) AssignTo(r.Key, Fact.NonNil);
        if (r.Value is not null) AssignTo(r.Value, Fact.NonNil);
        if (r.Key is not null && info.TypeOf(r.X!)?.Underlying is GoChan ch) ReceivedResult(r.Key, ch.Elem, r.X!); // a channel's element is the key
    }

    private static Expr? SwitchedValue(TypeSwitchStmt ts) => ts.Assign switch
    {
        AssignStmt { Rhs: [TypeAssertExpr ta] } => ta.X,
        ExprStmt { X: TypeAssertExpr ta2 } => ta2.X,
        _ => null,
    };

    private void ExprStatement(Expr x)
    {
        Eval(x);
        if (x is CallExpr call && IsNoReturn(call)) S = FlowState.Unreachable;
        else if (x is CallExpr helper && IsCheckingHelper(helper))
        {
            // fatalIfErr(t, err), require.NoError(t, err), assertNotNil(t, p): a helper that
            // stops on failure; what it was given is taken as checked afterwards.
            // A boolean it asserts holds after it (`y.AssertTrue(ok)`, `assert(p != nil)`;
            // `require.False(t, isNil)` the other way).
            bool assertsFalse = CalleeName(helper).Contains("False", StringComparison.Ordinal);
            foreach (var a in helper.Args)
                if (info.TypeOf(a)?.Underlying is GoBasic { BasicKind: BasicKind.Bool or BasicKind.UntypedBool })
                    S = Refine(a, !assertsFalse, S);
            foreach (var a in helper.Args)
                if (PathOf(a) is { } p)
                {
                    foreach (var target in S.GuardedBy(p, isError: true)) S = S.Refine(target, Fact.Checked);
                    if (S.Get(p).IsNilable) S = S.Refine(p, Fact.Checked);
                }
        }
    }

    private string CalleeName(CallExpr call) => Unparen(call.Fun!) switch
    {
        Ident id => id.Name,
        SelectorExpr s => s.Sel?.Name ?? "",
        _ => "",
    };

    /// <summary>A call to a function of the program (or a require/assert-style helper), not to a printer or a testing method.</summary>
    private bool IsCheckingHelper(CallExpr call)
    {
        var helperRx = "(?i)^(must|require|assert|check|fatal|ensure|expect)|(NoError|NotNil|NonNil|IfErr|OnErr)";
        if (Unparen(call.Fun!) is Ident fv && info.UseOf(fv) is GoVar)
            return System.Text.RegularExpressions.Regex.IsMatch(fv.Name, helperRx); // check := func(msg string, err error) {...}
        var callee = CalleeOf(call);
        if (callee is null) return false;
        string pkgPath = callee.Package?.Path ?? "";
        if (pkgPath is "testing" or "fmt" or "log" or "os" or "io") return false;
        if (System.Text.RegularExpressions.Regex.IsMatch(callee.Name, helperRx))
            return true;
        return false;
    }

    private void DeferredCall(CallExpr? call)
    {
        if (call is null) return;
        // Arguments and the receiver are evaluated now; the call itself runs later.
        if (call.Fun is FuncLit) { foreach (var a in call.Args) Eval(a); return; } // the literal is analyzed on its own
        EvalCall(call, deferred: true);
    }

    private void VarSpec(ValueSpec spec)
    {
        if (spec.Values.Count == spec.Names.Count)
        {
            for (int i = 0; i < spec.Names.Count; i++)
            {
                var f = Convert(Eval(spec.Values[i]), spec.Values[i], info.DefOf(spec.Names[i])?.Type);
                AssignTo(spec.Names[i], f);
                if (spec.Names.Count == 1) { RecordCopy(spec.Names[0], spec.Values[0]); Correlate(spec.Names[0], spec.Values[0]); }
                else if (Correlates(spec.Values[i])) Correlate(spec.Names[i], spec.Values[i]);
            }
            return;
        }
        if (spec.Values.Count == 1 && spec.Names.Count > 1)
        {
            TupleAssign(spec.Names.Cast<Expr>().ToList(), spec.Values[0]);
            return;
        }
        foreach (var name in spec.Names)
        {
            if (info.DefOf(name) is not GoVar v || !Tracked(v)) continue;
            if (ConstTracked(v.Type)) { S = S.Set(Key(v), Fact.NonNil).WithConst(Key(v), 0); continue; } // `var found bool`, `var n int`
            if (NilableType(v.Type))
                S = S.Set(Key(v), ZeroValueSource(v, name, $"{v.Name} is declared without a value (nil)")).WithConst(Key(v), 0);
            else if (NilConstTracked(v.Type)) S = S.Set(Key(v), Fact.NonNil).WithConst(Key(v), 0); // `var list []T`: nil, for pointer pairs
            else if (v.Type?.Underlying is GoStruct st)
            {
                S = S.Set(Key(v), Fact.NonNil);
                UnsetFields(Key(v), st, null, name, v.Name);
            }
        }
    }

    /// <summary>Fields of a new struct value not given in its literal are nil (until something sets them).</summary>
    private void UnsetFields(string path, GoStruct st, CompositeLit? lit, Node at, string name)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        if (lit is not null)
        {
            if (lit.Elts.Count > 0 && lit.Elts[0] is not KeyValueExpr) return; // positional: every field is given
            foreach (var e in lit.Elts)
                if (e is KeyValueExpr { Key: Ident k }) given.Add(k.Name);
        }
        foreach (var f in st.Fields)
        {
            if (given.Contains(f.Name) || f.Embedded || !NilableType(f.Type) || f.Type?.Underlying is GoInterface) continue;
            var src = Fact.Source(at.Location, $"field {f.Name} of {name} is not set (nil)");
            // Like a variable declared without a value: a field the function assigns later is presumed set where used.
            if (assignedFields.Contains(path + ".f" + f.Id)) src = src with { Origin = UncheckedOrigin };
            S = S.Refine(path + ".f" + f.Id, src);
        }
    }

    private void AssignTo(Expr lhs, Fact f, string? newStructName = null)
    {
        if (lhs is Ident { Name: "_" }) return;
        switch (lhs)
        {
            case ParenExpr p: AssignTo(p.X!, f); return;
            case IndexExpr ix:
                {
                    var t = info.TypeOf(ix.X!)?.Underlying;
                    var xf = Eval(ix.X);
                    Eval(ix.Index);
                    // `if m[k] > 0 { m[k] = 2 }`: the condition read an entry, so the map is not nil there.
                    if (t is GoMap && !ExaminedByEnclosingCondition(ix, ix.X!)) Sink(ix.X!, xf, ix, "assignment to entry in nil map");
                    else if (t is GoPointer) Sink(ix.X!, xf, ix, "index of nil pointer to array");
                    return;
                }
            case StarExpr st:
                {
                    var xf = Eval(st.X);
                    Sink(st.X!, xf, st, "nil pointer dereferenced");
                    // `*p = v` replaces every field of *p: what was known of them no longer holds.
                    if (PathOf(st.X) is { } target) S = S.Set(target, S.Get(target) is { IsAllocated: true } allocated ? allocated : Fact.Checked);
                    return;
                }
            case SelectorExpr sel:
                EvalSelectorBase(sel);
                break;
        }
        if (PathOf(lhs) is { } path)
        {
            string name = ExprText.Of(lhs);
            S = S.Set(path, f.Kind == Nilness.Nilable ? f.Then(lhs.Location, $"assigned to {name}") : f);
        }
    }

    private void Assign(AssignStmt a)
    {
        // ok = false, or err = errors.New(...), err = &wrapErr{err}: the guard still says what it said
        // (and a new error value is known non-nil: `err == nil` cannot hold after it).
        Fact kept = Fact.NonNil;
        if (a.Tok == Token.Assign && a.Lhs.Count == 1 && a.Rhs.Count == 1 && PathOf(a.Lhs[0]) is { } gp
            && (info.ConstValue(Unparen(a.Rhs[0])) == "false" || (IsErrorType(info.TypeOf(a.Lhs[0])) && (kept = Eval(a.Rhs[0])).Kind == Nilness.NonNil && !info.IsNilLiteral(Unparen(a.Rhs[0])) && Unparen(a.Rhs[0]) is CallExpr or UnaryExpr { Op: Token.And } or CompositeLit)))
        {
            S = S.SetKeepingGuards(gp, kept.IsAllocated ? kept : NewError(a.Rhs[0]) ? Fact.FreshError : Fact.NonNil);
            if (ConstOf(a.Rhs[0]) is { } c) S = S.WithConst(gp, c);
            return;
        }
        if (a.Tok is not (Token.Assign or Token.Define))
        {
            // x op= y: both are read; x keeps a non-nil (numeric/string) value, no longer a known constant.
            foreach (var l in a.Lhs) Eval(l);
            foreach (var r in a.Rhs) Eval(r);
            foreach (var l in a.Lhs) StepConst(l, 0);
            return;
        }
        if (a.Lhs.Count == a.Rhs.Count)
        {
            var facts = a.Rhs.Select(r => Eval(r)).ToList();
            for (int i = 0; i < a.Lhs.Count; i++)
            {
                AssignTo(a.Lhs[i], Convert(facts[i], a.Rhs[i], info.TypeOf(a.Lhs[i]) ?? (a.Lhs[i] is Ident li ? info.ObjectOf(li)?.Type : null)));
                if (PathOf(a.Lhs[i]) is { } p) NewStructFields(p, a.Rhs[i], a.Lhs[i]);
                if (a.Lhs.Count == 1) { RecordCopy(a.Lhs[0], a.Rhs[0]); Correlate(a.Lhs[0], a.Rhs[0]); }
                else if (Correlates(a.Rhs[i])) Correlate(a.Lhs[i], a.Rhs[i]);
            }
            // `err := errors.New("dummy")`: a new error, known non-nil like `err = errors.New(…)`
            // above, so an error guard made in a retry loop survives the loop head (`for err :=
            // errors.New("dummy"); err != nil; { m, err = f() }; m.x`).
            if (a.Tok == Token.Define && a.Lhs.Count == 1 && PathOf(a.Lhs[0]) is { } ep && !ep.Contains('.')
                && IsErrorType(TypeOfTarget(a.Lhs[0])) && NewError(a.Rhs[0]))
                S = S.Refine(ep, Fact.FreshError);
            return;
        }
        if (a.Rhs.Count == 1) TupleAssign(a.Lhs.ToList(), a.Rhs[0]);
    }

    /// <summary>
    /// An expression that makes a new, never nil error: a literal (`&amp;PathError{…}`), an address,
    /// or a call of a standard function known never to return nil (`errors.New`, `fmt.Errorf`).
    /// </summary>
    private bool NewError(Expr rhs) => Unparen(rhs) switch
    {
        CompositeLit or UnaryExpr { Op: Token.And } => true,
        CallExpr call => CalleeOf(call) is { } f && StdKnowledge.Lookup(f.Origin.Key) == StdKnowledge.Kind.NonNil,
        _ => false,
    };

    /// <summary>
    /// `y := x`, or a conversion that keeps nil as nil (`y := I(x)` between interfaces, or
    /// between pointer types): y and x hold the same value, so a later nil check of y
    /// says the same of x (`xx := I(x); if xx != nil { return }; x.M()`). Locals only.
    /// </summary>
    private void RecordCopy(Expr lhs, Expr rhs)
    {
        var r = Unparen(rhs);
        if (r is CallExpr { Args: [var arg] } conv && info.IsType(Unparen(conv.Fun!)))
        {
            var (to, from) = (info.TypeOf(conv)?.Underlying, info.TypeOf(arg)?.Underlying);
            if (!(to is GoInterface && from is GoInterface) && !(to is GoPointer && from is GoPointer)) return;
            r = Unparen(arg);
        }
        if (r is not Ident || PathOf(r) is not { } source || PathOf(lhs) is not { } copy) return;
        if (source.Contains('.') || copy.Contains('.') || !NilableType(TypeOfTarget(lhs))) return;
        // A pointer assigned to an interface is a different value (a nil *T makes a non-nil interface).
        if ((TypeOfTarget(lhs)?.Underlying is GoInterface) != (info.TypeOf(r)?.Underlying is GoInterface)) return;
        S = S.AddCopy(copy, source);
    }

    /// <summary>After `t := &T{...}`, `t := T{...}` or `t := new(T)`, the fields not given are known nil.</summary>
    private void NewStructFields(string path, Expr rhs, Expr lhs)
    {
        while (rhs is ParenExpr p) rhs = p.X!;
        CompositeLit? lit = rhs switch
        {
            CompositeLit c => c,
            UnaryExpr { Op: Token.And, X: CompositeLit c } => c,
            _ => null,
        };
        GoStruct? st = null;
        if (lit is not null) st = info.TypeOf(lit)?.Underlying as GoStruct;
        else if (rhs is CallExpr { Fun: Ident { Name: "new" }, Args: [var targ] } && info.ModeOf(((CallExpr)rhs).Fun!).HasFlag(Vigil.Loading.ExprMode.Builtin))
            st = info.TypeOf(targ)?.Underlying as GoStruct;
        if (st is not null) UnsetFields(path, st, lit, rhs, ExprText.Of(lhs));
    }

    /// <summary>`a, b := f()`, and the comma-ok forms of map reads, type assertions and receives.</summary>
    private void TupleAssign(List<Expr> lhs, Expr rhs)
    {
        var r = Unparen(rhs);
        if (lhs.Count == 2 && r is IndexExpr or TypeAssertExpr or UnaryExpr { Op: Token.Arrow })
        {
            EvalCommaOkOperand(r);
            var v = lhs[0];
            var ok = lhs[1];
            bool nilable = NilableType(TypeOfTarget(v));
            string what = r switch { IndexExpr => "the key is missing", TypeAssertExpr => "the assertion fails", _ => "the channel is closed" };
            Fact f = Fact.NonNil;
            // `v, _ := x.(T)` discards the check on purpose: v is nil when the assertion fails. An ok
            // variable the analysis cannot follow (assigned in a closure) may guard v: stay silent.
            bool okDiscarded = ok is Ident { Name: "_" }
                && !(r is TypeAssertExpr { X: var asserted } && Unparen(asserted!) is CallExpr get && world.Pools.GetHasNew(get, info)); // a pool with New
            if (nilable && (PathOf(ok) is not null || (r is TypeAssertExpr && okDiscarded)))
                f = Fact.Source(r.Location, $"{ExprText.Of(v)} is nil when {what}");
            AssignTo(v, f);
            AssignTo(ok, Fact.NonNil);
            if (f.IsNilable && PathOf(v) is { } vp && PathOf(ok) is { } okp) S = S.AddGuard(okp, new Guard(vp, IsError: false));
            return;
        }
        if (r is CallExpr call)
        {
            var results = EvalCallResults(call, lhs.Count);
            var lastType = ResultType(call, lhs.Count - 1) ?? info.TypeOf(lhs[^1]);
            bool errorLast = lhs.Count >= 2 && IsErrorType(lastType);
            bool okLast = lhs.Count >= 2 && lastType?.Underlying is GoBasic { BasicKind: BasicKind.Bool };
            string? errPath = errorLast || okLast ? PathOf(lhs[^1]) : null;
            var facts = new List<Fact>();
            for (int i = 0; i < lhs.Count; i++)
            {
                var (f, guardedByError) = results[i];
                if (guardedByError && errPath is null)
                    f = DiscardsError(lhs[^1], call, errorLast) && f.IsNilable
                        ? f.Then(lhs[^1].Location, "its error discarded: nil when the call fails")
                        : Fact.NonNil; // an error the analysis cannot follow: assume the call succeeds
                facts.Add(f);
                AssignTo(lhs[i], f);
            }
            // Guards after every assignment: assigning the error variable would drop them.
            // Also for values not known nil: a later `v != nil` check then still knows err == nil means v is set.
            for (int i = 0; i < lhs.Count - 1; i++)
                if ((facts[i].IsNilable ? results[i].Guarded : NilableType(TypeOfTarget(lhs[i])))
                    && PathOf(lhs[i]) is { } vp && errPath is not null)
                    S = S.AddGuard(errPath, new Guard(vp, IsError: errorLast));
            return;
        }
        Eval(rhs);
        foreach (var l in lhs) AssignTo(l, Fact.NonNil);
    }

    /// <summary>
    /// `v, _ := f(x)`: the error is thrown away, so a nil `v` that only comes with an error
    /// reaches its uses unguarded (`nk, _ = s.GetKey(name); nk.value`). Not when every argument
    /// is a constant: the author knows that call succeeds (`u, _ := url.Parse("http://x")`).
    /// Nor in test files, where the inputs are the test's own (`req, _ := http.NewRequest("GET",
    /// srv.URL, nil)`): on std, such calls were most of what this rule found in tests.
    /// Nor when the callee fails only for invalid arguments and an unexported caller passes its own
    /// parameters on (`block, _ := des.NewTripleDESCipher(key)`): see <see cref="ArgumentFailures"/>.
    /// </summary>
    private bool DiscardsError(Expr errTarget, CallExpr call, bool errorLast) =>
        errorLast && errTarget is Ident { Name: "_" } && !root.SourceFile.IsTest && call.Args.Count > 0 && !call.Args.All(a => info.ConstValue(a) is not null || info.IsNilLiteral(Unparen(a)))
        && !(root is FuncDecl caller && world.ArgumentFailures.CallerVouches(call, caller, info));

    /// <summary>A nil pointer (or map, func...) stored in an interface makes a non-nil interface.</summary>
    private Fact Convert(Fact f, Expr rhs, GoType? target)
    {
        if (!f.IsNilable || target?.Underlying is not GoInterface) return f;
        if (info.IsNilLiteral(Unparen(rhs))) return f;
        return info.TypeOf(rhs)?.Underlying is GoInterface ? f : Fact.NonNil;
    }

    /// <summary>The type of an assignment target: a name defined by `:=` has no recorded expression type, only its object's.</summary>
    private GoType? TypeOfTarget(Expr lhs) => info.TypeOf(lhs) ?? (lhs is Ident id ? info.ObjectOf(id)?.Type : null);

    private GoType? ResultType(CallExpr call, int i) =>
        info.TypeOf(call) is GoTuple t && i < t.Count ? t[i].Type : null;

    internal static bool IsErrorType(GoType? t) => t is GoNamed { Obj: { Name: "error", Package: null } };

    private void Return(ReturnStmt? r, Pos pos)
    {
        var at = r is not null ? r.Location : root.SourceFile.Location(pos);
        List<Fact> facts;
        List<Expr?> exprs;
        if (r is not null && r.Results.Count > 0)
        {
            if (r.Results.Count == 1 && Summary is not null && Summary.Results.Length > 1 && Unparen(r.Results[0]) is CallExpr c)
            {
                facts = EvalCallResults(c, Summary.Results.Length).Select(x => x.Guarded ? Fact.NonNil : x.Fact).ToList();
                exprs = facts.Select(_ => (Expr?)null).ToList();
            }
            else
            {
                facts = r.Results.Select(e => Eval(e)).ToList();
                if (func is not null && facts.Count == func.Signature.Results.Count)
                    for (int i = 0; i < facts.Count; i++) facts[i] = Convert(facts[i], r.Results[i], func.Signature.Results[i].Type);
                exprs = r.Results.Cast<Expr?>().ToList();
            }
        }
        else
        {
            // A bare return (or falling off the end) returns the named results as they are.
            facts = namedResults.Select(v => Tracked(v) ? S.Get(Key(v)) : Fact.NonNil).ToList();
            exprs = namedResults.Select(_ => (Expr?)null).ToList();
        }
        if (collecting && Summary is not null && S.Reachable)
        {
            // Always nil only for a literal nil: a variable nil on some paths only is "may be nil".
            bool nilIn = S.AnyParamKnownNil();
            for (int i = 0; i < Math.Min(facts.Count, Summary.Results.Length); i++)
                if (nilIn || exprs[i] is not Expr re || !info.IsNilLiteral(Unparen(re))) Summary.ResultNotNil[i] = true;
                else Summary.ResultLiteralNil[i] = true;
        }
        if (collecting && Summary is not null && S.Reachable && !S.AnyParamKnownNil())
        {
            int n = Math.Min(facts.Count, Summary.Results.Length);
            var lastT = n >= 2 ? func!.Signature.Results[n - 1].Type : null;
            bool okLast = lastT?.Underlying is GoBasic { BasicKind: BasicKind.Bool };
            bool errorLast = n >= 2 && (IsErrorType(lastT) || okLast);
            bool errIsNil = errorLast && exprs[n - 1] is Expr e
                && (okLast ? info.ConstValue(Unparen(e)) == "true" : info.IsNilLiteral(Unparen(e)));
            for (int i = 0; i < n; i++)
            {
                if (!facts[i].IsNilable || (errorLast && i == n - 1)) continue;
                if (!NilableType(func!.Signature.Results[i].Type)) continue;
                if (Summary.Results[i] is null)
                    Summary.Results[i] = Fact.Append(facts[i].Trace, new Findings.RelatedLocation(at, $"nil returned from {FuncName}"));
                if (errIsNil || !errorLast) Summary.ResultNilWithNilError[i] = true;
                if (!PreconditionReturn(r, exprs[i])) Summary.ResultNilOutsidePrecondition[i] = true;
                if (facts[i].SelfChecked && (exprs[i] is not Expr rx || Unparen(rx) is not Ident rid || info.UseOf(rid) is not GoVar rv
                    || ResultEvidence.AssignedOnce(root, rv, info)))
                    Summary.ResultSelfChecked[i] = true;
            }
            for (int i = 0; i < n; i++)
                if (exprs[i] is Expr e2 && Unparen(e2) is Ident ch && info.UseOf(ch) is GoVar cv && (closedChannels.Contains(cv.Id) || directCloses.Contains(cv.Id))
                    && (cv.Type?.Underlying as GoChan)?.Elem is var elem && NilableType(elem))
                    Summary.ClosedChannelResults[i] ??= closeSites.TryGetValue(cv.Id, out var cl) ? cl : ch.Location;
        }
        if (collecting && func is not null && S.Reachable && !root.SourceFile.IsTest && FieldSites.IsExported(root))
            foreach (var e in exprs)
                if (e is not null) ReturnedWithNilFields(e, at);
    }

    private ArgumentReads? argumentReads;

    /// <summary>
    /// True when this return's nil is a precondition on the arguments (<see cref="Preconditions"/>):
    /// the return is under a condition that reads the arguments alone, or it forwards the nil of a
    /// call that is itself one, given arguments read from this function's arguments alone.
    /// </summary>
    private bool PreconditionReturn(ReturnStmt? r, Expr? returned)
    {
        if (r is null || root is not FuncDecl fd) return false;
        argumentReads ??= new ArgumentReads(fd, info, world.Preconditions.IsWritten);
        if (argumentReads.UnderArgumentCondition(r, root)) return true;
        return returned is not null && Unparen(returned) is CallExpr call && CalleeOf(call) is { } g
            && g.Signature.Recv?.Type?.Underlying is not GoInterface && g.Signature.Results.Count == 1
            && world.SummaryOf(g) is { } gs && gs.NilOnlyForArguments(0)
            && call.Args.All(argumentReads.ReadsArgumentsOnly);
    }

    /// <summary>
    /// A new struct pointer returned with nilable fields unset (`return &amp;Cache{name: n}`, or a
    /// local built and returned): the function is a constructor that leaves those fields nil,
    /// a program-wide source for reads of the field elsewhere (<see cref="FieldSites"/>).
    /// </summary>
    private void ReturnedWithNilFields(Expr e, Location at)
    {
        e = Unparen(e);
        var lit = e switch
        {
            UnaryExpr { Op: Token.And, X: CompositeLit c } => c,
            _ => null,
        };
        // Only new pointers: a struct value returned with nil fields is as often a "nothing
        // here" result (`return traceLocker{}`) that callers test by other means.
        if (lit is not null)
        {
            if (info.TypeOf(lit)?.Underlying is not GoStruct st) return;
            if (lit.Elts.Count > 0 && lit.Elts[0] is not KeyValueExpr) return; // positional: every field is given
            var given = lit.Elts.OfType<KeyValueExpr>().Select(kv => (kv.Key as Ident)?.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var f in st.Fields)
                if (!given.Contains(f.Name) && SiteField(f))
                    world.Fields.ConstructorLeavesNil(pkg, root, f, [
                        new(lit.Location, $"field {f.Name} is not set in this composite literal"),
                        new(at, $"returned by {FuncName} with field {f.Name} nil")]);
            return;
        }
        if (PathOf(e) is not { } path) return;
        var t = info.TypeOf(e)?.Underlying;
        if (t is not GoPointer { Elem.Underlying: GoStruct owner }) return;
        foreach (var f in owner.Fields)
            if (SiteField(f) && S.Get(path + ".f" + f.Id) is { IsNilable: true, FieldCheck: false } nf && nf.Origin != UncheckedOrigin)
                world.Fields.ConstructorLeavesNil(pkg, root, f, Fact.Append(nf.Trace, new(at, $"returned by {FuncName} with field {f.Name} nil")));
    }

    /// <summary>Fields that can be program-wide nil sites: nilable, not embedded, not interfaces (a nil interface field is usually an optional hook).</summary>
    private static bool SiteField(GoVar f) => !f.Embedded && NilableType(f.Type) && f.Type?.Underlying is not GoInterface;

    private readonly Dictionary<int, Location> closeSites = [];
}
