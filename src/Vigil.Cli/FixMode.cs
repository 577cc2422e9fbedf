using System.CommandLine;
using Vigil.Filtering;
using Vigil.Findings;
using Vigil.Fixes;

namespace Vigil.Cli;

/// <summary>
/// `vigil check --fix` and `--diff`: the suggested fixes of the reported
/// findings, applied to the files or printed as a unified diff (see docs/fixes.md).
/// </summary>
internal sealed class FixMode
{
    public readonly Option<bool> Fix = new("--fix")
    {
        Description = "Apply the suggested fixes of the reported findings (nil checks, missing locks, misspelled annotations; docs/fixes.md): "
            + "each file is rewritten whole or not at all; fixes that overlap one already applied are skipped and listed. "
            + "Findings fixed are not reported; the exit status is that of the rest.",
    };

    public readonly Option<bool> Diff = new("--diff")
    {
        Description = "Print the suggested fixes as a unified diff on stdout instead of the findings (paths a/… b/… relative to the module root, "
            + "for git apply or patch -p1); changes no file. Other formats still go to their files.",
    };

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Fix);
        cmd.Options.Add(Diff);
    }

    /// <summary>Checks the combination of flags before the run; throws a UsageException when it cannot be honoured.</summary>
    public void Validate(ParseResult r, IReadOnlyList<(string Name, string? File)> outputs, bool formatGiven)
    {
        if (r.GetValue(Fix) && r.GetValue(Diff)) throw new UsageException("use --fix (apply the fixes) or --diff (print them), not both");
        if (r.GetValue(Diff) && formatGiven && outputs.Any(o => o.File is null))
            throw new UsageException("--diff prints the diff on stdout; give the other formats a file: --format sarif=vigil.sarif");
    }

    /// <summary>
    /// Applies (--fix) or prints (--diff) the fixes of the outcome's findings; returns the outcome whose
    /// findings the formats should report: with --fix, those not fixed.
    /// </summary>
    public CheckOutcome Run(ParseResult r, CheckOutcome outcome, string workingDirectory, TextWriter stdout, TextWriter stderr)
    {
        var plan = FixPlan.Make(outcome.Filtered.Reported, outcome.Context.Sources.Bytes);
        if (r.GetValue(Diff))
        {
            var root = ModuleRoot(workingDirectory);
            foreach (var (path, (old, now)) in plan.Files)
                stdout.Write(UnifiedDiff.Of(Path.GetRelativePath(root, path).Replace('\\', '/'), old, now));
            ReportSkipped(plan, outcome, stderr);
            return outcome;
        }
        plan.Write();
        int files = plan.Files.Count;
        stderr.WriteLine($"vigil: applied {Count(plan.Applied.Count, "fix", "fixes")} in {Count(files, "file", "files")}"
            + (plan.SkippedFixes.Count > 0 ? $"; {plan.SkippedFixes.Count} skipped" : ""));
        ReportSkipped(plan, outcome, stderr);
        var fixedOnes = plan.Applied.Select(a => a.Finding).ToHashSet(ReferenceEqualityComparer.Instance);
        return outcome with { Filtered = outcome.Filtered with { Reported = outcome.Filtered.Reported.Where(x => !fixedOnes.Contains(x)).ToList() } };
    }

    private static void ReportSkipped(FixPlan plan, CheckOutcome outcome, TextWriter stderr)
    {
        foreach (var s in plan.SkippedFixes)
            stderr.WriteLine($"vigil: fix skipped: {outcome.Context.Paths.FromWorkingDirectory(s.Finding.Location.Path)}:{s.Finding.Location.Line}:{s.Finding.Location.Column}: {s.Fix.Message} ({s.Finding.Check}): {s.Reason}; run again to apply it");
    }

    /// <summary>The directory of the go.mod governing <paramref name="dir"/> (the module root), else the directory itself.</summary>
    private static string ModuleRoot(string dir)
    {
        for (var d = new DirectoryInfo(dir); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "go.mod"))) return d.FullName;
        return dir;
    }

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
