using System.Collections.Immutable;
using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// What the analysis knows about one value at one program point. Anything not
/// known to be nil is treated as non-nil: the check prefers missing a panic to
/// reporting one that cannot happen.
/// </summary>
public enum Nilness : byte
{
    /// <summary>Not known to be nil (checked, allocated, or simply unknown).</summary>
    NonNil,
    /// <summary>Nil on at least one path that reaches here; Trace says where it came from.</summary>
    Nilable,
    /// <summary>The unchanged value of a parameter (or receiver) of the function being analyzed.</summary>
    Param,
}

/// <summary>A value's nilness with the flow that explains it (from its nil source to here).</summary>
public sealed record Fact(Nilness Kind, ImmutableList<RelatedLocation> Trace, int ParamIndex = -1)
{
    /// <summary>
    /// For a nil returned by a call: the callee's key. Such a nil is reported
    /// only if some caller somewhere checks that callee's result for nil: the
    /// evidence that the nil really happens (see Inference).
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>
    /// A nil known only because a struct field was compared with nil (`if c.conn == nil`).
    /// It holds in that branch; past the merge it is dropped: a field's nilness is state
    /// that other methods and conditions keep (`if t.ts != nil { ... }; ...; if heaped { t.ts.n++ }`).
    /// </summary>
    public bool FieldCheck { get; init; }

    /// <summary>
    /// For a <see cref="FieldCheck"/> nil made by one operand of a disjunction that enters a branch
    /// (`if c.conn == nil || c.closed { c.conn.x }`): how many merges with the other operands'
    /// edges it survives. Those merges are the branch's own entry, not a merge past it: in the
    /// branch, the field may be nil.
    /// </summary>
    public int Disjuncts { get; init; }

    /// <summary>
    /// For the nil of a variable declared without a value and assigned by one optional branch
    /// only (see <see cref="PartialAssignments"/>): the variable. Such a nil is reported at a use
    /// after the branch in the declaring block, where no condition of the use can correlate.
    /// </summary>
    public int? PartialVar { get; init; }

    /// <summary>
    /// A nil the function found itself: the `== nil` branch of a check of a local value (not a
    /// parameter, not a field). Returned as it is (`m := s.items[k]; if m == nil { log(...) };
    /// return m`), it is the function's own "not found" answer (see <see cref="ResultEvidence"/>).
    /// </summary>
    public bool SelfChecked { get; init; }

    public static readonly Fact NonNil = new(Nilness.NonNil, ImmutableList<RelatedLocation>.Empty);

    /// <summary>Non-nil because the code checked it (kept in the state, unlike unknown values, so that sources defined by type, like std fields, stay refined).</summary>
    public static readonly Fact Checked = new(Nilness.NonNil, ImmutableList<RelatedLocation>.Empty, -2);

    public bool IsChecked => Kind == Nilness.NonNil && ParamIndex <= -2;

    /// <summary>
    /// Non-nil because it was just made (`new(T)`, `&amp;v`, `&amp;T{}`, `make(...)`, a literal): stronger than
    /// checked, a comparison with nil cannot succeed (its `== nil` branch is unreachable).
    /// A kind of <see cref="IsChecked"/>: kept in the state and through calls like a check.
    /// </summary>
    public static readonly Fact Allocated = new(Nilness.NonNil, ImmutableList<RelatedLocation>.Empty, -3);
    public bool IsAllocated => Kind == Nilness.NonNil && ParamIndex == -3;

    /// <summary>
    /// An error variable just given a new error (`err = fmt.Errorf(…)`, `err = &amp;PathError{…}`): a
    /// kind of <see cref="IsChecked"/>. At a merge, a value nil on this side and set on the other is
    /// set whenever the error is nil (FlowState.Join): "nil together with an error".
    /// </summary>
    public static readonly Fact FreshError = new(Nilness.NonNil, ImmutableList<RelatedLocation>.Empty, -4);
    public bool IsFreshError => Kind == Nilness.NonNil && ParamIndex == -4;

    /// <summary>Longest trace kept: flows through long chains keep their first and last steps.</summary>
    public const int MaxTrace = 12;

    public bool IsNilable => Kind == Nilness.Nilable;

    public static Fact Source(Location at, string message) =>
        new(Nilness.Nilable, ImmutableList.Create(new RelatedLocation(at, message)));

    public static Fact FromTrace(ImmutableList<RelatedLocation> trace) => new(Nilness.Nilable, trace);

    public static Fact OfParam(int index) => new(Nilness.Param, ImmutableList<RelatedLocation>.Empty, index);

    /// <summary>This fact with one more step appended (only nilable facts carry traces).</summary>
    public Fact Then(Location at, string message)
    {
        if (Kind != Nilness.Nilable) return this;
        return this with { Trace = Append(Trace, new RelatedLocation(at, message)) };
    }

    public static ImmutableList<RelatedLocation> Append(ImmutableList<RelatedLocation> trace, RelatedLocation step)
    {
        if (trace.Count >= MaxTrace) trace = trace.RemoveAt(trace.Count - 2);
        return trace.Add(step);
    }

    /// <summary>The join at a control-flow merge: nil on either side makes it nilable.</summary>
    public static Fact Join(Fact a, Fact b)
    {
        if (a.FieldCheck && a.IsNilable && !b.IsNilable) return a.Disjuncts > 0 ? a with { Disjuncts = a.Disjuncts - 1 } : b;
        if (b.FieldCheck && b.IsNilable && !a.IsNilable) return b.Disjuncts > 0 ? b with { Disjuncts = b.Disjuncts - 1 } : a;
        if (a.Kind == Nilness.Nilable && b.Kind == Nilness.Nilable)
            return Preference(b).CompareTo(Preference(a)) < 0 ? b : a;
        if (a.Kind == Nilness.Nilable) return a;
        if (b.Kind == Nilness.Nilable) return b;
        if (a.Kind == Nilness.Param && b.Kind == Nilness.Param && a.ParamIndex == b.ParamIndex) return a;
        if (a.IsAllocated && b.IsAllocated) return a;
        if (a.IsFreshError && b.IsFreshError) return a;
        if (a.IsChecked && b.IsChecked) return Checked;
        return NonNil;
    }

    /// <summary>
    /// Which of two nils a merge keeps (lower first), so that the join is commutative and
    /// associative: a real nil before one known only from a field comparison, a reportable
    /// flow before an unchecked one, a nil of unknown origin before a parameter compared
    /// with nil (then the lower parameter).
    /// </summary>
    private static (int, int, int) Preference(Fact f) =>
        (f.FieldCheck ? 1 : 0, f.Origin == FunctionAnalysis.UncheckedOrigin ? 1 : 0, f.ParamIndex < 0 ? -1 : f.ParamIndex);

    /// <summary>
    /// Equality for the fixed point: the same kind and, for nils, the same <see cref="Preference"/>. Traces are
    /// ignored (they would never settle), but which nil a merge keeps is not: a loop head that first saw an
    /// unchecked nil (a variable declared without a value) and later receives a reportable one from the back
    /// edge has changed, and the reportable flow must go round the loop.
    /// </summary>
    public bool SameAs(Fact o) => Kind == o.Kind && ParamIndex == o.ParamIndex && (Kind != Nilness.Nilable || Preference(this) == Preference(o));
}
