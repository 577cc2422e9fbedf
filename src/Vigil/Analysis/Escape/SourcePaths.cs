namespace Vigil.Analysis.Escape;

/// <summary>Comparing file paths of objects (from source or export data) with the compiler's full paths.</summary>
public static class SourcePaths
{
    /// <summary>
    /// True when an object's declared file is the compiler's file. Objects of
    /// packages loaded from export data may carry "$GOROOT/src/..." paths,
    /// which the compiler prints with the real GOROOT.
    /// </summary>
    public static bool Same(string objectPath, string compilerPath)
    {
        if (objectPath == compilerPath) return true;
        const string goroot = "$GOROOT";
        return objectPath.StartsWith(goroot + "/", StringComparison.Ordinal)
               && compilerPath.EndsWith(objectPath[goroot.Length..], StringComparison.Ordinal);
    }
}
