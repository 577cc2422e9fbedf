using System.Text.Json;
using Xunit.Abstractions;

namespace Vigil.Tests.Lsp;

/// <summary>
/// Debian's Neovim, headless, as the client: its built-in LSP client starts
/// `vigil lsp` on the example module, opens orders.go and writes the
/// diagnostics it received (vim.diagnostic.get) to a file (tests/editors/nvim/init.lua).
/// </summary>
public sealed class NeovimTests(ITestOutputHelper output)
{
    [NeovimFact]
    public void NeovimsBuiltInClientReceivesTheExampleModulesFindings()
    {
        var module = EditorClients.CopyOfExample();
        var result = Path.Combine(module, "diagnostics.jsonl");
        try
        {
            var run = EditorClients.Run("nvim", ["--headless", "--clean", "-u", EditorClients.NeovimInit], module, new Dictionary<string, string>
            {
                ["VIGIL_LSP_CMD"] = string.Join(' ', EditorClients.ServerCommand),
                ["VIGIL_LSP_ROOT"] = module,
                ["VIGIL_LSP_FILE"] = Path.Combine(module, "orders.go"),
                ["VIGIL_LSP_OUT"] = result,
                ["VIGIL_LSP_TIMEOUT_MS"] = "300000",
            });
            var lines = File.Exists(result) ? File.ReadAllLines(result) : [];
            output.WriteLine(string.Join('\n', lines));
            Assert.True(run.ExitCode == 0, $"{run}\n--- {result}\n{string.Join('\n', lines)}");

            var got = lines.Select(l => JsonDocument.Parse(l).RootElement).OrderBy(d => d.GetProperty("lnum").GetInt32()).ToList();
            Assert.Equal(["vigil-nil", "vigil-race", "vigil-escape"], got.Select(d => d.GetProperty("code").GetString()));
            var source = File.ReadAllLines(Path.Combine(module, "orders.go"));
            foreach (var d in got)
            {
                Assert.Equal("vigil", d.GetProperty("source").GetString());
                Assert.Equal(1, d.GetProperty("severity").GetInt32()); // vim.diagnostic.severity.ERROR
                Assert.EndsWith(d.GetProperty("code").GetString()!["vigil-".Length..] + ".md", d.GetProperty("href").GetString());
            }
            var nil = got[0];
            Assert.StartsWith("nil panic: o may be nil here (field ID accessed)\nto fix: check o != nil", nil.GetProperty("message").GetString());
            // Neovim's columns are byte columns of the line (it converts from LSP's UTF-16): the range covers the field name.
            var line = source[nil.GetProperty("lnum").GetInt32()];
            Assert.Equal("ID", line[nil.GetProperty("col").GetInt32()..nil.GetProperty("end_col").GetInt32()]);
            Assert.Equal(5, nil.GetProperty("related").GetInt32()); // the nil's flow, step by step
            Assert.Contains("data race: s.served written", got[1].GetProperty("message").GetString());
            Assert.Equal(2, got[1].GetProperty("related").GetInt32()); // the other access, and where the handler starts
            Assert.Contains("string concatenation", got[2].GetProperty("message").GetString());
        }
        finally { Directory.Delete(module, recursive: true); }
    }
}
