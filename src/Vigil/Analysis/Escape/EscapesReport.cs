using Vigil.Dump;
using Vigil.Loading;
using Vigil.Output;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>
/// The report behind `vigil escapes`: for any function, annotated or not,
/// everything that may escape in it and in what it calls, with chains — what
/// a person wants to see before writing a +checkescape promise.
/// </summary>
public static class EscapesReport
{
    /// <summary>The functions to report on: the one named (in a _test.go file too), or every function with a body in the analyzable packages' non-test files.</summary>
    public static List<FuncDecl> Select(GoProgram program, string? function)
    {
        var decls = new List<FuncDecl>();
        foreach (var pkg in EscapeModel.Analyzable(program))
        {
            if (function is not null)
            {
                if (FunctionFinder.Find(pkg, function) is { Body: not null } fd && !decls.Contains(fd)) decls.Add(fd);
                continue;
            }
            decls.AddRange(FunctionFinder.All(pkg).Where(fd => fd.Body is not null && !fd.SourceFile.IsTest));
        }
        return decls;
    }

    public static void Write(TextWriter w, GoProgram program, IReadOnlyList<FuncDecl> decls, string workingDirectory)
    {
        var model = EscapeModel.Build(program, decls);
        foreach (var e in model.Errors) w.WriteLine($"# {e}");
        foreach (var decl in decls)
        {
            if (SourceIndex.InfoOf(decl).DefOf(decl.Name!) is not GoFunc fn) continue;
            string key = SymbolNames.KeyOf(fn);
            var nodes = model.Graph.FunctionsOf(key);
            w.WriteLine($"{SymbolNames.Short(key)} ({Paths.Relative(decl.Location.Path, workingDirectory)}:{decl.Location.Line})");
            if (nodes.Count == 0)
            {
                w.WriteLine("  no compiled code (a generic function that nothing instantiates?)");
                continue;
            }
            var seen = new HashSet<(EscapeReason, string, int)>();
            var escapes = Reachability.From(model.Graph, nodes)
                .Where(e => seen.Add((e.Reason, e.At.File, e.At.Line)))
                .OrderBy(e => e.Reason).ThenBy(e => e.At.File, StringComparer.Ordinal).ThenBy(e => e.At.Line).ToList();
            if (escapes.Count == 0) w.WriteLine("  nothing escapes");
            foreach (var e in escapes)
            {
                var at = Report.At(model, e);
                w.WriteLine($"  {Paths.Relative(at.Path, workingDirectory)}:{at.Line}:{at.Column}: {e.Reason.Word()}: {e.What}{(e.Local ? "" : " (via a callee)")}");
                foreach (var r in Report.Trace(model, e))
                    w.WriteLine($"      {Paths.Relative(r.Location.Path, workingDirectory)}:{r.Location.Line}:{r.Location.Column}: {r.Message}");
            }
        }
    }
}
