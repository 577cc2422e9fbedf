using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Cli.Lsp.Transport;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Lsp;

/// <summary>
/// The real `vigil lsp` process over stdio, spoken to in plain JSON-RPC: the
/// lifecycle, protocol errors, and problems that stop an analysis (no
/// go.mod, a broken module) reported to the user, never a crash.
/// </summary>
public sealed class LspServerTests : IDisposable
{
    private readonly Process server;
    private readonly MessageReader reader;
    private readonly MessageWriter writer;
    private readonly string dir = Directory.CreateTempSubdirectory("vigil-lsp-server-").FullName;

    public LspServerTests()
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dir,
        };
        foreach (var a in EditorClients.ServerCommand.Skip(1)) psi.ArgumentList.Add(a);
        server = Process.Start(psi)!;
        server.ErrorDataReceived += (_, _) => { };
        server.BeginErrorReadLine();
        reader = new MessageReader(server.StandardOutput.BaseStream);
        writer = new MessageWriter(server.StandardInput.BaseStream);
    }

    public void Dispose()
    {
        if (!server.HasExited) server.Kill(entireProcessTree: true);
        server.Dispose();
        Directory.Delete(dir, recursive: true);
    }

    private void Send(string json) => writer.Write(Encoding.UTF8.GetBytes(json));

    private void Send(object message) => Send(JsonSerializer.Serialize(JsonSerializer.SerializeToNode(message)));

    /// <summary>The next message the server sends that satisfies <paramref name="match"/> (others are skipped).</summary>
    private JsonNode Next(Func<JsonNode, bool> match)
    {
        var read = Task.Run(() =>
        {
            while (reader.Read() is { } body)
            {
                var node = JsonNode.Parse(body)!;
                if (match(node)) return node;
            }
            throw new InvalidOperationException("the server closed its output");
        });
        Assert.True(read.Wait(TimeSpan.FromSeconds(120)), "no such message from the server within 120 s");
        return read.Result;
    }

    private JsonNode Response(int id) => Next(m => m["id"]?.GetValueKind() == JsonValueKind.Number && (int)m["id"]! == id);

    private JsonNode Notification(string method) => Next(m => (string?)m["method"] == method);

    private static string Uri(string path) => new Uri(path).AbsoluteUri;

    private void Open(string path, string text) => Send(new
    {
        jsonrpc = "2.0", method = "textDocument/didOpen",
        @params = new { textDocument = new { uri = Uri(path), languageId = "go", version = 1, text } },
    });

    private void Initialize()
    {
        Send(new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { processId = (int?)null, rootUri = Uri(dir), capabilities = new { } } });
        var caps = Response(1)["result"]!["capabilities"]!;
        Assert.True((bool)caps["textDocumentSync"]!["openClose"]!);
        Assert.Equal(1, (int)caps["textDocumentSync"]!["change"]!);
        Assert.Equal("quickfix", (string?)caps["codeActionProvider"]!["codeActionKinds"]![0]);
        Send(new { jsonrpc = "2.0", method = "initialized", @params = new { } });
    }

    [Fact]
    public void ProtocolErrorsAreAnsweredAndTheServerGoesOn()
    {
        Send("{not json");
        Assert.Equal(-32700, (int)Next(m => m["error"] is not null)["error"]!["code"]!);
        Send(new { jsonrpc = "2.0", id = 7, method = "textDocument/codeAction", @params = new { } });
        Assert.Equal(-32002, (int)Response(7)["error"]!["code"]!); // before initialize
        Initialize();
        Send(new { jsonrpc = "2.0", id = 8, method = "textDocument/hover", @params = new { } });
        Assert.Equal(-32601, (int)Response(8)["error"]!["code"]!);
        Send(new { jsonrpc = "2.0", id = 9, method = "textDocument/codeAction", @params = new { textDocument = 3 } });
        Assert.Equal(-32602, (int)Response(9)["error"]!["code"]!);
        Send(new { jsonrpc = "2.0", id = 10, method = "shutdown" });
        Assert.Null(Response(10)["result"]);
        Send(new { jsonrpc = "2.0", method = "exit" });
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, server.ExitCode);
    }

    [Fact]
    public void AFileOutsideAnyModuleIsExplainedNotAnalyzed()
    {
        Initialize();
        var file = Path.Combine(dir, "main.go");
        File.WriteAllText(file, "package main\n\nfunc main() {}\n");
        Open(file, File.ReadAllText(file));
        var shown = Notification("window/showMessage")["params"]!;
        Assert.Equal(2, (int)shown["type"]!);
        Assert.Contains("no go.mod in " + dir, (string?)shown["message"]);
    }

    [Fact]
    public void AModuleThatCannotBeLoadedIsShownAndTheServerStaysUp()
    {
        Initialize();
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/broken\n\ngo 1.22\n\nrequire (\n");
        var file = Path.Combine(dir, "a.go");
        File.WriteAllText(file, "package a\n");
        Open(file, File.ReadAllText(file));
        var shown = Notification("window/showMessage")["params"]!;
        Assert.Equal(1, (int)shown["type"]!);
        Assert.Contains("go.mod", (string?)shown["message"]);
        // Still serving: a request after the failure is answered.
        Send(new { jsonrpc = "2.0", id = 2, method = "shutdown" });
        Assert.Null(Response(2)["result"]);
        Assert.False(server.HasExited);
    }

    [Fact]
    public void EndOfInputWithoutShutdownExitsWithStatusOne()
    {
        Initialize();
        server.StandardInput.Close();
        Assert.True(server.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, server.ExitCode);
    }
}
