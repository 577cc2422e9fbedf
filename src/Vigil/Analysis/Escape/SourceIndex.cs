using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>A function body in the source: a declaration or a function literal, with its line span.</summary>
public sealed record SourceFunction(Node Node, FuncDecl Decl, Package Package, GoFunc? Object, string File, int FirstLine, int LastLine)
{
    public bool Contains(SourcePos p) => p.File == File && p.Line >= FirstLine && p.Line <= LastLine;
    public int Span => LastLine - FirstLine;
}

/// <summary>
/// Lookups from what the compiler prints (full path and line) back to the
/// typed syntax: the innermost function at a line, the calls on a line, the
/// exemption comments. Built once per program over the non-test packages.
/// </summary>
public sealed class SourceIndex
{
    private readonly Dictionary<string, List<SourceFunction>> functionsByFile = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int), List<CallExpr>> callsByLine = [];
    private readonly Dictionary<GoFunc, SourceFunction> declOf = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> fileBytes = new(StringComparer.Ordinal);

    public Dictionary<(string File, int Line), Exemption> Exemptions { get; } = [];

    public SourceIndex(IEnumerable<Package> packages)
    {
        foreach (var pkg in packages)
            foreach (var file in EscapeModel.Files(pkg))
            {
                var list = functionsByFile.GetValueOrDefault(file.Path) ?? (functionsByFile[file.Path] = []);
                foreach (var decl in file.Syntax.Decls.OfType<FuncDecl>())
                {
                    if (decl.Body is null) continue;
                    var obj = decl.Name is null ? null : pkg.Info.DefOf(decl.Name) as GoFunc;
                    var sf = Make(decl, decl, pkg, obj);
                    list.Add(sf);
                    if (obj is not null) declOf[obj] = sf;
                    foreach (var n in decl.Body.Descendants())
                    {
                        if (n is FuncLit lit) list.Add(Make(lit, decl, pkg, null));
                        else if (n is CallExpr call)
                        {
                            var key = (file.Path, call.Location.Line);
                            (callsByLine.GetValueOrDefault(key) ?? (callsByLine[key] = [])).Add(call);
                        }
                    }
                }
                foreach (var group in file.Syntax.Comments)
                    foreach (var c in group.List)
                        if (AnnotationParser.ExemptionReason(c.Text) is { Length: > 0 } reason)
                        {
                            var loc = file.Location(c.Slash);
                            Exemptions[(file.Path, loc.Line)] = new Exemption(file.Path, loc.Line, loc.Column, reason);
                        }
            }
    }

    private static SourceFunction Make(Node n, FuncDecl decl, Package pkg, GoFunc? obj) =>
        new(n, decl, pkg, obj, n.SourceFile.Path, n.Location.Line, n.SourceFile.Location(n.End).Line);

    /// <summary>The innermost function (literal or declaration) whose lines contain <paramref name="p"/>.</summary>
    public SourceFunction? FunctionAt(SourcePos p) =>
        functionsByFile.GetValueOrDefault(p.File)?.Where(f => f.Contains(p)).MinBy(f => f.Span);

    /// <summary>The declaration (not literal) whose lines contain <paramref name="p"/>.</summary>
    public SourceFunction? DeclarationAt(SourcePos p) =>
        functionsByFile.GetValueOrDefault(p.File)?.Where(f => f.Node is FuncDecl && f.Contains(p)).MinBy(f => f.Span);

    public SourceFunction? Declaration(GoFunc f) => declOf.GetValueOrDefault(f.Origin);

    public IReadOnlyList<CallExpr> CallsOnLine(SourcePos p) => callsByLine.GetValueOrDefault((p.File, p.Line)) ?? [];

    public static TypeInfo InfoOf(Node n) => n.SourceFile.Package.Info;

    public bool IsExempt(SourcePos p) => Exemptions.ContainsKey((p.File, p.Line));

    /// <summary>The column of the first non-blank character of a line (1 when unknown), for positions the compiler gives without one.</summary>
    public int FirstColumn(SourcePos p)
    {
        var bytes = Bytes(p.File);
        int line = 1, i = 0;
        while (i < bytes.Length && line < p.Line) { if (bytes[i] == (byte)'\n') line++; i++; }
        if (line != p.Line) return 1;
        int start = i;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t') i++;
        return i - start + 1;
    }

    /// <summary>The source text of a node (for messages such as "s.Put(p)").</summary>
    public string Text(Node n)
    {
        var bytes = Bytes(n.SourceFile.Path);
        int from = n.Location.Offset, to = n.SourceFile.Location(n.End).Offset;
        if (from < 0 || to > bytes.Length || to <= from) return "";
        return System.Text.Encoding.UTF8.GetString(bytes, from, to - from);
    }

    private byte[] Bytes(string path) => fileBytes.GetOrAdd(path, p =>
    {
        try { return System.IO.File.ReadAllBytes(p); }
        catch (IOException) { return []; }
        catch (UnauthorizedAccessException) { return []; }
    });
}
