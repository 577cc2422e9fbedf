using System.Reflection;

namespace Vigil.Output;

/// <summary>
/// The checks' documentation (docs/checks/NAME.md), embedded in the library
/// so that `vigil explain` and SARIF's rule help work wherever the binary
/// is, and the address it is published at (SARIF's helpUri).
/// </summary>
public static class CheckDocs
{
    /// <summary>The markdown page of a check ("vigil-nil" or "nil"), or null when it has none.</summary>
    public static string? Page(string check)
    {
        var name = check.StartsWith("vigil-", StringComparison.Ordinal) ? check["vigil-".Length..] : check;
        using var stream = typeof(CheckDocs).Assembly.GetManifestResourceStream($"docs/checks/{name}.md");
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The published page of a check: VigilDocsUrl (set at build time) + NAME.md.</summary>
    public static string? Url(string check)
    {
        if (Page(check) is null) return null;
        var name = check.StartsWith("vigil-", StringComparison.Ordinal) ? check["vigil-".Length..] : check;
        var bases = typeof(CheckDocs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "VigilDocsUrl")?.Value;
        if (string.IsNullOrEmpty(bases)) return null;
        var url = bases.EndsWith('/') ? bases + name + ".md" : bases + "/" + name + ".md";
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : null;
    }
}
