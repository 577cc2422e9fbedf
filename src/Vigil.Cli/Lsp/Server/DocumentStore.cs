using System.Collections.Concurrent;

namespace Vigil.Cli.Lsp.Server;

/// <summary>An open document: the URI the client named it by, and its text as the editor has it.</summary>
internal sealed record OpenDocument(string Uri, string Path, int Version, string Text);

/// <summary>
/// The documents the client has open, by path. Analysis reads the files on
/// disk (what was saved); the editor's text is kept so code actions are
/// offered only while a buffer still matches what was analyzed.
/// </summary>
internal sealed class DocumentStore
{
    private readonly ConcurrentDictionary<string, OpenDocument> byPath = new(StringComparer.Ordinal);

    public void Open(OpenDocument d) => byPath[d.Path] = d;

    public void Change(string path, int? version, string text)
    {
        if (byPath.TryGetValue(path, out var d)) byPath[path] = d with { Version = version ?? d.Version, Text = text };
    }

    public void Close(string path) => byPath.TryRemove(path, out _);

    public OpenDocument? Get(string path) => byPath.GetValueOrDefault(path);

    public IEnumerable<string> Paths => byPath.Keys;
}
