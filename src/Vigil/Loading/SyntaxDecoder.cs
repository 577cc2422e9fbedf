using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Loading;

/// <summary>
/// Decodes a package chunk's body (after its table delta): package facts,
/// files with their syntax trees, and type information. Package bodies are
/// independent of each other and decode in parallel. The node-reading switch
/// is generated (Nodes.g.cs).
/// </summary>
internal sealed partial class SyntaxDecoder
{
    /// <summary>
    /// The deepest syntax tree Vigil analyzes (docs/limits.md). Every later walk over
    /// syntax (CFG builder, checks, printers) recurses at most this deep, which fits the
    /// 512 MiB thread stacks the CLI runs on; a deeper file (go/parser accepts long
    /// left-nested chains, e.g. a + b + ... or x.f().f()...) makes its package a load error.
    /// </summary>
    public const int MaxSyntaxDepth = 50_000;

    private ByteReader r;
    private int depth;
    private readonly StreamTables t;
    private SourceFile file = null!;
    private readonly List<Node> nodes = [null!];
    private readonly List<(int Index, Action<CommentGroup> Set)> commentRefs = [];

    private SyntaxDecoder(byte[] data, int start, StreamTables tables)
    {
        r = new ByteReader(data, start);
        t = tables;
    }

    public static Package DecodePackage(byte[] data, int start, StreamTables tables, int index)
    {
        var d = new SyntaxDecoder(data, start, tables);
        return d.Package(index);
    }

    private Package Package(int index)
    {
        var p = new Package { Index = index };
        p.Id = ReadString();
        p.Path = ReadString();
        p.Name = ReadString();
        p.Dir = ReadString();
        p.ModulePath = ReadString();
        p.GoVersion = ReadString();
        p.IsStandard = r.Bool();
        p.ForTest = ReadString();
        p.IsDependency = r.Bool();
        p.Types = t.Packages[r.U()];
        int nErr = r.Count();
        var errors = new List<PackageError>(nErr);
        for (int i = 0; i < nErr; i++)
        {
            string kind = ReadString(), path = ReadString();
            int line = r.U(), col = r.U();
            errors.Add(new PackageError(kind, new Location(path, line, col, -1), ReadString()));
        }
        p.Errors = errors;
        int nScope = r.Count();
        var scope = new GoObject[nScope];
        for (int i = 0; i < nScope; i++) scope[i] = t.Obj(r.U())!;
        p.Scope = scope;

        int nFiles = r.Count();
        var files = new SourceFile[nFiles];
        try
        {
            for (int i = 0; i < nFiles; i++)
            {
                files[i] = ReadFile();
                files[i].Package = p;
            }
        }
        catch (SyntaxTooDeepException e)
        {
            // The package is kept, without syntax (like a package go list could not load):
            // its dependents still have its types from the tables, the other packages go on.
            p.Errors = [.. errors, new PackageError("limit", e.Location, e.Message)];
            p.Nodes = [null!];
            p.Info = new TypeInfo();
            return p;
        }
        p.Files = files;
        p.Info = ReadInfo();
        // Exactly sized: the list's spare capacity was up to half again its size, for every package held.
        p.Nodes = nodes.ToArray();
        return p;
    }

    private SourceFile ReadFile()
    {
        string path = ReadString();
        byte[] hash = r.Bytes(32).ToArray();
        int size = r.U();
        int nLines = r.Count();
        var lines = new int[nLines];
        int prev = 0;
        for (int i = 0; i < nLines; i++) lines[i] = prev += r.U();
        file = new SourceFile(path, hash, size, lines);
        commentRefs.Clear();
        var root = ReadNode<Syntax.File>(null) ?? throw new StreamFormatException($"file {path} has no syntax tree");
        foreach (var (idx, set) in commentRefs) set(root.Comments[idx - 1]);
        file.Syntax = root;
        return file;
    }

