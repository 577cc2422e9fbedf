using System.CommandLine;
using Vigil.Analysis;
using Vigil.Cli.Lsp.Server;
using Vigil.Cli.Lsp.Transport;

namespace Vigil.Cli;

/// <summary>`vigil lsp`: the Language Server Protocol server editors start (docs/editors.md).</summary>
internal static class LspCommand
{
    public static Command Create(IReadOnlyList<Analyzer>? available = null)
    {
        var stdio = new Option<bool>("--stdio") { Description = "Talk LSP over standard input and output (the only transport; accepted because some clients always pass it)." };
        var cmd = new Command("lsp", """
            Run Vigil as a language server (LSP over standard input and output), for editors.

            On opening and on saving a Go file, the packages of its module are analyzed
            (through the result cache: a save re-analyzes only what changed) and the findings
            are published as diagnostics, with their traces as related information. Code
            actions: the checks' suggested fixes, and //nolint:vigil-CHECK // reason.
            Settings come from the module's vigil.yaml. Set-up for VS Code, Neovim, Emacs and
            Helix: docs/editors.md.
            """);
        cmd.Options.Add(stdio);
        cmd.SetAction(_ =>
        {
            var stdout = Console.OpenStandardOutput();
            Console.SetOut(Console.Error); // stdout is the protocol's: no stray write may land there
            return Serve(available ?? Registry.Checks, Console.OpenStandardInput(), stdout);
        });
        return cmd;
    }

    /// <summary>Serves LSP on the streams until exit; returns the exit status.</summary>
    internal static int Serve(IReadOnlyList<Analyzer> available, Stream input, Stream output)
    {
        var rpc = new JsonRpc(new MessageReader(new BufferedStream(input)), new MessageWriter(output));
        try
        {
            return new LanguageServer(rpc, available).Run();
        }
        catch (TransportException e)
        {
            Console.Error.WriteLine($"vigil lsp: {e.Message}; stopping");
            return 1;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"vigil lsp: the client's connection failed: {e.Message}");
            return 1;
        }
    }
}
