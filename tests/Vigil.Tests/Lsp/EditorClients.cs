using System.Diagnostics;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Lsp;

/// <summary>
/// What the tests with real editor clients need: the clients (node with the
/// npm packages of tests/editors/lsp-client, Debian's Neovim), the command
/// that starts `vigil lsp`, a copy of the example module to edit, and a
/// process runner with a time limit. A machine without a client skips its
/// test with the reason (scripts/test.sh installs them where it can).
/// </summary>
internal static class EditorClients
{
    public static string LspClientDir => Path.Combine(Repo.Root, "tests", "editors", "lsp-client");
    public static string NeovimInit => Path.Combine(Repo.Root, "tests", "editors", "nvim", "init.lua");

    /// <summary>Null when the npm client can run; else why not.</summary>
    public static string? NodeSkip { get; } =
        OnPath("node") is null ? "needs node (apt-get install nodejs npm) for the npm LSP client"
        : !Directory.Exists(Path.Combine(LspClientDir, "node_modules", "vscode-languageserver-protocol"))
            ? $"needs the npm packages of {LspClientDir}: run 'npm ci' there (scripts/test.sh does when npm is installed)"
        : null;

    /// <summary>Null when Neovim is installed; else why the test does not run.</summary>
    public static string? NeovimSkip { get; } =
        OnPath("nvim") is null ? "needs Neovim 0.7 or later (apt-get install neovim; scripts/test.sh does as root)" : null;

    /// <summary>The server command: the vigil.dll built beside the tests, as `dotnet vigil.dll lsp`.</summary>
    public static string[] ServerCommand => ["dotnet", Path.Combine(AppContext.BaseDirectory, "vigil.dll"), "lsp"];

    /// <summary>A fresh copy of examples/orders (the clients edit and save its files).</summary>
    public static string CopyOfExample()
    {
        var source = Path.Combine(Repo.Root, "examples", "orders");
        var dir = Path.Combine(Path.GetTempPath(), "vigil-lsp-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(source)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        return dir;
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>Runs a client to its end; one that overruns the limit is killed with its children and fails the test.</summary>
    public static Result Run(string file, IEnumerable<string> args, string workingDirectory, IDictionary<string, string>? env = null, int limitSeconds = 600)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(limitSeconds)))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.Fail($"{file} did not finish within {limitSeconds} s\n--- stdout\n{stdout.Result}\n--- stderr\n{stderr.Result}");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}

/// <summary>A test that drives `vigil lsp` with the npm client; skipped, with the reason, where it cannot run.</summary>
public sealed class NodeClientFactAttribute : FactAttribute
{
    public NodeClientFactAttribute() => Skip = EditorClients.NodeSkip;
}

/// <summary>A test that drives `vigil lsp` from headless Neovim; skipped, with the reason, where it is not installed.</summary>
public sealed class NeovimFactAttribute : FactAttribute
{
    public NeovimFactAttribute() => Skip = EditorClients.NeovimSkip;
}
