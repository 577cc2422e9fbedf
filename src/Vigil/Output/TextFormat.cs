using Vigil.Findings;

namespace Vigil.Output;

/// <summary>
/// go vet's text form: "file.go:LINE:COL: message (vigil-CHECK)", paths
/// relative to the working directory, the trace as tab-indented lines below
/// (which vscode-go folds into the finding, and problem matchers skip). A
/// trace that follows several goroutines gets a "\tFLOW:" line before each
/// one's steps. Colour is for terminals only (the caller decides: never when
/// NO_COLOR is set, TERM is dumb or output is redirected).
/// </summary>
public sealed class TextFormat(bool color = false) : IFormat
{
    private const string Bold = "\x1b[1m", Dim = "\x1b[2m", Red = "\x1b[31m", Cyan = "\x1b[36m", Reset = "\x1b[0m";

    public void Write(TextWriter w, IReadOnlyList<Finding> findings, ReportContext context)
    {
        foreach (var f in findings)
        {
            var posn = Position(context.Paths.FromWorkingDirectory(f.Location.Path), f.Location);
            w.WriteLine(color
                ? $"{Bold}{posn}:{Reset} {Red}{f.Message}{Reset} {Dim}({f.Check}){Reset}"
                : $"{posn}: {f.Message} ({f.Check})");
            bool flows = f.Related.Select(r => r.Flow).Distinct().Count() > 1;
            string? flow = null;
            foreach (var r in f.Related)
            {
                if (flows && r.Flow != flow)
                {
                    flow = r.Flow;
                    w.WriteLine($"\t{flow ?? "trace"}:");
                }
                var indent = flows ? "\t\t" : "\t";
                var at = Position(context.Paths.FromWorkingDirectory(r.Location.Path), r.Location);
                w.WriteLine(color ? $"{indent}{Cyan}{at}:{Reset} {r.Message}" : $"{indent}{at}: {r.Message}");
            }
        }
    }

    /// <summary>
    /// "file:line:col"; a file in the working directory itself is written
    /// "./file.go", as go vet does, so that problem matchers that require a
    /// directory part (actions/setup-go's) still see it.
    /// </summary>
    private static string Position(string path, Syntax.Location at)
    {
        if (!path.Contains('/') && !System.IO.Path.IsPathRooted(path)) path = "./" + path;
        return at.IsValid ? $"{path}:{at.Line}:{at.Column}" : path;
    }

    /// <summary>Colour only on a terminal, and never with NO_COLOR (any value) or TERM=dumb.</summary>
    public static bool ShouldColor(bool outputRedirected) =>
        !outputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>The text form of findings, paths relative to <paramref name="workingDirectory"/>.</summary>
    public static void Write(TextWriter w, IEnumerable<Finding> findings, string workingDirectory) =>
        new TextFormat().Write(w, findings.ToList(), new ReportContext { Paths = new RepoPaths(workingDirectory), Sources = new SourceFiles(null), Rules = [] });
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
