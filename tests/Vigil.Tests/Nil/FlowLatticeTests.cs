using FsCheck;
using FsCheck.Fluent;
using Vigil.Analysis.Nil;
using Vigil.Syntax;
using Vigil.Tests.Flow;
using Xunit;

namespace Vigil.Tests.Nil;

/// <summary>
/// The nil facts are the state of a data-flow problem on the shared solver:
/// their lattice must obey the laws the solver relies on (docs/flow.md).
/// </summary>
public class FlowLatticeTests
{
    private static readonly Location At = new("f.go", 1, 1, 0);

    // A few paths, facts and guards, so random states overlap often, shaped like the states the
    // analysis makes: parameter facts only on the parameter's own path ("p"), facts known from a
    // field comparison only on a field path ("p.f1"), guards (`v, err := f()`: err == nil means v
    // is set) from an error or ok variable ("err") to a variable assigned with it ("v").
    private static readonly Fact Nil = Fact.Source(At, "nil");

    private static Gen<(string Path, Fact Fact)> Steps => Gen.OneOf(
        Gen.Elements(Fact.NonNil, Fact.Checked, Fact.OfParam(0), Nil).Select(f => ("p", f)),
        Gen.Elements(Fact.NonNil, Fact.Checked, Nil, Nil with { FieldCheck = true }).Select(f => ("p.f1", f)),
        Gen.Elements(Fact.NonNil, Fact.Checked, Nil, Nil with { Origin = "unchecked" }).Select(f => ("v", f)),
        Gen.Elements(Fact.NonNil, Fact.Checked, Nil).Select(f => ("err", f)),
        Gen.Constant(("p" + FlowState.Touched, Fact.Checked)),
        // Constants of a flag ("ok": 0 or 1; NonNil forgets it): merges make value guards from them.
        Gen.Elements(Fact.NonNil, Fact.Checked, Nil).Select(f => ("ok", f)));

    private static Gen<FlowState> States =>
        Gen.ListOf(Steps.Zip(Gen.Choose(0, 4))).Select(ops =>
        {
            var s = FlowState.Entry();
            foreach (var ((path, fact), op) in ops)
                s = op switch
                {
                    _ when path == "ok" => s.WithConst("ok", fact.IsNilable ? 1 : fact.IsChecked ? 0 : null),
                    0 => s.Set(path, fact),
                    1 or 2 => s.Refine(path, fact),
                    3 when path == "p" => s.AddGuard("ok", new Guard("v", IsError: false, Except: fact.IsNilable ? 1 : 0)),
                    3 => s.AddGuard("err", new Guard("v", IsError: fact.IsNilable)),
                    _ => s.ForgetFields(),
                };
            return s;
        });

    /// <summary>
    /// The fixed point compares which nil a merge keeps: a loop head that held an unchecked nil (a variable
    /// declared without a value) and receives a reportable one from the back edge has changed, so the
    /// reportable flow goes round the loop (tests/testdata/nil/loopheads). Traces are still ignored.
    /// </summary>
    [Fact]
    public void AReportableNilIsNotTheSameAsAnUncheckedOne()
    {
        var uncheckedNil = FlowState.Entry().Set("v", Nil with { Origin = "unchecked" });
        var reportable = FlowState.Entry().Set("v", Nil);
        var joined = FlowLattice.Instance.Join(uncheckedNil, reportable);
        Assert.False(FlowLattice.Instance.Equals(uncheckedNil, joined));
        Assert.True(FlowLattice.Instance.Equals(reportable, joined));
        Assert.True(FlowLattice.Instance.Equals(reportable, FlowState.Entry().Set("v", Fact.Source(new Location("g.go", 2, 2, 0), "other nil"))));
    }

    /// <summary>Nil facts without guards: a lattice in the full sense.</summary>
    [Fact]
    public void FactsObeyTheLaws() =>
        LatticeLawTests.CheckLaws(FlowLattice.Instance, Reachable(States.Select(WithoutGuards)));

    /// <summary>
    /// With guards, every law but associativity: a guard absent on one side survives a merge
    /// when it holds there vacuously (its target is not nil, or its error is known non-nil),
    /// which is decided against that side's facts at each merge, so the grouping of three
    /// merges can matter. The solver joins a block's predecessors in a fixed order, so the
    /// result is still deterministic (and the facts themselves are associative, above).
    /// </summary>
    [Fact]
    public void StatesWithGuardsObeyTheOtherLaws()
    {
        var l = FlowLattice.Instance;
        var arb = Reachable(States).ToArbitrary();
        bool Eq(FlowState a, FlowState b) => l.Equals(a, b);
        Prop.ForAll(arb, a => Eq(l.Join(a, a), a)).Label("idempotent").QuickCheckThrowOnFailure();
        Prop.ForAll(arb, arb, (a, b) => Eq(l.Join(a, b), l.Join(b, a))).Label("commutative").QuickCheckThrowOnFailure();
        Prop.ForAll(arb, a => Eq(l.Join(l.Bottom, a), a) && Eq(l.Join(a, l.Bottom), a)).Label("bottom is the identity").QuickCheckThrowOnFailure();
        Prop.ForAll(arb, arb, (a, b) => Eq(l.Join(a, l.Join(a, b)), l.Join(a, b))).Label("upper bound").QuickCheckThrowOnFailure();
    }

    private static Gen<FlowState> Reachable(Gen<FlowState> states) =>
        Gen.Frequency((1, Gen.Constant(FlowState.Unreachable)), (6, states));

    private static FlowState WithoutGuards(FlowState s) => s.WithoutGuards();
}
