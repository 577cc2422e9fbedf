namespace Vigil.Analysis.Escape;

/// <summary>
/// Why code may put something on the heap, in gVisor checkescape's words.
/// Hard reasons are allocations the compiler emitted; soft reasons are calls
/// whose target (and so whose allocations) cannot be known statically.
/// </summary>
public enum EscapeReason
{
    /// <summary>An explicit heap allocation: newobject, mallocgc, boxing into an interface (hard).</summary>
    Heap,
    /// <summary>A call to an allocating runtime builtin: makeslice, growslice, makemap, concatstring... (hard).</summary>
    Builtin,
    /// <summary>A method call through an interface that the compiler did not devirtualize (soft).</summary>
    Interface,
    /// <summary>A call through a function value (soft).</summary>
    Dynamic,
    /// <summary>A stack-split check on function entry, which may grow the stack (soft).</summary>
    Stack,
    /// <summary>A call into code Vigil did not compile, so its escapes are unknown (soft).</summary>
    Unknown,
}

public static class EscapeReasons
{
    public static readonly EscapeReason[] Hard = [EscapeReason.Heap, EscapeReason.Builtin];
    public static readonly EscapeReason[] All =
        [EscapeReason.Heap, EscapeReason.Builtin, EscapeReason.Interface, EscapeReason.Dynamic, EscapeReason.Stack, EscapeReason.Unknown];

    /// <summary>The word users write after the colon, and that starts a report: "heap", "builtin"...</summary>
    public static string Word(this EscapeReason r) => r switch
    {
        EscapeReason.Heap => "heap",
        EscapeReason.Builtin => "builtin",
        EscapeReason.Interface => "interface",
        EscapeReason.Dynamic => "dynamic",
        EscapeReason.Stack => "stack",
        _ => "unknown",
    };

    public static EscapeReason? FromWord(string word) =>
        All.Cast<EscapeReason?>().FirstOrDefault(r => r!.Value.Word() == word);
}
