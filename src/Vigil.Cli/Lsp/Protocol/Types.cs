using System.Text.Json.Serialization;

namespace Vigil.Cli.Lsp.Protocol;

// The parts of the Language Server Protocol 3.17 that `vigil lsp` speaks, as
// plain records (System.Text.Json, source-generated in LspJson: no reflection,
// so the Native AOT binary carries them without trim warnings).

/// <summary>A zero-based line and UTF-16 code-unit offset in it (LSP's default position encoding).</summary>
internal sealed record Position(int Line, int Character);

internal sealed record Range(Position Start, Position End);

internal sealed record Location(string Uri, Range Range);

internal sealed record TextDocumentIdentifier(string Uri);

internal sealed record TextDocumentItem(string Uri, string? LanguageId, int Version, string Text);

internal sealed record VersionedTextDocumentIdentifier(string Uri, int? Version);

internal sealed record WorkspaceFolder(string Uri, string? Name);

internal sealed record InitializeParams(string? RootUri, string? RootPath, List<WorkspaceFolder>? WorkspaceFolders);

internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

/// <summary>With full document sync, each change carries the whole text.</summary>
internal sealed record TextDocumentContentChangeEvent(string Text, Range? Range);

internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, List<TextDocumentContentChangeEvent> ContentChanges);

internal sealed record DidSaveTextDocumentParams(TextDocumentIdentifier TextDocument, string? Text);

internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

internal sealed record FileEvent(string Uri, int Type);

internal sealed record DidChangeWatchedFilesParams(List<FileEvent> Changes);

internal sealed record CodeActionContext(List<Diagnostic>? Diagnostics, List<string>? Only);

internal sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext? Context);

// --- what the server sends

internal sealed record SaveOptions(bool IncludeText);

internal sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);

internal sealed record CodeActionOptions(List<string> CodeActionKinds);

internal sealed record ServerCapabilities(TextDocumentSyncOptions TextDocumentSync, CodeActionOptions CodeActionProvider);

internal sealed record ServerInfo(string Name, string Version);

internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

internal sealed record CodeDescription(string Href);

internal sealed record DiagnosticRelatedInformation(Location Location, string Message);

internal sealed record Diagnostic
{
    public required Range Range { get; init; }
    /// <summary>1 error, 2 warning, 3 information, 4 hint.</summary>
    public int? Severity { get; init; }
    public string? Code { get; init; }
    public CodeDescription? CodeDescription { get; init; }
    public string? Source { get; init; }
    public required string Message { get; init; }
    public List<DiagnosticRelatedInformation>? RelatedInformation { get; init; }
}

internal sealed record PublishDiagnosticsParams(string Uri, int? Version, List<Diagnostic> Diagnostics);

internal sealed record TextEdit(Range Range, string NewText);

internal sealed record WorkspaceEdit(Dictionary<string, List<TextEdit>> Changes);

internal sealed record CodeAction
{
    public required string Title { get; init; }
    public string? Kind { get; init; }
    public List<Diagnostic>? Diagnostics { get; init; }
    public bool? IsPreferred { get; init; }
    public WorkspaceEdit? Edit { get; init; }
}

/// <summary>window/showMessage and window/logMessage: type 1 error, 2 warning, 3 info, 4 log.</summary>
internal sealed record MessageParams(int Type, string Message);

internal sealed record ResponseError(int Code, string Message);

/// <summary>The serializer of every protocol type: camelCase names, nulls left out (LSP's optional properties).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(DidOpenTextDocumentParams))]
[JsonSerializable(typeof(DidChangeTextDocumentParams))]
[JsonSerializable(typeof(DidSaveTextDocumentParams))]
[JsonSerializable(typeof(DidCloseTextDocumentParams))]
[JsonSerializable(typeof(CodeActionParams))]
[JsonSerializable(typeof(DidChangeWatchedFilesParams))]
[JsonSerializable(typeof(List<CodeAction>))]
[JsonSerializable(typeof(PublishDiagnosticsParams))]
[JsonSerializable(typeof(MessageParams))]
[JsonSerializable(typeof(ResponseError))]
internal sealed partial class LspJson : JsonSerializerContext;