    private TypeInfo ReadInfo()
    {
        int n = nodes.Count;
        var info = new TypeInfo();
        info.Allocate(n);
        int nTypes = r.U();
        for (int i = 0; i < nTypes; i++)
        {
            int id = NodeId();
            info.Types[id] = t.Type(r.U());
            info.Modes[id] = (ExprMode)r.Byte();
            string c = ReadString();
            if (c.Length > 0) info.Constants[id] = c;
        }
        int nDefs = r.U();
        for (int i = 0; i < nDefs; i++) { int id = NodeId(); info.SetDef(id, t.Obj(r.U())); }
        int nUses = r.U();
        for (int i = 0; i < nUses; i++) { int id = NodeId(); info.SetUse(id, t.Obj(r.U())); }
        int nImp = r.U();
        for (int i = 0; i < nImp; i++) { int id = NodeId(); info.Implicits[id] = t.Obj(r.U())!; }
        int nSel = r.U();
        for (int i = 0; i < nSel; i++)
        {
            int id = NodeId();
            var kind = (SelectionKind)r.U();
            var recv = t.Type(r.U())!;
            var obj = t.Obj(r.U())!;
            var type = t.Type(r.U())!;
            var index = new int[r.Count()];
            for (int k = 0; k < index.Length; k++) index[k] = r.U();
            info.Selections[id] = new Selection(kind, recv, obj, type, index, r.Bool());
        }
        int nInst = r.U();
        for (int i = 0; i < nInst; i++)
        {
            int id = NodeId();
            var targs = new GoType[r.Count()];
            for (int k = 0; k < targs.Length; k++) targs[k] = t.Type(r.U())!;
            info.Instances[id] = new Instance(targs, t.Type(r.U())!);
        }
        int nScopes = r.U();
        for (int i = 0; i < nScopes; i++)
        {
            int id = NodeId();
            var objs = new GoObject[r.Count()];
            for (int k = 0; k < objs.Length; k++) objs[k] = t.Obj(r.U())!;
            info.Scopes[id] = objs;
        }
        return info;
    }

    private int NodeId()
    {
        int id = r.U();
        if (id <= 0 || id >= nodes.Count) throw new StreamFormatException($"bad node id {id}");
        return id;
    }

    // Primitives used by the generated reader.

    private string ReadString() => t.Str(r.U());
    private long ReadVarint() => r.Varint();
    private int ReadUvarint() => r.U();
    private bool ReadBool() => r.Bool();

    private Pos ReadPos()
    {
        int raw = r.U();
        return new Pos(raw);
    }

    private void DeferComment(int index, Action<CommentGroup> set) => commentRefs.Add((index, set));

    private void Begin(Node n, Node? parent)
    {
        n.Id = nodes.Count;
        nodes.Add(n);
        n.Parent = parent;
        n.SourceFile = file;
        n.Pos = ReadPos();
        n.End = ReadPos();
    }

    private T? ReadNode<T>(Node? parent) where T : Node
    {
        int kind = r.U();
        if (kind == 0) return null;
        if (++depth > MaxSyntaxDepth)
            throw new SyntaxTooDeepException(file.Location(parent?.Pos ?? default), $"syntax nested more than {MaxSyntaxDepth} levels deep");
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new SyntaxTooDeepException(file.Location(parent?.Pos ?? default), $"syntax nested {depth} levels deep, more than this thread's stack holds");
        var n = ReadNodeBody(kind, parent);
        depth--;
        return n as T ?? throw new StreamFormatException($"node kind {kind} where {typeof(T).Name} was expected");
    }

    private IReadOnlyList<T> ReadList<T>(Node parent) where T : Node
    {
        int n = r.Count();
        if (n == 0) return Array.Empty<T>();
        var list = new T[n];
        for (int i = 0; i < n; i++) list[i] = ReadNode<T>(parent)!;
        return list;
    }
}

/// <summary>A syntax tree deeper than <see cref="SyntaxDecoder.MaxSyntaxDepth"/>: its package becomes a load error.</summary>
internal sealed class SyntaxTooDeepException(Location where, string what)
    : Exception($"{what}; Vigil does not analyze this package (see Vigil's docs/limits.md)")
{
    public Location Location { get; } = where;
}
