using Vigil.Findings;

namespace Vigil.Output;

/// <summary>
/// go vet's text form: "file.go:LINE:COL: message (vigil-CHECK)", paths
/// relative to the working directory, the trace as tab-indented lines below.
/// A trace line is "\tfile.go:LINE:COL:\tstep": the position stays clickable
/// in terminals and editors, but the tab after its colon keeps CI problem
/// matchers (actions/setup-go's wants "file.go:L:C: " with a space) from
/// turning every step into an annotation of its own: one finding, one match.
/// A trace that follows several goroutines gets a "\tFLOW:" line before each
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
                w.WriteLine(color ? $"{indent}{Cyan}{at}:{Reset}\t{r.Message}" : $"{indent}{at}:\t{r.Message}");
            }
            // No position on this line: problem matchers and editors take it as part of the finding above.
            if (f.Advice is { } advice) w.WriteLine(color ? $"\t{Dim}to fix:{Reset} {advice}" : $"\tto fix: {advice}");
        }
    }

    /// <summary>
    /// "file:line:col"; a path below the working directory is written
    /// "./dir/file.go". actions/setup-go's problem matcher is unanchored and
    /// takes the file from the first "/" or "./": "dir/file.go" would reach
    /// GitHub as "/file.go", "./dir/file.go" reaches it whole.
    /// </summary>
    private static string Position(string path, Syntax.Location at)
    {
        if (!System.IO.Path.IsPathRooted(path) && !path.StartsWith("./", StringComparison.Ordinal) && !path.StartsWith("../", StringComparison.Ordinal))
            path = "./" + path;
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
