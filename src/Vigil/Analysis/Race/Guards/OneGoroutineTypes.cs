using Vigil.Semantics;

namespace Vigil.Analysis.Race;

/// <summary>
/// Types meant for one goroutine at a time by their protocol, whatever locks they hold inside: an iterator, whose
/// <c>Next() bool</c> moves a position that the accessor called after it reads (<c>for it.SetNext() { it.Value() }</c>).
/// Two goroutines calling them on one value would get each other's elements, so the caller owns the value; a mutex
/// inside guards what the iterator shares with its container, not the iterator against itself. The lock-consistency
/// rule (<see cref="GuardedFields"/>) does not take their methods as concurrent without other evidence (a goroutine
/// the package starts on the value is still paired by the other rules).
/// </summary>
public static class OneGoroutineTypes
{
    private static readonly HashSet<string> Advancers = ["Next", "SetNext", "Advance", "MoveNext"];

    /// <summary>The type has an iterator's advancing method: one of <see cref="Advancers"/> with no parameters returning one bool.</summary>
    public static bool IsIterator(GoNamed type) => type.Methods.Any(m =>
        Advancers.Contains(m.Name) && m.Signature is { Params.Count: 0, Results.Count: 1 } sig
        && sig.Results[0].Type?.Underlying is GoBasic { BasicKind: BasicKind.Bool });
}
