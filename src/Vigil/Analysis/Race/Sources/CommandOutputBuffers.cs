using Vigil.Findings;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A buffer given to an <c>exec.Cmd</c> as its <c>Stdout</c> or <c>Stderr</c>, used after <c>Start</c> and before
/// <c>Wait</c>:
///
/// <code>
/// var out bytes.Buffer
/// cmd.Stdout = &amp;out
/// cmd.Start()
/// if strings.Contains(out.String(), "ready") { ... } // races with the copy into out
/// cmd.Wait()
/// </code>
///
/// When the writer is not an <c>*os.File</c>, <c>Start</c> starts a goroutine that copies the command's output into
/// it, and only <c>Wait</c> waits for that goroutine (os/exec's documentation). The package is loaded from export
/// data, so its goroutine is not seen by the goroutine analysis: this rule knows the contract. Decided on the syntax of
/// one function: the assignment, the <c>Start</c> call and a use of the buffer after it, with no <c>Wait</c> on the
/// command in between (by position). A use in the error branch of the <c>Start</c> call (nothing was started) is not
/// reported.
/// </summary>
public static class CommandOutputBuffers
{
    public static IEnumerable<GuardedFields.Violation> Find(Package pkg)
    {
        foreach (var file in pkg.Files)
            foreach (var assign in file.Syntax.Descendants().OfType<AssignStmt>())
            {
                if (assign.Lhs.Count != 1 || assign.Rhs.Count != 1) continue;
                if (assign.Lhs[0] is not SelectorExpr { X: { } cmdExpr, Sel.Name: "Stdout" or "Stderr" } || !IsCmd(pkg.Info.TypeOf(cmdExpr))) continue;
                if (Buffer(assign.Rhs[0], pkg.Info) is not { } buffer || FunctionScope.EnclosingBody(assign) is not { } body) continue;
                var cmd = FunctionScope.VariablePath(cmdExpr, pkg.Info);
                if (cmd is null) continue;
                var calls = CmdCalls(body, pkg.Info, cmd).Where(c => c.Call.Pos.Offset > assign.End.Offset).ToList();
                var start = calls.FirstOrDefault(c => c.Method == "Start");
                if (start.Call is null) continue;
                int until = calls.Where(c => c.Method == "Wait" && c.Call.Pos.Offset > start.Call.End.Offset)
                    .Select(c => c.Call.Pos.Offset).DefaultIfEmpty(int.MaxValue).First();
                var use = FunctionScope.OwnNodes(body).OfType<Ident>()
                    .Where(id => id.Pos.Offset > start.Call.End.Offset && id.Pos.Offset < until && pkg.Info.UseOf(id) == buffer)
                    .FirstOrDefault(id => !InStartErrorBranch(id, start.Call));
                if (use is null) continue;
                string stream = ((SelectorExpr)assign.Lhs[0]).Sel!.Name;
                string msg = $"data race: {buffer.Name} used while the command started at {RaceReport.Short(start.Call.Location)} runs: "
                    + $"os/exec copies the command's {stream} into it from a goroutine until Wait returns";
                var related = new List<RelatedLocation>
                {
                    new(assign.Location, $"{buffer.Name} is the command's {stream}") { Flow = RaceReport.OtherFlow },
                    new(start.Call.Location, "Start starts the goroutine that writes it") { Flow = RaceReport.OtherFlow },
                };
                yield return new GuardedFields.Violation(use, use, msg, related,
                    Advice: $"read {buffer.Name} after the command's Wait returns, or read the output through StdoutPipe/StderrPipe");
            }
    }

    private readonly record struct CmdCall(CallExpr Call, string Method);

    /// <summary>Calls of <c>Start</c>, <c>Wait</c> and <c>Run</c> on the command named <paramref name="cmd"/>, outside nested literals.</summary>
    private static IEnumerable<CmdCall> CmdCalls(BlockStmt body, TypeInfo info, string cmd) =>
        FunctionScope.OwnNodes(body).OfType<CallExpr>()
            .Where(c => c.Fun is SelectorExpr { Sel.Name: "Start" or "Wait" or "Run", X: { } x } && IsCmd(info.TypeOf(x)) && FunctionScope.VariablePath(x, info) == cmd)
            .Select(c => new CmdCall(c, ((SelectorExpr)c.Fun!).Sel!.Name))
            .OrderBy(c => c.Call.Pos.Offset);

    /// <summary>The local variable the writer is: <c>&amp;buf</c> of a bytes.Buffer or strings.Builder, or a pointer variable to one.</summary>
    private static GoVar? Buffer(Expr e, TypeInfo info)
    {
        var id = e switch
        {
            UnaryExpr { Op: Token.And, X: Ident x } => x,
            Ident x => x,
            _ => null,
        };
        if (id is null || info.UseOf(id) is not GoVar { IsPackageLevel: false, IsField: false } v) return null;
        var t = v.Type?.Unalias();
        if (t is GoPointer { Elem: var elem }) t = elem.Unalias();
        return t is GoNamed { Obj: { Name: "Buffer", Package.Path: "bytes" } or { Name: "Builder", Package.Path: "strings" } } ? v : null;
    }

    private static bool IsCmd(GoType? t)
    {
        t = t?.Unalias();
        if (t is GoPointer { Elem: var elem }) t = elem.Unalias();
        return t is GoNamed { Obj: { Name: "Cmd", Package.Path: "os/exec" } };
    }

    /// <summary>Inside the body of the <c>if</c> that checks the Start call's error: <c>if err := cmd.Start(); err != nil { ... }</c>,
    /// or an <c>if</c> right after the statement that calls Start.</summary>
    private static bool InStartErrorBranch(Node use, CallExpr start)
    {
        for (var p = use.Parent; p != null; p = p.Parent)
        {
            if (p is not IfStmt { Body: { } body } ifs || !Within(use, body)) continue;
            if (ifs.Init is { } init && Within(start, init)) return true;
            if (ifs.Parent is BlockStmt block)
            {
                int i = block.List.ToList().IndexOf(ifs);
                if (i > 0 && Within(start, block.List[i - 1])) return true;
            }
        }
        return false;
    }

    private static bool Within(Node n, Node outer) => n.Pos.Offset >= outer.Pos.Offset && n.End.Offset <= outer.End.Offset && n.SourceFile == outer.SourceFile;
}
