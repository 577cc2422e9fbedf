namespace Vigil.Analysis.Escape;

/// <summary>A position the compiler printed: a full file path and a 1-based line (and column when known, else 0).</summary>
public readonly record struct SourcePos(string File, int Line, int Column = 0)
{
    public override string ToString() => Column > 0 ? $"{File}:{Line}:{Column}" : $"{File}:{Line}";
    public bool SameLine(SourcePos o) => Line == o.Line && File == o.File;
}

/// <summary>A CALL instruction: where it is (the innermost source position, after inlining) and its target.</summary>
/// <param name="Target">The called symbol ("runtime.newobject", "example.com/p.grow"), or null for an indirect call through a register.</param>
public sealed record AsmCall(SourcePos Pos, string? Target);

/// <summary>One function as the compiler emitted it (a TEXT symbol of <c>-S</c> output).</summary>
public sealed class CompiledFunction
{
    public CompiledFunction(string symbol, string package, bool noSplit) { Symbol = symbol; Package = package; NoSplit = noSplit; }

    /// <summary>The linker symbol, e.g. "example.com/p.(*T).M", "example.com/p.F.func1", "example.com/p.Map[go.shape.int]".</summary>
    public string Symbol { get; }
    /// <summary>The package being compiled when this symbol was emitted (generic instances are emitted by their users).</summary>
    public string Package { get; }
    public bool NoSplit { get; }
    public List<AsmCall> Calls { get; } = [];
    /// <summary>The first position seen in the function's code (its declaration line: the stack check is there).</summary>
    public SourcePos? Entry { get; set; }

    /// <summary>A copy with every position's file mapped (see <see cref="PathCanonicalizer"/>).</summary>
    public CompiledFunction WithPaths(Func<SourcePos, SourcePos> map)
    {
        var copy = new CompiledFunction(Symbol, Package, NoSplit) { Entry = Entry is { } e ? map(e) : null };
        copy.Calls.AddRange(Calls.Select(c => c with { Pos = map(c.Pos) }));
        return copy;
    }

    public override string ToString() => Symbol;
}

/// <summary>
/// One escape decision from the compiler's <c>-json=0</c> log: the message
/// (e.g. "&amp;Packet{...} escapes to heap"), the outermost position (in the
/// function the code was inlined into), the inline chain from outer to
/// inner, and the flow that explains it.
/// </summary>
public sealed record EscapeRecord(string Package, SourcePos Outer, IReadOnlyList<SourcePos> InlineChain, string Message, IReadOnlyList<string> Flow)
{
    /// <summary>Where the escaping expression is written: the innermost position of the inline chain.</summary>
    public SourcePos Inner => InlineChain.Count > 0 ? InlineChain[^1] : Outer;
}

/// <summary>What the compiler said about a set of packages: their machine code and their escape decisions.</summary>
public sealed class CompilerOutput
{
    public List<CompiledFunction> Functions { get; } = [];
    public List<EscapeRecord> Escapes { get; } = [];
    /// <summary>Packages that failed to compile, with the compiler's message.</summary>
    public List<string> Errors { get; } = [];
}
