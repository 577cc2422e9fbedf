using Vigil.Tests.Harness;
using Xunit.Abstractions;

namespace Vigil.Tests.Lsp;

/// <summary>
/// `vigil lsp` driven over stdio by vscode-languageserver-protocol, the
/// library VS Code's language client is built on (tests/editors/lsp-client/client.mjs):
/// diagnostics of the example module with their traces and documentation
/// links, the suppression code action, saves that remove and introduce
/// findings, stale runs dropped, and the time from a save to its diagnostics.
/// </summary>
public sealed class NodeClientTests(ITestOutputHelper output)
{
    [NodeClientFact]
    public void TheNpmClientSeesTheExampleModulesFindingsAndTheirUpdatesOnSave()
    {
        var module = EditorClients.CopyOfExample();
        try
        {
            var run = EditorClients.Run("node", [Path.Combine(EditorClients.LspClientDir, "client.mjs"), module, .. EditorClients.ServerCommand], module);
            output.WriteLine(run.Stdout);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("lsp-client: ok", run.Stdout);
            // The measured figure (printed, and bounded generously by the script: the tests share their machine).
            var figure = run.Stdout.Split('\n').Single(l => l.StartsWith("lsp-client: save-to-diagnostics:", StringComparison.Ordinal));
            // scripts/test.sh prints it after the run.
            Directory.CreateDirectory(Path.Combine(Repo.Root, "artifacts"));
            File.WriteAllText(Path.Combine(Repo.Root, "artifacts", "lsp-save-to-diagnostics.txt"), figure + "\n");
        }
        finally { Directory.Delete(module, recursive: true); }
    }
}
