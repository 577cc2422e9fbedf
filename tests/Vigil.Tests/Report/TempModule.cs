using System.Diagnostics;

namespace Vigil.Tests.Report;

/// <summary>A Go module in a temporary directory, optionally a git repository with commits; deleted on dispose.</summary>
public sealed class TempModule : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("vigil-report-").FullName;

    public TempModule(bool git = true)
    {
        Write("go.mod", "module example.com/r\n\ngo 1.23\n");
        if (!git) return;
        Git("init", "-q", "-b", "main");
        Git("config", "user.email", "test@example.com");
        Git("config", "user.name", "Vigil Test");
        Git("config", "commit.gpgsign", "false");
    }

    public TempModule Write(string path, string content)
    {
        var full = Path.Combine(Dir, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public void Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
    }

    public string Git(params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {err.Result}");
        return output;
    }

    public CliResult Check(params string[] args) => CliRunner.Run(Dir, ["check", .. args, "./..."]);

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
