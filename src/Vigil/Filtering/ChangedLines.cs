using System.Diagnostics;
using System.Text.RegularExpressions;
using Vigil.Findings;

namespace Vigil.Filtering;

/// <summary>A revision, branch or patch that cannot be used for --new-from-*: exit status 2 with this message.</summary>
public sealed class ChangedLinesException(string message) : Exception(message);

/// <summary>
/// The lines a change adds, by repository-relative path: what --new-from-rev,
/// --new-from-merge-base and --new-from-patch compare findings with
/// (golangci-lint's revgrep semantics: a line is new when the diff adds it,
/// and an untracked file is new as a whole).
/// </summary>
public sealed partial class ChangedLines
{
    private readonly Dictionary<string, HashSet<int>> added = new(StringComparer.Ordinal);
    private readonly HashSet<string> wholeFiles = new(StringComparer.Ordinal);

    public bool IsAdded(string relativePath, int line) =>
        wholeFiles.Contains(relativePath) || (added.TryGetValue(relativePath, out var lines) && lines.Contains(line));

    /// <summary>Changes in the working tree (committed or not) since <paramref name="rev"/>, plus untracked files.</summary>
    public static ChangedLines FromRevision(string repoRoot, string rev)
    {
        Git(repoRoot, ["rev-parse", "--verify", "--quiet", rev + "^{commit}"],
            $"--new-from-rev: no revision \"{rev}\" in the repository at {repoRoot} (a shallow clone may lack it: fetch more history, e.g. fetch-depth: 0)");
        var diff = Git(repoRoot, ["diff", "--no-color", "--no-ext-diff", "--no-renames", "--src-prefix=a/", "--dst-prefix=b/", "-U0", rev, "--"], "git diff failed");
        var lines = Parse(diff);
        var untracked = Git(repoRoot, ["ls-files", "--others", "--exclude-standard"], "git ls-files failed");
        foreach (var f in untracked.Split('\n', StringSplitOptions.RemoveEmptyEntries)) lines.wholeFiles.Add(f.Trim());
        return lines;
    }

    /// <summary>Changes since the merge base of HEAD and <paramref name="branch"/>.</summary>
    public static ChangedLines FromMergeBase(string repoRoot, string branch)
    {
        var @base = Git(repoRoot, ["merge-base", branch, "HEAD"],
            $"--new-from-merge-base: no merge base of \"{branch}\" and HEAD in the repository at {repoRoot} (is the branch fetched?)").Trim();
        return FromRevision(repoRoot, @base);
    }

    /// <summary>A unified diff from a file (as git diff or GitHub's PR diff writes it), paths relative to the repository root.</summary>
    public static ChangedLines FromPatch(string patchFile)
    {
        try { return Parse(System.IO.File.ReadAllText(patchFile)); }
        catch (IOException e) { throw new ChangedLinesException($"--new-from-patch: cannot read {patchFile}: {e.Message}"); }
    }

    /// <summary>
    /// Reads the added lines of each file of a unified diff. Hunks are read by
    /// their line counts, so a removed line that starts with "--" or an added
    /// one that starts with "++" is not taken for a file header, and a context
    /// line whose leading space was stripped (some tools do) still counts.
    /// </summary>
    public static ChangedLines Parse(string diff)
    {
        var result = new ChangedLines();
        HashSet<int>? current = null;
        int newLine = 0, oldLeft = 0, newLeft = 0;
        foreach (var raw in diff.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (oldLeft > 0 || newLeft > 0)
            {
                char kind = line.Length == 0 ? ' ' : line[0];
                switch (kind)
                {
                    case '+': current?.Add(newLine++); newLeft--; break;
                    case '-': oldLeft--; break;
                    case '\\': break; // "\ No newline at end of file"
                    default: newLine++; oldLeft--; newLeft--; break;
                }
                continue;
            }
            if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                var path = StripPrefix(line[4..].Split('\t')[0].Trim());
                current = path == "/dev/null" ? null : Lines(result, path);
                continue;
            }
            var m = HunkHeader().Match(line);
            if (m.Success)
            {
                oldLeft = m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : 1;
                newLine = int.Parse(m.Groups[3].Value);
                newLeft = m.Groups[4].Success ? int.Parse(m.Groups[4].Value) : 1;
            }
        }
        return result;
    }

    private static HashSet<int> Lines(ChangedLines r, string path)
    {
        if (!r.added.TryGetValue(path, out var set)) r.added[path] = set = [];
        return set;
    }

    private static string StripPrefix(string path)
    {
        if (path.Length > 1 && path[0] == '"' && path[^1] == '"') path = path[1..^1];
        return path.StartsWith("b/", StringComparison.Ordinal) || path.StartsWith("a/", StringComparison.Ordinal) ? path[2..] : path;
    }

    private static string Git(string dir, string[] args, string failure)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["GIT_PAGER"] = "cat";
        Process p;
        try { p = Process.Start(psi) ?? throw new ChangedLinesException("cannot start git"); }
        catch (System.ComponentModel.Win32Exception) { throw new ChangedLinesException("--new-from-*: git is not on PATH; install git or drop the flag"); }
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            var detail = stderr.Result.Trim();
            throw new ChangedLinesException(detail.Length > 0 ? $"{failure}\ngit: {detail}" : failure);
        }
        return stdout;
    }

    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")]
    private static partial Regex HunkHeader();
}

/// <summary>What counts as new for --new-from-*: the finding's line (line), or any step of its trace too (trace).</summary>
public enum NewScope { Line, Trace }

/// <summary>Keeps the findings a change introduced.</summary>
public sealed class NewFindingsFilter(ChangedLines changed, NewScope scope, RepoPaths paths)
{
    public bool IsNew(Finding f)
    {
        if (changed.IsAdded(paths.Relative(f.Location.Path), f.Location.Line)) return true;
        return scope == NewScope.Trace && f.Related.Any(r => changed.IsAdded(paths.Relative(r.Location.Path), r.Location.Line));
    }
}
