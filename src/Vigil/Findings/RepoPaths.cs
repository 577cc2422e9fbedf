namespace Vigil.Findings;

/// <summary>
/// Repository-relative paths with '/' separators, as SARIF, baselines,
/// diffs and exclusion rules use them: relative to the git work tree's root
/// (found by walking up to .git), or to the working directory outside git.
/// Symbolic links are resolved first, so the same file always gets the same path.
/// </summary>
public sealed class RepoPaths
{
    public RepoPaths(string workingDirectory)
    {
        WorkingDirectory = Resolve(workingDirectory);
        Root = FindGitRoot(WorkingDirectory) ?? WorkingDirectory;
    }

    public string Root { get; }
    public string WorkingDirectory { get; }

    public static string? FindGitRoot(string dir)
    {
        for (var d = new DirectoryInfo(dir); d != null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, ".git")) || System.IO.File.Exists(Path.Combine(d.FullName, ".git")))
                return d.FullName;
        return null;
    }

    /// <summary>The path relative to the root, with '/'; unchanged (but with '/') when it lies outside.</summary>
    public string Relative(string path) => RelativeTo(Root, path);

    /// <summary>The path relative to the working directory, as go vet prints it; unchanged when outside.</summary>
    public string FromWorkingDirectory(string path) => RelativeTo(WorkingDirectory, path);

    private static string RelativeTo(string dir, string path)
    {
        if (path.Length == 0 || !Path.IsPathRooted(path)) return path.Replace('\\', '/');
        var rel = Path.GetRelativePath(dir, Resolve(path));
        return (rel.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(rel) ? path : rel).Replace('\\', '/');
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> resolved = new(StringComparer.Ordinal);

    private static string Resolve(string path) => resolved.GetOrAdd(path, ResolveUncached);

    private static string ResolveUncached(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            // Resolve symlinks in every component: the file's own link and its directories'.
            var dir = Path.GetDirectoryName(full);
            var resolvedDir = dir is null ? null : ResolveDirectory(dir);
            var combined = resolvedDir is null ? full : Path.Combine(resolvedDir, Path.GetFileName(full));
            var info = new FileInfo(combined);
            return info.LinkTarget is not null ? info.ResolveLinkTarget(true)?.FullName ?? combined : combined;
        }
        catch (IOException) { return path; }
    }

    private static string ResolveDirectory(string dir)
    {
        var parent = Path.GetDirectoryName(dir);
        var resolvedParent = parent is null ? null : ResolveDirectory(parent);
        var here = resolvedParent is null ? dir : Path.Combine(resolvedParent, Path.GetFileName(dir));
        var info = new DirectoryInfo(here);
        return info.LinkTarget is not null ? info.ResolveLinkTarget(true)?.FullName ?? here : here;
    }
}
