using System.Text;
using Vigil.Syntax;

namespace Vigil.Flow.Cfg;

/// <summary>
/// Prints a graph for people and golden tests: each block with its kind and
/// reachability, its nodes (source text, one line each, with line numbers),
/// and its edges with their kind and condition.
/// </summary>
public sealed class CfgPrinter
{
    private readonly Dictionary<string, byte[]> sources = new(StringComparer.Ordinal);

    public void Write(TextWriter w, ControlFlowGraph g)
    {
        w.WriteLine($"func {g.Name} ({Path.GetFileName(g.Function.Location.Path)}:{g.Function.Location.Line})");
        foreach (var d in g.Defers) w.WriteLine($"  defer {Text(d.Call!)} (line {Line(d)})");
        if (g.MayRecover) w.WriteLine("  may recover from panics");
        foreach (var b in g.Blocks)
        {
            var head = new StringBuilder($"  .{b.Index} {KindName(b.Kind)}");
            if (b.Stmt is not null && b.Kind != BlockKind.Entry) head.Append($" (line {Line(b.Stmt)})");
            if (!b.IsReachable) head.Append(" [unreachable]");
            w.WriteLine(head.ToString());
            bool deferred = b.Kind is BlockKind.DeferReturn or BlockKind.DeferPanic;
            foreach (var n in b.Nodes) w.WriteLine($"      {Line(n),4}: {(deferred ? "run deferred " + Text(n) : Describe(n))}");
            if (b.NoReturnCall is not null) w.WriteLine($"      never returns: {Text(b.NoReturnCall)}");
            foreach (var e in b.Succs) w.WriteLine($"    -> .{e.Target.Index}{EdgeLabel(e)}");
        }
    }

    public string ToString(ControlFlowGraph g)
    {
        var sw = new StringWriter { NewLine = "\n" };
        Write(sw, g);
        return sw.ToString();
    }

    private string EdgeLabel(Edge e)
    {
        string kind = e.Kind switch
        {
            EdgeKind.Normal => "",
            EdgeKind.True => " true",
            EdgeKind.False => " false",
            EdgeKind.Panic => " panic",
            EdgeKind.ProcessExit => " process-exit",
            _ => " " + e.Kind,
        };
        if (e.Condition is null) return kind;
        return e.CaseOf switch
        {
            SwitchStmt sw => $"{kind} [{Text(sw.Tag!)} == {Text(e.Condition)}]",
            TypeSwitchStmt => $"{kind} [type {Text(e.Condition)}]",
            _ => $"{kind} [{Text(e.Condition)}]",
        };
    }

    private static string KindName(BlockKind k)
    {
        // IfThen -> if.then, SwitchNextCase -> switch.next.case: go/cfg's spelling.
        var sb = new StringBuilder();
        foreach (char c in k.ToString())
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append('.');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private string Describe(Node n) => n switch
    {
        RangeStmt r => $"range-next {RangeVars(r)}",
        _ => Text(n),
    };

    private string RangeVars(RangeStmt r)
    {
        if (r.Key is null) return $"(over {Text(r.X!)})";
        string vars = r.Value is null ? Text(r.Key) : $"{Text(r.Key)}, {Text(r.Value)}";
        return $"{vars} {(r.Tok == Token.Define ? ":=" : "=")} (over {Text(r.X!)})";
    }

    private static int Line(Node n) => n.Location.Line;

    /// <summary>The node's source text on one line, shortened when long.</summary>
    public string Text(Node n)
    {
        var path = n.SourceFile.Path;
        if (!sources.TryGetValue(path, out var bytes))
        {
            bytes = System.IO.File.Exists(path) ? System.IO.File.ReadAllBytes(path) : [];
            sources[path] = bytes;
        }
        int from = n.Pos.Offset, to = n.End.Offset;
        if (from < 0 || to > bytes.Length || to < from) return n.Kind.ToString();
        var text = Encoding.UTF8.GetString(bytes, from, to - from);
        var sb = new StringBuilder();
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        var s = sb.ToString();
        return s.Length > 72 ? s[..69] + "..." : s;
    }
}
