using System.Diagnostics;
using System.Text.Json;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Cli;

/// <summary>
/// The shell steps of the GitHub Action (action.yml → scripts/action/*.sh),
/// run as GitHub runs them: with GITHUB_OUTPUT, RUNNER_TEMP and the action's
/// environment, on the example module and on a release archive made here.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class ActionScriptTests
{
    private static string Script(string name) => Path.Combine(Repo.Root, "scripts", "action", name);

    private sealed record Run(int Exit, string Stdout, string Stderr, Dictionary<string, string> Outputs);

    private static Run Bash(string script, string cwd, Dictionary<string, string> env)
    {
        var temp = Directory.CreateTempSubdirectory("vigil-action-").FullName;
        var outputs = Path.Combine(temp, "github-output");
        File.WriteAllText(outputs, "");
        var psi = new ProcessStartInfo("/bin/bash") { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.Environment["GITHUB_OUTPUT"] = outputs;
        psi.Environment["RUNNER_TEMP"] = temp;
        psi.Environment["NO_COLOR"] = "1";
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var parsed = File.ReadAllLines(outputs).Where(l => l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
        return new Run(p.ExitCode, stdout, err.Result, parsed);
    }

    /// <summary>An executable that runs this build's vigil.dll (what install.sh hands to run.sh).</summary>
    private static string VigilWrapper()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("vigil-wrapper-").FullName, "vigil");
        File.WriteAllText(path, $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "vigil.dll")}\" \"$@\"\n");
        MakeExecutable(path);
        return path;
    }

    [Fact]
    public void FindGoTellsWhetherAGoToolchainIsOnPath()
    {
        var none = Bash(Script("find-go.sh"), Repo.Root, new() { ["PATH"] = "/nonexistent" });
        Assert.True(none.Exit == 0, none.Stderr);
        Assert.Equal("false", none.Outputs["found"]);
        var go = Environment.GetEnvironmentVariable("VIGIL_GO");
        if (go is null) return; // the test command always sets it (scripts/test.sh)
        var found = Bash(Script("find-go.sh"), Repo.Root, new() { ["PATH"] = Path.GetDirectoryName(go)! + ":/usr/bin:/bin" });
        Assert.Equal("true", found.Outputs["found"]);
    }

    [Fact]
    public void RunReportsTheExampleAsTextAndSarif()
    {
        var r = Bash(Script("run.sh"), Path.Combine(Repo.Root, "examples", "orders"), new()
        {
            ["VIGIL"] = VigilWrapper(),
            ["VIGIL_PATTERNS"] = "./...",
            ["VIGIL_ARGS"] = "--checks nil,race",
            ["VIGIL_ONLY_NEW"] = "true",
            ["VIGIL_BASE_REF"] = "", // not a pull request: the whole module
        });
        Assert.True(r.Exit == 1, $"{r.Exit}\n{r.Stdout}\n{r.Stderr}");
        Assert.Equal("2", r.Outputs["findings"]);
        Assert.Contains("(vigil-nil)", r.Stdout);
        using var sarif = JsonDocument.Parse(File.ReadAllText(r.Outputs["sarif-file"]));
        Assert.Equal(2, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }

    [Fact]
    public void InstallTakesAReleaseArchiveOnlyWhenItsChecksumMatches()
    {
        var release = Directory.CreateTempSubdirectory("vigil-release-").FullName;
        if (Sh(release, "uname -m").Trim() != "x86_64") return; // the stub archive below is the x64 one
        var stage = Path.Combine(release, "stage", "vigil-9.8.7-linux-x64");
        Directory.CreateDirectory(stage);
        File.WriteAllText(Path.Combine(stage, "vigil"), "#!/bin/sh\necho \"vigil 9.8.7 (stub)\"\n");
        MakeExecutable(Path.Combine(stage, "vigil"));
        Sh(release, "tar -C stage -czf vigil-9.8.7-linux-x64.tar.gz vigil-9.8.7-linux-x64 && sha256sum vigil-9.8.7-linux-x64.tar.gz > vigil-9.8.7-checksums.txt");
        // A stand-in for the GitHub CLI: "gh release download TAG --dir D ..." copies the release's files.
        var bin = Directory.CreateTempSubdirectory("vigil-fakegh-").FullName;
        File.WriteAllText(Path.Combine(bin, "gh"), $"#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ \"$1\" = --dir ]; then cp {release}/*.tar.gz {release}/*.txt \"$2\"; fi; shift; done\n");
        MakeExecutable(Path.Combine(bin, "gh"));
        var env = new Dictionary<string, string>
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["VIGIL_VERSION"] = "v9.8.7",
            ["VIGIL_ACTION_REPOSITORY"] = "example/vigil",
        };
        var ok = Bash(Script("install.sh"), release, env);
        Assert.True(ok.Exit == 0, ok.Stdout + ok.Stderr);
        Assert.Contains("vigil 9.8.7 (stub)", ok.Stdout);
        Assert.EndsWith("vigil-9.8.7-linux-x64/vigil", ok.Outputs["vigil"]);

        File.WriteAllText(Path.Combine(release, "vigil-9.8.7-checksums.txt"), new string('0', 64) + "  vigil-9.8.7-linux-x64.tar.gz\n");
        var tampered = Bash(Script("install.sh"), release, env);
        Assert.NotEqual(0, tampered.Exit);
        Assert.False(tampered.Outputs.ContainsKey("vigil"));
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void MakeExecutable(string path) =>
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

    private static string Sh(string cwd, string command)
    {
        var psi = new ProcessStartInfo("/bin/sh") { WorkingDirectory = cwd, RedirectStandardOutput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(command);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, command);
        return output;
    }
}
