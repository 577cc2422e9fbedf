using System.Diagnostics;
using Vigil.Findings;
using Vigil.Loading;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Fixes;

/// <summary>
/// A copy of testdata packages in a temporary module (vigil.test, as tests/testdata), to apply fixes to
/// without touching the originals; deleted on dispose.
/// </summary>
internal sealed class FixCopy : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("vigil-fixes-").FullName;

    /// <param name="packages">Directories under tests/testdata, e.g. "fixes/nilfix".</param>
    public FixCopy(params string[] packages)
    {
        File.Copy(Path.Combine(Repo.Testdata, "go.mod"), Path.Combine(Dir, "go.mod"));
        foreach (var pkg in packages)
        {
            var from = Path.Combine(Repo.Testdata, pkg);
            var to = Path.Combine(Dir, pkg);
            Directory.CreateDirectory(to);
            foreach (var f in Directory.GetFiles(from, "*.go")) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        }
    }

    /// <summary>The path in the copy of a file of tests/testdata.</summary>
    public string Map(string original) => Path.Combine(Dir, Path.GetRelativePath(Repo.Testdata, original));

    /// <summary>The findings with their fixes' edits pointed at the copy.</summary>
    public List<Finding> Remap(IEnumerable<Finding> findings) => findings.Select(f => f with
    {
        SuggestedFixes = f.SuggestedFixes.Select(fix => fix with { Edits = fix.Edits.Select(e => e with { Path = Map(e.Path) }).ToList() }).ToList(),
    }).ToList();

    /// <summary>Runs a command in the copy; returns its exit status and output (stdout then stderr).</summary>
    public (int Exit, string Output) Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }

    public (int Exit, string Output) GoBuild() => Run(GoToolchain.Find().GoPath, "build", "./...");

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
