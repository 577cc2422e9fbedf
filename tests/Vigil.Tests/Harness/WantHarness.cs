using System.Text;
using System.Text.RegularExpressions;
using Vigil.Analysis;
using Vigil.Findings;
using Vigil.Loading;

namespace Vigil.Tests.Harness;

/// <summary>
/// The `// want "REGEXP"` convention of Go's analysistest: a comment on the
/// line where a finding must be reported, whose regular expression must match
/// the finding's message (trace lines included). A finding on a line with no
/// matching want, or a want with no finding, fails the test; the failure
/// lists both in a form that can be pasted back into the Go file.
/// </summary>
public static partial class WantHarness
{
    public sealed record Want(string File, int Line, Regex Pattern, string Source);

    /// <summary>Loads <paramref name="patterns"/> in <paramref name="dir"/>, runs the analyzers, and checks the findings against the wants.</summary>
    public static AnalysisResult Check(string dir, string[] patterns, params Analyzer[] analyzers) =>
        Check(TestLoads.Load(dir, patterns), analyzers);

    public static AnalysisResult Check(GoProgram program, params Analyzer[] analyzers)
    {
        var result = Driver.Run(program, analyzers);
        var problems = Compare(program, result.Findings);
        foreach (var e in result.Errors) problems.Insert(0, $"tool error: {e.Analyzer} on {e.Package}: {e.Message}");
        foreach (var p in program.Packages)
            foreach (var e in p.Errors) problems.Insert(0, $"package error in {p.Id}: {e}");
        if (problems.Count > 0) Xunit.Assert.Fail(string.Join("\n", problems));
        return result;
    }

    /// <summary>The differences between findings and wants, as lines; empty when they agree.</summary>
    public static List<string> Compare(GoProgram program, IReadOnlyList<Finding> findings)
    {
        var wants = CollectWants(program);
        var unmatched = new List<Finding>();
        var used = new HashSet<Want>();
        foreach (var f in findings)
        {
            var w = wants.FirstOrDefault(w => !used.Contains(w) && w.File == f.Location.Path && w.Line == f.Location.Line && w.Pattern.IsMatch(f.FullText));
            if (w is null) unmatched.Add(f);
            else used.Add(w);
        }
        var problems = new List<string>();
        foreach (var f in unmatched)
        {
            problems.Add($"unexpected finding: {f.Location}: {f.Message} ({f.Check})");
            foreach (var r in f.Related) problems.Add($"\t{r.Location}: {r.Message}");
            problems.Add($"\tto expect it, add: // want `{Regex.Escape(f.Message.Split('\n')[0]).Replace("`", ".")}`");
        }
        foreach (var w in wants.Where(w => !used.Contains(w)))
            problems.Add($"missing finding: {w.File}:{w.Line}: no finding matches // want {w.Source}");
        return problems;
    }

    public static List<Want> CollectWants(GoProgram program)
    {
        var wants = new List<Want>();
        var seenFiles = new HashSet<string>();
        foreach (var pkg in program.Packages.Where(p => !p.IsDependency)) // dependencies are analyzed for facts, not reported
            foreach (var file in pkg.Files)
            {
                if (!seenFiles.Add(file.Path)) continue; // a file in both a package and its test variant
                foreach (var group in file.Syntax.Comments)
                    foreach (var c in group.List)
                    {
                        var text = c.Text;
                        int at = text.IndexOf("// want ", StringComparison.Ordinal);
                        if (at < 0 && text.StartsWith("//want ", StringComparison.Ordinal)) at = 0;
                        if (at < 0) continue;
                        int line = file.Location(c.Pos).Line;
                        foreach (Match m in WantPattern().Matches(text[(at + 7)..]))
                        {
                            string src = m.Value;
                            string re = m.Groups[1].Success ? Unquote(m.Groups[1].Value) : m.Groups[2].Value;
                            wants.Add(new Want(file.Path, line, new Regex(re), src));
                        }
                    }
            }
        return wants;
    }

    // Go's strconv.Unquote for the escapes that appear in want patterns.
    private static string Unquote(string s)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length) { sb.Append(s[i]); continue; }
            char n = s[++i];
            sb.Append(n switch { 'n' => '\n', 't' => '\t', '"' => '"', '\\' => '\\', _ => n });
            if (n is not ('n' or 't' or '"' or '\\')) sb.Insert(sb.Length - 1, '\\');
        }
        return sb.ToString();
    }

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"|`([^`]*)`")]
    private static partial Regex WantPattern();
}
