namespace Vigil.Analysis.Escape;

/// <summary>A reason a promise is about, and whether it concerns only the function's own body.</summary>
public readonly record struct ReasonScope(EscapeReason Reason, bool Local);

/// <summary>
/// What a function's doc comment promises. <c>+checkescape</c>: none of
/// <see cref="Forbidden"/> may occur (only in the body itself when
/// <see cref="Local"/>). <c>+mustescape</c>: each of <see cref="Required"/>
/// must occur with exactly the given locality (gVisor's semantics).
/// </summary>
public sealed class Promise
{
    public List<EscapeReason> Forbidden { get; } = [];
    public bool Local { get; set; }
    public List<ReasonScope> Required { get; } = [];
    public bool IsEmpty => Forbidden.Count == 0 && Required.Count == 0;
}

/// <summary>A line of an annotation that is wrong; always reported, never ignored.</summary>
public sealed record AnnotationMistake(int CommentIndex, string Message)
{
    /// <summary>For a misspelled magic word: the comment's first <c>Length</c> characters, and the correct spelling to put there.</summary>
    public (int Length, string Text)? Correction { get; init; }
}

/// <summary>An <c>// escapes: reason</c> comment: exempts the escapes of its line.</summary>
public sealed record Exemption(string Path, int Line, int Column, string Reason);
