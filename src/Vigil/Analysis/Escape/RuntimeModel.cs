namespace Vigil.Analysis.Escape;

/// <summary>
/// What a call into the Go runtime means for escapes. The compiler lowers
/// allocations to calls of a small set of runtime entry points; those are
/// the hard escapes. The rest of the runtime (bounds panics, write barriers,
/// map lookups, memmove...) is modelled as not allocating rather than
/// analyzed, because recursing into runtime internals yields noise, not
/// answers a user can act on.
/// </summary>
public static class RuntimeModel
{
    /// <summary>The reason and a readable description of a runtime call, or null when it does not allocate.</summary>
    public static (EscapeReason Reason, string What)? Classify(string symbol)
    {
        if (!symbol.StartsWith("runtime.", StringComparison.Ordinal)) return null;
        string f = symbol["runtime.".Length..];
        if (f.StartsWith("morestack", StringComparison.Ordinal)) return (EscapeReason.Stack, "stack split on function entry (runtime." + f + ")");
        return f switch
        {
            "newobject" => (EscapeReason.Heap, "heap allocation (runtime.newobject)"),
            "mallocgc" => (EscapeReason.Heap, "heap allocation (runtime.mallocgc)"),
            "newarray" => (EscapeReason.Heap, "heap array allocation (runtime.newarray)"),
            _ when f.StartsWith("convT", StringComparison.Ordinal) => (EscapeReason.Heap, $"value boxed into an interface (runtime.{f})"),
            _ when f.StartsWith("makeslice", StringComparison.Ordinal) => (EscapeReason.Builtin, $"make of a heap slice (runtime.{f})"),
            "growslice" => (EscapeReason.Builtin, "append may grow the slice (runtime.growslice)"),
            _ when f.StartsWith("makemap", StringComparison.Ordinal) => (EscapeReason.Builtin, $"make of a heap map (runtime.{f})"),
            _ when f.StartsWith("makechan", StringComparison.Ordinal) => (EscapeReason.Builtin, $"make of a channel (runtime.{f})"),
            _ when f.StartsWith("concatstring", StringComparison.Ordinal) => (EscapeReason.Builtin, $"string concatenation (runtime.{f})"),
            "slicebytetostring" => (EscapeReason.Builtin, "string([]byte) conversion (runtime.slicebytetostring)"),
            "stringtoslicebyte" => (EscapeReason.Builtin, "[]byte(string) conversion (runtime.stringtoslicebyte)"),
            "stringtoslicerune" => (EscapeReason.Builtin, "[]rune(string) conversion (runtime.stringtoslicerune)"),
            "slicerunetostring" => (EscapeReason.Builtin, "string([]rune) conversion (runtime.slicerunetostring)"),
            "intstring" => (EscapeReason.Builtin, "string(rune) conversion (runtime.intstring)"),
            "newproc" => (EscapeReason.Builtin, "go statement starts a goroutine (runtime.newproc)"),
            "deferproc" => (EscapeReason.Builtin, "defer record on the heap (runtime.deferproc)"),
            _ => null,
        };
    }

    /// <summary>Targets that are not Go functions Vigil could analyze but are known not to allocate (intrinsics, assembly helpers).</summary>
    public static bool IsKnownClean(string symbol) =>
        symbol.StartsWith("runtime.", StringComparison.Ordinal)
        || symbol.StartsWith("internal/runtime/", StringComparison.Ordinal)
        || symbol.StartsWith("sync/atomic.", StringComparison.Ordinal)
        || symbol.StartsWith("internal/abi.", StringComparison.Ordinal)
        || symbol.StartsWith("internal/bytealg.", StringComparison.Ordinal)
        || symbol.StartsWith("type:", StringComparison.Ordinal)
        || symbol.StartsWith("gclocals", StringComparison.Ordinal);
}
