using Vigil.Syntax;

namespace Vigil.Findings;

/// <summary>
/// What the filters and formats need to know about one Go file without its
/// syntax tree: its package, the comments that may be directives (with the
/// lines around them that decide what they cover), whether it says it is
/// generated, and where its functions are. Computed from a loaded file, and
/// kept in the result cache so that a run served from the cache filters and
/// prints exactly as a run that loaded the file.
/// </summary>
public sealed record FileFacts
{
    public required string Path { get; init; }
    /// <summary>The go list ImportPath of the package the file was loaded with.</summary>
    public required string Package { get; init; }
    public IReadOnlyList<DirectiveSite> Directives { get; init; } = [];
    /// <summary>A "// Code generated ... DO NOT EDIT." line before the package clause (go/ast.IsGenerated).</summary>
    public bool GeneratedStrict { get; init; }
    /// <summary>One of golangci-lint's lax generated-file markers before the package clause.</summary>
    public bool GeneratedLax { get; init; }
    /// <summary>Function declarations by byte range, in file order.</summary>
    public IReadOnlyList<FunctionSpan> Functions { get; init; } = [];

    public string EnclosingFunction(Location at)
    {
        if (at.Offset < 0) return "";
        foreach (var f in Functions)
            if (f.Start <= at.Offset && at.Offset < f.End) return f.Name;
        return "";
    }
}

/// <summary>
/// A // comment that may be a directive, with what decides the lines it
/// covers: whether code precedes it on its line, the line of the package
/// clause, the last line of its comment group, and the last line of the
/// largest node that starts on the line below at the comment's column.
/// </summary>
public sealed record DirectiveSite(string Text, Location Location, bool Trailing, int PackageLine, int GroupEndLine, int? NodeBelowEnd);

/// <summary>A function declaration's byte range and its name as Go prints it in stack traces ("F", "(*T).M").</summary>
public sealed record FunctionSpan(int Start, int End, string Name);
