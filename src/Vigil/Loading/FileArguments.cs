namespace Vigil.Loading;

/// <summary>
/// `vigil check a/x.go b/y.go`, as pre-commit and editors call it: go list
/// takes named files only from one directory (and then as an ad-hoc package
/// without its siblings, so a flow through another file of the package is
/// lost). Named files are mapped to the packages of their directories,
/// which are analyzed whole, and only the named files' findings are reported.
/// </summary>
public static class FileArguments
{
    /// <summary>
    /// The patterns to load, and the named files (absolute paths) whose findings
    /// alone are to be reported, or null when no file was named.
    /// </summary>
    public static (IReadOnlyList<string> Patterns, IReadOnlySet<string>? Files) Map(IReadOnlyList<string> args, string workingDirectory)
    {
        var files = args.Where(a => a.EndsWith(".go", StringComparison.Ordinal)).ToList();
        if (files.Count == 0) return (args, null);
        if (files.Count != args.Count)
            throw new ArgumentException("name either packages or .go files, not both (files are analyzed with the rest of their package)");
        var named = new SortedSet<string>(StringComparer.Ordinal);
        var dirs = new List<string>();
        foreach (var f in files)
        {
            var full = Path.GetFullPath(f, workingDirectory);
            if (!File.Exists(full)) throw new ArgumentException($"no file {f} (from {workingDirectory})");
            named.Add(full);
            var dir = Path.GetDirectoryName(full)!;
            var pattern = Pattern(dir, workingDirectory);
            if (!dirs.Contains(pattern)) dirs.Add(pattern);
        }
        return (dirs, named);
    }

    /// <summary>A directory as go list takes it: "./rel" below the working directory, else absolute.</summary>
    private static string Pattern(string dir, string workingDirectory)
    {
        var rel = Path.GetRelativePath(workingDirectory, dir);
        if (rel == ".") return ".";
        return rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? dir : "./" + rel;
    }
}
