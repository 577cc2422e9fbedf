namespace Vigil.Cli.Lsp.Server;

/// <summary>
/// The files one analysis's positions refer to, read from disk once each
/// (the analysis read the saved files too). A file that cannot be read maps
/// byte columns as if they were UTF-16 ones: better than no diagnostic.
/// </summary>
internal sealed class SourceTexts
{
    private readonly Dictionary<string, SourceText?> files = new(StringComparer.Ordinal);

    public SourceText? Get(string path)
    {
        if (files.TryGetValue(path, out var t)) return t;
        try { t = new SourceText(File.ReadAllBytes(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { t = null; }
        files[path] = t;
        return t;
    }
}
