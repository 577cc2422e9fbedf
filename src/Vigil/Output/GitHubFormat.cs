using Vigil.Findings;

namespace Vigil.Output;

/// <summary>
/// GitHub Actions workflow commands, one annotation per finding:
/// ::error file=F,line=L,col=C,endLine=..,endColumn=..,title=CHECK::message,
/// with the trace on the following lines of the message. Paths are relative
/// to the repository root (the workspace GitHub resolves them against).
/// Escaping follows the runner's rules: %, CR and LF in the message; also
/// ':' and ',' in properties.
/// </summary>
public sealed class GitHubFormat : IFormat
{
    public void Write(TextWriter w, IReadOnlyList<Finding> findings, ReportContext context)
    {
        foreach (var f in findings)
        {
            var props = new List<string> { "file=" + Property(context.Paths.Relative(f.Location.Path)) };
            if (f.Location.IsValid)
            {
                props.Add($"line={f.Location.Line}");
                props.Add($"col={f.Location.Column}");
                if (f.End is { IsValid: true } e && e.Path == f.Location.Path && e.Line >= f.Location.Line)
                {
                    props.Add($"endLine={e.Line}");
                    if (e.Line == f.Location.Line) props.Add($"endColumn={e.Column}");
                }
            }
            props.Add("title=" + Property(f.Check));
            var level = context.Level(f.Check) is "note" ? "notice" : context.Level(f.Check);
            var message = f.Message + string.Concat(f.Related.Select(r =>
                $"\n{context.Paths.Relative(r.Location.Path)}:{r.Location.Line}:{r.Location.Column}: {(r.Flow is null ? "" : $"[{r.Flow}] ")}{r.Message}"))
                + (f.Advice is { } advice ? "\nto fix: " + advice : "");
            w.WriteLine($"::{level} {string.Join(',', props)}::{Data(message)}");
        }
    }

    private static string Data(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string s) => Data(s).Replace(":", "%3A").Replace(",", "%2C");
}
