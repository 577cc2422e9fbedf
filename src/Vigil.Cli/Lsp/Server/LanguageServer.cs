using System.Collections.Concurrent;
using Vigil.Analysis;
using Vigil.Cli.Lsp.Protocol;
using Vigil.Cli.Lsp.Transport;
using Vigil.Config;

namespace Vigil.Cli.Lsp.Server;

/// <summary>
/// `vigil lsp`'s dispatcher: the lifecycle (initialize, initialized, shutdown,
/// exit), document sync (open, change, save, close), code actions, and
/// diagnostics published after each open and save. Messages are handled in
/// order on the reading thread; analyses run on their own (AnalysisQueue).
/// </summary>
internal sealed class LanguageServer : IClient
{
    private readonly JsonRpc rpc;
    private readonly IReadOnlyList<Analyzer> available;
    private readonly DocumentStore documents = new();
    private readonly ConcurrentDictionary<string, ModuleSession> modules = new(StringComparer.Ordinal);
    private readonly HashSet<string> warnedNoModule = new(StringComparer.Ordinal);
    private bool initialized, shuttingDown;

    public LanguageServer(JsonRpc rpc, IReadOnlyList<Analyzer> available)
    {
        this.rpc = rpc;
        this.available = available;
    }

    /// <summary>Serves until exit (0 after shutdown, else 1, as LSP says) or the end of input.</summary>
    public int Run()
    {
        while (rpc.Receive() is { } message)
        {
            if (message.Method == "exit") return Stop(shuttingDown ? 0 : 1);
            try { Handle(message); }
            catch (RpcException e) when (message.IsRequest) { rpc.SendError(message.Id, e.Code, e.Message); }
            catch (RpcException e) { Log(2, $"vigil: {message.Method}: {e.Message}"); }
            catch (Exception e) when (e is not TransportException)
            {
                // Never let one message take the server down.
                if (message.IsRequest) rpc.SendError(message.Id, RpcException.InternalError, $"{e.GetType().Name}: {e.Message}");
                else Log(1, $"vigil: {message.Method} failed: {e.GetType().Name}: {e.Message}");
            }
        }
        return Stop(shuttingDown ? 0 : 1);
    }

    /// <summary>Stops the analyses; a run stuck in a child process (go list, the compiler) has its processes ended, so none outlives the server.</summary>
    private int Stop(int code)
    {
        bool stopped = modules.Values.Select(m => m.Stop(TimeSpan.FromSeconds(2))).ToList().All(s => s);
        if (!stopped) ChildProcesses.KillDescendants();
        return code;
    }

