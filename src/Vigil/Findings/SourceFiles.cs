using System.Collections.Concurrent;
using System.Text;
using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Findings;

/// <summary>
/// The loaded Go files by path, with their text read on demand: what the
/// filters and formats need beyond a finding's position (the syntax tree for
/// directives, the enclosing function for baselines, line text for
/// fingerprints, UTF-16 columns for SARIF).
/// </summary>
public sealed class SourceFiles
{
    private readonly Dictionary<string, SourceFile> byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileFacts> cached = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]?> contents = new(StringComparer.Ordinal);

    /// <param name="includeDependencies">Also the files of dependencies loaded for facts. The filters leave them
    /// out: those packages report nothing, so their directives neither hide findings nor go unused.</param>
    /// <param name="cachedFiles">Files of packages served from the result cache, known by their facts only.</param>
    public SourceFiles(GoProgram? program, bool includeDependencies = false, IEnumerable<FileFacts>? cachedFiles = null)
    {
        if (program is not null)
            foreach (var pkg in program.Packages.Where(p => includeDependencies || !p.IsDependency))
                foreach (var f in pkg.Files)
                    byPath.TryAdd(f.Path, f); // a file shared by a package and its test variant: the first (non-test) one
        foreach (var f in cachedFiles ?? [])
            if (!byPath.ContainsKey(f.Path)) cached.TryAdd(f.Path, f);
    }

    /// <summary>Every loaded file, in path order.</summary>
    public IEnumerable<SourceFile> All => byPath.Values.OrderBy(f => f.Path, StringComparer.Ordinal);

    /// <summary>Every file served from the result cache (not loaded), in path order.</summary>
    public IEnumerable<FileFacts> AllCached => cached.Values.OrderBy(f => f.Path, StringComparer.Ordinal);

    public SourceFile? Find(string path) => byPath.GetValueOrDefault(path);

    public FileFacts? FindCached(string path) => cached.GetValueOrDefault(path);

    /// <summary>The package (go list ImportPath) a loaded or cached file belongs to; null for other files.</summary>
    public string? PackageOf(string path) => Find(path)?.Package.Id ?? FindCached(path)?.Package;

    /// <summary>The file's bytes, or null when it cannot be read.</summary>
    public byte[]? Bytes(string path) => contents.GetOrAdd(path, p =>
    {
        try { return System.IO.File.ReadAllBytes(p); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    });

    /// <summary>
    /// The position of a byte offset: from the loader's line table for a loaded file,
    /// else (a file served from the result cache) from its bytes; null when unknown.
    /// </summary>
    public Location? LocationAt(string path, int offset)
    {
        if (Find(path) is { } file) return file.Location(Pos.FromOffset(offset));
        var bytes = Bytes(path);
        if (bytes is null || offset < 0 || offset > bytes.Length) return null;
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++)
            if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
        return new Location(path, line, offset - lineStart + 1, offset);
    }

    /// <summary>The text of a 1-based line, without its line ending; "" when unknown.</summary>
    public string Line(string path, int line)
    {
        var bytes = Bytes(path);
        if (bytes is null || line < 1) return "";
        var (start, end) = LineSpan(path, bytes, line);
        return start < 0 ? "" : Encoding.UTF8.GetString(bytes, start, end - start).TrimEnd('\r');
    }

    /// <summary>
    /// Converts Go's 1-based byte column to a 1-based column counted in
    /// <paramref name="utf16"/> code units or else Unicode code points (SARIF's run.columnKind).
    /// </summary>
    public int ConvertColumn(string path, int line, int byteColumn, bool utf16 = true)
    {
        var bytes = Bytes(path);
        if (bytes is null || line < 1 || byteColumn < 1) return byteColumn;
        var (start, end) = LineSpan(path, bytes, line);
        if (start < 0) return byteColumn;
        int n = Math.Min(byteColumn - 1, end - start);
        var prefix = Encoding.UTF8.GetString(bytes, start, n);
        int units = utf16 ? prefix.Length : prefix.EnumerateRunes().Count();
        return units + 1 + Math.Max(0, byteColumn - 1 - n); // past the line's end: keep the overshoot
    }

    private (int Start, int End) LineSpan(string path, byte[] bytes, int line)
    {
        // The loader's line table when the file was loaded (and has not changed size since), else a scan.
        if (Find(path) is { } f && f.Size == bytes.Length)
        {
            if (line > f.LineStarts.Length) return (-1, -1);
            int from = f.LineStarts[line - 1];
            int nl = Array.IndexOf(bytes, (byte)'\n', from);
            return (from, nl < 0 ? bytes.Length : nl);
        }
        int start = 0;
        for (int l = 1; l < line; l++)
        {
            int nl = Array.IndexOf(bytes, (byte)'\n', start);
            if (nl < 0) return (-1, -1);
            start = nl + 1;
        }
        int e = Array.IndexOf(bytes, (byte)'\n', start);
        return (start, e < 0 ? bytes.Length : e);
    }

    /// <summary>
    /// The function declaration around a position, named as Go prints it in
    /// stack traces without the package: "F", "T.M", "(*T).M"; "" at package level.
    /// </summary>
    public string EnclosingFunction(Location at)
    {
        if (FindCached(at.Path) is { } facts) return facts.EnclosingFunction(at);
        if (Find(at.Path) is not { } file || at.Offset < 0) return "";
        foreach (var d in file.Syntax.Decls)
            if (d is FuncDecl fd && fd.Pos.Offset <= at.Offset && at.Offset < fd.End.Offset)
                return FunctionName(fd);
        return "";
    }

    public static string FunctionName(FuncDecl fd)
    {
        var name = fd.Name?.Name ?? "";
        if (fd.Recv is not { } recv || recv.List.Count == 0) return name;
        var t = recv.List[0].Type;
        bool pointer = false;
        if (t is StarExpr star) { pointer = true; t = star.X; }
        if (t is IndexExpr ix) t = ix.X;
        if (t is IndexListExpr il) t = il.X;
        var type = t is Ident id ? id.Name : "?";
        return pointer ? $"(*{type}).{name}" : $"{type}.{name}";
    }
}
