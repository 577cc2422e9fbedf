using System.Diagnostics;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Flow;

/// <summary>`vigil dump cfg` and `vigil dump callgraph` end to end: the command prints what the golden files hold.</summary>
[Collection("flow goldens")] // reads the golden files the other tests rewrite under UPDATE_GOLDEN=1
public class DumpCommandTests
{
    private static (int Code, string Out, string Err) Vigil(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Repo.Testdata, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vigil.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result.Replace("\r\n", "\n"), stderr.Result);
    }

    [Fact]
    public void DumpCfgPrintsTheGoldenGraph()
    {
        var (code, stdout, stderr) = Vigil("dump", "cfg", "./flow/cfg", "GotoIntoLoop");
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(Golden.Dir, "cfg_GotoIntoLoop.txt")), stdout);
    }

    [Fact]
    public void DumpCallGraphPrintsTheGoldenGraph()
    {
        var (code, stdout, stderr) = Vigil("dump", "callgraph", "./flow/callgraph/...");
        Assert.True(code == 0, stderr);
        Assert.Equal(File.ReadAllText(Path.Combine(Golden.Dir, "callgraph.txt")), stdout);
    }

    [Fact]
    public void UnknownFunctionIsAUsageError()
    {
        var (code, _, stderr) = Vigil("dump", "cfg", "./flow/cfg", "NoSuchFunction");
        Assert.Equal(2, code);
        Assert.Contains("no function NoSuchFunction", stderr);
    }
}
