using Vigil.Findings;

namespace Vigil.Output;

/// <summary>
/// go vet's text form: "file.go:LINE:COL: message (vigil-CHECK)", paths
/// relative to the working directory, the trace as tab-indented lines below.
/// </summary>
public static class TextFormat
{
    public static void Write(TextWriter w, IEnumerable<Finding> findings, string workingDirectory)
    {
        foreach (var f in findings)
        {
            w.WriteLine($"{Paths.Relative(f.Location.Path, workingDirectory)}:{f.Location.Line}:{f.Location.Column}: {f.Message} ({f.Check})");
            foreach (var r in f.Related)
                w.WriteLine($"\t{Paths.Relative(r.Location.Path, workingDirectory)}:{r.Location.Line}:{r.Location.Column}: {r.Message}");
        }
    }
}

public static class Paths
{
    /// <summary>The path relative to <paramref name="dir"/> when it lies below it, else unchanged.</summary>
    public static string Relative(string path, string dir)
    {
        if (path.Length == 0 || !System.IO.Path.IsPathRooted(path)) return path;
        var rel = System.IO.Path.GetRelativePath(dir, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }
}
