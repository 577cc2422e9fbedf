namespace Vigil.Facts;

/// <summary>
/// What a dependent can reach of a package (docs/facts.md, "Which facts a file carries"): a dependent calls
/// only the functions and methods whose names are exported (of any type: an unexported type's exported
/// methods are called through the values an exported function returns). What an exported function calls
/// through is already part of its own facts (a nil summary's trace, a race fact's inlined callees), so the
/// facts of unexported functions are never read by a dependent and are left out of the fact file.
/// </summary>
public static class Reachable
{
    /// <summary>Go's rule: a name is exported when it starts with an upper-case letter.</summary>
    public static bool IsExported(string name) => name.Length > 0 && char.IsUpper(name, 0);

    /// <summary>
    /// Whether a function's stable key (<see cref="Semantics.GoObject.Key"/>: "path.F", "path.T.M") names an
    /// exported function or method. A key of another shape (a local object's, with '@') is kept.
    /// </summary>
    public static bool KeyIsExported(string key)
    {
        if (key.Contains('@')) return true;
        int dot = key.LastIndexOf('.');
        return dot < 0 || IsExported(key[(dot + 1)..]);
    }
}
