using System.Collections.Immutable;
using Vigil.Findings;

namespace Vigil.Analysis.Nil;

/// <summary>
/// What callers need to know about a function, inferred from its body:
/// which results can be nil (and how), which parameters it dereferences
/// before checking them, and whether it returns at all.
/// </summary>
public sealed class FunctionSummary
{
    public FunctionSummary(int results, int parameters)
    {
        Results = new ImmutableList<RelatedLocation>?[results];
        ResultNilWithNilError = new bool[results];
        ResultNotNil = new bool[results];
        ResultLiteralNil = new bool[results];
        ResultSelfChecked = new bool[results];
        ResultNilOutsidePrecondition = new bool[results];
        Params = new ImmutableList<RelatedLocation>?[parameters];
        ClosedChannelResults = new Vigil.Syntax.Location?[results];
    }

    /// <summary>Per result: the flow of a nil it can return, or null when it never returns nil.</summary>
    public ImmutableList<RelatedLocation>?[] Results { get; }

    /// <summary>Per result: true when some return gives a value not known to be nil (or a nil only for a nil argument).</summary>
    public bool[] ResultNotNil { get; }

    /// <summary>Per result: true when some return gives a literal `nil` for it, not only for a nil argument.</summary>
    public bool[] ResultLiteralNil { get; }

    /// <summary>Per result: true when some return gives a value the function itself compared with nil and found nil (<see cref="Fact.SelfChecked"/>).</summary>
    public bool[] ResultSelfChecked { get; }

    /// <summary>
    /// Per result: true when some return gives a nil for it that no condition on the arguments alone
    /// leads to (see <see cref="Preconditions"/>).
    /// </summary>
    public bool[] ResultNilOutsidePrecondition { get; }

    /// <summary>
    /// True when result <paramref name="i"/> is nil only for arguments the function rejects: every
    /// return of a nil for it is under a condition that reads the arguments alone (<see cref="Preconditions"/>).
    /// </summary>
    public bool NilOnlyForArguments(int i) => Results[i] is not null && !ResultNilOutsidePrecondition[i];

    /// <summary>
    /// True when every return gives nil for result <paramref name="i"/> (`func gen() *T { return nil }`,
    /// a stub): its nil is the function's only outcome, not an internal case callers know to avoid.
    /// </summary>
    public bool AlwaysNil(int i) => Results[i] is not null && !ResultNotNil[i];

    /// <summary>Per result of a (..., error) function: true when it can be nil while the error is nil too.</summary>
    public bool[] ResultNilWithNilError { get; }

    /// <summary>
    /// Per parameter (the receiver first, for methods): where the function
    /// dereferences it without checking it first, or null.
    /// </summary>
    public ImmutableList<RelatedLocation>?[] Params { get; }

    /// <summary>Per channel result: where the channel is closed, possibly before any send (receivers then get nil).</summary>
    public Vigil.Syntax.Location?[] ClosedChannelResults { get; }

    /// <summary>True when no path through the body returns (it always panics, exits or fails the test).</summary>
    public bool NoReturn { get; set; }

    /// <summary>
    /// The same summary for a function whose nil results callers never see (a checked downcast of its
    /// receiver, <see cref="Downcasts"/>): what it dereferences, and no nil result. What a dependent
    /// reads from the facts when it cannot recognise the shape itself (no body under go vet).
    /// </summary>
    public FunctionSummary WithoutNilResults()
    {
        var s = new FunctionSummary(Results.Length, Params.Length) { NoReturn = NoReturn };
        Params.CopyTo(s.Params, 0);
        for (int i = 0; i < Results.Length; i++) s.ResultNotNil[i] = true;
        return s;
    }

    /// <summary>
    /// True when the summaries say the same to callers, traces included (<see cref="SameAs"/> compares
    /// the facts only): a caller's reports, which quote the traces, are then those it would find again.
    /// </summary>
    public bool Identical(FunctionSummary o)
    {
        if (!SameAs(o)) return false;
        for (int i = 0; i < Results.Length; i++)
            if (!Same(Results[i], o.Results[i]) || ClosedChannelResults[i] != o.ClosedChannelResults[i]) return false;
        for (int i = 0; i < Params.Length; i++)
            if (!Same(Params[i], o.Params[i])) return false;
        return true;
        static bool Same(ImmutableList<RelatedLocation>? a, ImmutableList<RelatedLocation>? b) =>
            a is null ? b is null : b is not null && a.SequenceEqual(b);
    }

    public bool SameAs(FunctionSummary o)
    {
        if (NoReturn != o.NoReturn) return false;
        for (int i = 0; i < Results.Length; i++)
            if ((ClosedChannelResults[i] is null) != (o.ClosedChannelResults[i] is null)
                || (Results[i] is null) != (o.Results[i] is null) || ResultNilWithNilError[i] != o.ResultNilWithNilError[i]
                || ResultNotNil[i] != o.ResultNotNil[i] || ResultLiteralNil[i] != o.ResultLiteralNil[i]
                || ResultSelfChecked[i] != o.ResultSelfChecked[i]
                || ResultNilOutsidePrecondition[i] != o.ResultNilOutsidePrecondition[i]) return false;
        for (int i = 0; i < Params.Length; i++)
            if ((Params[i] is null) != (o.Params[i] is null)) return false;
        return true;
    }
}