    private void Handle(IncomingMessage m)
    {
        if (m.Method is null) return; // a response to a request the server never sends
        if (!initialized && m.Method != "initialize")
        {
            if (m.IsRequest) throw new RpcException(RpcException.ServerNotInitialized, $"{m.Method} before initialize");
            return; // notifications before initialize are dropped, as the protocol says
        }
        if (shuttingDown && m.IsRequest) throw new RpcException(RpcException.InvalidRequest, $"{m.Method} after shutdown");
        switch (m.Method)
        {
            case "initialize":
                initialized = true;
                rpc.Respond(m.Id!.Value, new InitializeResult(
                    new ServerCapabilities(
                        new TextDocumentSyncOptions(OpenClose: true, Change: 1 /* full text */, new SaveOptions(IncludeText: false)),
                        new CodeActionOptions([CodeActions.QuickFix])),
                    new ServerInfo("vigil", CheckRun.Version)), LspJson.Default.InitializeResult);
                break;
            case "initialized":
                break;
            case "shutdown":
                shuttingDown = true;
                rpc.RespondNull(m.Id!.Value);
                break;
            case "textDocument/didOpen":
            {
                var d = m.ParamsAs(LspJson.Default.DidOpenTextDocumentParams).TextDocument;
                if (FileUris.ToPath(d.Uri) is not { } path) break;
                documents.Open(new OpenDocument(d.Uri, path, d.Version, d.Text ?? ""));
                Analyze(path);
                break;
            }
            case "textDocument/didChange":
            {
                var p = m.ParamsAs(LspJson.Default.DidChangeTextDocumentParams);
                // Full sync: the last change holds the whole text. The editor's text is kept, not analyzed (analysis reads saved files).
                if (FileUris.ToPath(p.TextDocument.Uri) is { } path && p.ContentChanges is [.., var last] && last.Range is null)
                    documents.Change(path, p.TextDocument.Version, last.Text ?? "");
                break;
            }
            case "textDocument/didSave":
            {
                var p = m.ParamsAs(LspJson.Default.DidSaveTextDocumentParams);
                if (FileUris.ToPath(p.TextDocument.Uri) is not { } path) break;
                if (p.Text is { } saved) documents.Change(path, null, saved);
                if (IsConfig(path)) ReanalyzeAll();
                else Analyze(path);
                break;
            }
            case "workspace/didChangeWatchedFiles":
            {
                // Clients that watch vigil.yaml for the server (VS Code's extension does) say when it changes.
                var p = m.ParamsAs(LspJson.Default.DidChangeWatchedFilesParams);
                if (p.Changes?.Any(c => FileUris.ToPath(c.Uri) is { } path && IsConfig(path)) == true) ReanalyzeAll();
                break;
            }
            case "textDocument/didClose":
            {
                var p = m.ParamsAs(LspJson.Default.DidCloseTextDocumentParams);
                if (FileUris.ToPath(p.TextDocument.Uri) is { } path) documents.Close(path);
                break;
            }
            case "textDocument/codeAction":
            {
                var p = m.ParamsAs(LspJson.Default.CodeActionParams);
                var actions = FileUris.ToPath(p.TextDocument.Uri) is { } path && ModuleOf(path) is { } root && modules.TryGetValue(root, out var session)
                    ? CodeActions.For(path, p.Range, session.Published, documents.Get(path))
                    : [];
                rpc.Respond(m.Id!.Value, actions, LspJson.Default.ListCodeAction);
                break;
            }
            default:
                // Unknown notifications ($/cancelRequest, $/setTrace, workspace/didChangeConfiguration, ...) need no answer.
                if (m.IsRequest) throw new RpcException(RpcException.MethodNotFound, $"vigil lsp does not handle {m.Method}");
                break;
        }
    }

    private static bool IsConfig(string path) => ConfigLoader.FileNames.Contains(Path.GetFileName(path));

    /// <summary>vigil.yaml changed: the settings of every module below it may have.</summary>
    private void ReanalyzeAll()
    {
        foreach (var s in modules.Values) s.Reanalyze();
    }

    /// <summary>Re-analyzes the module of a Go file (open, save); says so once per directory when it is in none.</summary>
    private void Analyze(string path)
    {
        if (!path.EndsWith(".go", StringComparison.Ordinal) && Path.GetFileName(path) is not ("go.mod" or "go.sum" or "go.work")) return;
        if (ModuleOf(path) is not { } root)
        {
            var dir = Path.GetDirectoryName(path) ?? path;
            if (warnedNoModule.Add(dir))
                Show(2, $"vigil: no go.mod in {dir} or above: Vigil analyzes the packages of a Go module (run 'go mod init' to make one)");
            return;
        }
        modules.GetOrAdd(root, r => new ModuleSession(r, available, this)).Reanalyze();
    }

    /// <summary>The directory of the nearest go.mod at or above the file's directory.</summary>
    private static string? ModuleOf(string path)
    {
        for (var d = new DirectoryInfo(Path.GetDirectoryName(path) ?? path); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "go.mod"))) return d.FullName;
        return null;
    }

    public void Publish(string path, List<Diagnostic> diagnostics)
    {
        var open = documents.Get(path);
        rpc.Notify("textDocument/publishDiagnostics", new PublishDiagnosticsParams(open?.Uri ?? FileUris.FromPath(path), null, diagnostics),
            LspJson.Default.PublishDiagnosticsParams);
    }

    public IEnumerable<string> OpenFiles => documents.Paths;

    public void Show(int type, string message) => rpc.Notify("window/showMessage", new MessageParams(type, message), LspJson.Default.MessageParams);

    public void Log(int type, string message) => rpc.Notify("window/logMessage", new MessageParams(type, message), LspJson.Default.MessageParams);
}
