using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>
/// Machine code carries the innermost position of inlined code (the
/// callee's line), not where it was inlined. To report at the caller's
/// call site and show the chain, this finds the static call path from the
/// compiled function's own source to the function that contains the
/// position. (Escape records from -json carry the exact inline chain and
/// are used instead when there is one.)
/// </summary>
public sealed class InlineAttribution(SourceIndex index)
{
    private const int MaxDepth = 6;
    private readonly Dictionary<(Node, Node), List<SourcePos>?> memo = [];

    /// <summary>Positions from <paramref name="home"/> down to <paramref name="pos"/>: [pos] when pos is in home's own code.</summary>
    public IReadOnlyList<SourcePos> PathTo(SourceFunction? home, SourcePos pos)
    {
        if (home is null || home.Contains(pos) || Within(home.Decl, pos)) return [pos];
        var target = index.DeclarationAt(pos);
        if (target is not null)
        {
            List<SourcePos>? calls;
            lock (memo)
                if (!memo.TryGetValue((home.Node, target.Node), out calls))
                    memo[(home.Node, target.Node)] = calls = Search(home, target);
            if (calls is not null) return [.. calls, pos];
        }
        // Inlined code from a package loaded from export data (the standard library): attribute it to the call in
        // home of a function declared in that file (the nearest one above the position), else in that package's directory.
        var homeCalls = StaticCallees.Of(home.Node, SourceIndex.InfoOf(home.Node));
        var best = homeCalls.Where(c => SourcePaths.Same(c.Callee.Location.Path, pos.File) && c.Callee.Location.Line <= pos.Line)
                       .OrderByDescending(c => c.Callee.Location.Line).FirstOrDefault()
                   ?? homeCalls.FirstOrDefault(c => c.Callee.Package is { } p && InPackageDir(pos.File, p.Path));
        return best is null ? [pos] : [Pos(best.Call), pos];
    }

    private static bool InPackageDir(string file, string packagePath)
    {
        string dir = (System.IO.Path.GetDirectoryName(file) ?? "").Replace('\\', '/');
        return dir.EndsWith("/" + packagePath, StringComparison.Ordinal);
    }

    private bool Within(FuncDecl decl, SourcePos pos) =>
        decl.SourceFile.Path == pos.File && decl.Location.Line <= pos.Line && decl.SourceFile.Location(decl.End).Line >= pos.Line;

    public static SourcePos Pos(Node n) => new(n.SourceFile.Path, n.Location.Line, n.Location.Column);

    // Breadth-first over static calls, so the shortest inline chain wins.
    private List<SourcePos>? Search(SourceFunction from, SourceFunction target)
    {
        var seen = new HashSet<Node> { from.Node };
        var queue = new Queue<(Node Body, List<SourcePos> Path)>();
        queue.Enqueue((from.Node, []));
        while (queue.Count > 0)
        {
            var (body, path) = queue.Dequeue();
            if (path.Count >= MaxDepth) continue;
            foreach (var call in StaticCallees.Of(body, SourceIndex.InfoOf(body)))
            {
                if (index.Declaration(call.Callee) is not { } decl) continue;
                var next = new List<SourcePos>(path) { Pos(call.Call) };
                if (decl.Node == target.Node) return next;
                if (seen.Add(decl.Node)) queue.Enqueue((decl.Node, next));
            }
        }
        return null;
    }
}
