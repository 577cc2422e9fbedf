namespace Vigil.Cli.Lsp.Server;

/// <summary>file:// URIs and the paths they name. Clients differ in what they percent-encode, so the server compares paths, never URI text.</summary>
internal static class FileUris
{
    /// <summary>The absolute path of a file URI, or null for another scheme (an unsaved buffer: "untitled:").</summary>
    public static string? ToPath(string? uri)
    {
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var u) || !u.IsFile) return null;
        return Path.GetFullPath(u.LocalPath);
    }

    public static string FromPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;
}
