using System.Diagnostics;
using Vigil.Loading;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Cache;

/// <summary>
/// `go vet -vettool=vigil` with the real go command on a copy of
/// tests/testdata/facts: each package's findings are those `vigil check ./...`
/// reports for it, and a rerun with nothing changed is served from the cache.
/// </summary>
public class VetToolTests
{
    [Fact]
    public void GoVetGivesTheFindingsOfCheck()
    {
        if (OperatingSystem.IsWindows()) return; // the tool is a shell script here; the protocol is the same
        var p = CacheRunTests.NewProject();
        var tool = Path.Combine(p.Cache, "vigil-vettool");
        File.WriteAllText(tool, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "vigil.dll")}' \"$@\"\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var check = Headlines(p.Check("off").Stdout);
        Assert.Contains(check, l => l.Contains("(vigil-nil)", StringComparison.Ordinal));
        Assert.Contains(check, l => l.Contains("(vigil-race)", StringComparison.Ordinal));

        var (exit, output) = GoVet(p, tool);
        Assert.Equal(1, exit); // findings make go vet fail, as its own analyzers do
        Assert.Equal(check, Headlines(output));

        var (again, rerun) = GoVet(p, tool);
        Assert.Equal(1, again);
        Assert.Equal(check, Headlines(rerun));
        Assert.Equal(3, rerun.Split('\n').Count(l => l.Contains("cache: 1 packages from the cache, 0 analyzed", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("example.com/p", new[] { "p.go" }, "example.com/p", "example.com/p")]
    [InlineData("example.com/p", new[] { "p.go", "p_test.go" }, "example.com/p [example.com/p.test]", "example.com/p")]
    [InlineData("example.com/p_test", new[] { "x_test.go" }, "example.com/p_test [example.com/p.test]", "example.com/p")]
    [InlineData("fmt [fmt.test]", new[] { "print.go", "fmt_test.go" }, "fmt [fmt.test]", "fmt")]
    public void GoUnitsMapToVigilsPackages(string importPath, string[] files, string vigilId, string pattern)
    {
        var cfg = new Vigil.Cli.VetTool.VetConfig { ID = importPath, ImportPath = importPath, GoFiles = files.Select(f => "/src/" + f).ToList() };
        Assert.Equal((vigilId, pattern), cfg.Unit);
    }

    [Fact]
    public void OnlyTheGoCommandsArgumentsAreAVetInvocation()
    {
        Assert.True(Vigil.Cli.VetTool.VetUnit.IsVetInvocation(["-V=full"]));
        Assert.True(Vigil.Cli.VetTool.VetUnit.IsVetInvocation(["-flags"]));
        Assert.True(Vigil.Cli.VetTool.VetUnit.IsVetInvocation(["-json", "/tmp/b001/vet.cfg"]));
        Assert.False(Vigil.Cli.VetTool.VetUnit.IsVetInvocation(["check", "./..."]));
        Assert.False(Vigil.Cli.VetTool.VetUnit.IsVetInvocation(["check", "x.cfg"]));
        Assert.False(Vigil.Cli.VetTool.VetUnit.IsVetInvocation([]));
    }

    /// <summary>The findings' first lines ("file:line:col: message (check)"), sorted; not go vet's "# package" headers, traces or notes.
    /// Paths as the two print them, relative to the module ("./" dropped).</summary>
    private static List<string> Headlines(string output) =>
        output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('\t') && !l.StartsWith("vigil:", StringComparison.Ordinal))
            .Select(l => l.StartsWith("./", StringComparison.Ordinal) ? l[2..] : l)
            .Order(StringComparer.Ordinal).ToList();

    private static (int Exit, string Output) GoVet(CacheRunTests.Project p, string tool)
    {
        var psi = new ProcessStartInfo(GoToolchain.Find().GoPath) { WorkingDirectory = p.Dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "vet", "-vettool=" + tool, "./..." }) psi.ArgumentList.Add(a);
        psi.Environment["VIGIL_CACHE"] = p.Cache;
        psi.Environment["VIGIL_CACHE_REPORT"] = "1";
        psi.Environment["GOTOOLCHAIN"] = "local";
        using var proc = Process.Start(psi)!;
        var err = proc.StandardError.ReadToEndAsync();
        var output = proc.StandardOutput.ReadToEnd();
        proc.WaitForExit();
        return (proc.ExitCode, output + err.Result);
    }
}
