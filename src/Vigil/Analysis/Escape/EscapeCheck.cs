using Vigil.Findings;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>The vigil-escape check: heap-escape promises on functions, checked against the Go compiler.</summary>
public static class EscapeCheck
{
    public const string ModelKey = "escape.model";

    public static readonly Analyzer Analyzer = new()
    {
        Name = "escape",
        Doc = """
            broken heap-escape promises: +checkescape / +mustescape annotations checked against the Go compiler
            A function's doc comment can promise what must not happen in it or in anything
            it calls: "// +checkescape" (no heap allocation or allocating builtin in its own
            body), "// +checkescape:REASONS" (heap, builtin, interface, dynamic, stack,
            unknown; groups hard and all; local limits the check to the body itself), or the
            inverse "// +mustescape:REASONS". "// escapes: why" on a line exempts its escapes,
            for the function and all its callers. The compiler's own escape analysis and
            machine code decide what escapes; each report shows the call chain.
            """,
        BeforeLoad = EarlyCompile.Start,
        Run = Run,
    };

    private static object? Run(Pass pass)
    {
        var pkg = pass.Package;
        if (!EscapeModel.IsAnalyzable(pkg)) return null;

        var promises = new List<(FuncDecl Decl, Promise Promise)>();
        bool hasExemptions = false;
        foreach (var file in EscapeModel.Files(pkg))
        {
            var docs = new HashSet<Comment>();
            foreach (var decl in file.Syntax.Decls.OfType<FuncDecl>())
            {
                if (decl.Doc is not { } doc) continue;
                docs.UnionWith(doc.List);
                var mistakes = new List<AnnotationMistake>();
                var promise = AnnotationParser.ParseDoc(doc.List.Select(c => c.Text).ToList(), mistakes);
                foreach (var m in mistakes) AnnotationFix.Report(pass, doc.List[m.CommentIndex], m);
                if (promise is null) continue;
                if (decl.Body is not null) promises.Add((decl, promise));
                else pass.Report(decl.Name!, $"cannot check the escape promise of {decl.Name!.Name}: it has no Go body (it is implemented in assembly or linked in)");
            }
            foreach (var group in file.Syntax.Comments)
                foreach (var c in group.List)
                    hasExemptions |= CheckComment(pass, c, docs.Contains(c));
        }
        if (promises.Count == 0 && !hasExemptions) return null;

        var model = pass.Cache.Get(ModelKey, () => EscapeModel.Build(pass.Program));
        foreach (var (decl, promise) in promises) CheckPromise(pass, model, decl, promise);
        ReportUnusedExemptions(pass, model);
        return null;
    }

    /// <summary>Reports misplaced, misspelled and malformed annotations outside doc comments; returns whether the comment is an exemption.</summary>
    private static bool CheckComment(Pass pass, Comment c, bool inFuncDoc)
    {
        switch (AnnotationParser.Classify(c.Text))
        {
            case AnnotationParser.Kind.Check or AnnotationParser.Kind.Must when !inFuncDoc:
                pass.Report(c, $"\"{AnnotationParser.Strip(c.Text)}\" has no effect here: escape promises belong in the doc comment of a function declaration");
                return false;
            case AnnotationParser.Kind.NearMiss when !inFuncDoc:
                var mistakes = new List<AnnotationMistake>();
                AnnotationParser.ParseDoc([c.Text], mistakes);
                foreach (var m in mistakes) AnnotationFix.Report(pass, c, m);
                return false;
            case AnnotationParser.Kind.BadExemption when !inFuncDoc: // "Escapes: ..." in a doc comment is prose
                pass.Report(c, AnnotationParser.BadExemptionMessage(c.Text));
                return false;
            case AnnotationParser.Kind.Exemption:
                if (AnnotationParser.ExemptionReason(c.Text) is "")
                    pass.Report(c, "exemption without a reason: write why the allocation is acceptable, as in \"// escapes: once per connection\"");
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The compiler's text for people: it names unnamed results ~r0, ~r1,
    /// which a reader never wrote; they are "result 0", "result 1".
    /// </summary>
    internal static string Readable(string compilerText) =>
        System.Text.RegularExpressions.Regex.Replace(compilerText, @"~r(\d+)", "result $1");

    private static void CheckPromise(Pass pass, EscapeModel model, FuncDecl decl, Promise promise)
    {
        if (pass.Info.DefOf(decl.Name!) is not GoFunc fn) return;
        string key = SymbolNames.KeyOf(fn);
        var nodes = model.Graph.FunctionsOf(key);
        if (nodes.Count == 0)
        {
            string why = model.Errors.Count > 0 ? $": the compiler failed: {model.Errors[0]}"
                : decl.Type?.TypeParams is { List.Count: > 0 } ? ": it is generic and no compiled package instantiates it" : "";
            pass.Report(new Finding { Check = pass.Analyzer.CheckId, Location = decl.Name!.Location, Message = $"cannot check the escape promise of {decl.Name.Name}: no compiled code for it{why}", Function = key });
            return;
        }
        var escapes = Reachability.From(model.Graph, nodes);

        var reported = new HashSet<(EscapeReason, string, int)>();
        foreach (var e in escapes)
        {
            if (!promise.Forbidden.Contains(e.Reason) || (promise.Local && !e.Local)) continue;
            if (!reported.Add((e.Reason, e.At.File, e.At.Line))) continue;
            pass.Report(new Finding
            {
                Check = pass.Analyzer.CheckId,
                Location = Report.At(model, e),
                Message = $"{e.Reason.Word()}: {Readable(e.What)}",
                Related = Report.Trace(model, e),
                Advice = PromiseAdvice.Broken(decl, e.Reason),
                Function = key,
            });
        }

        foreach (var want in promise.Required)
        {
            if (escapes.Any(e => e.Reason == want.Reason && e.Local == want.Local)) continue;
            string where = want.Local ? "in its own body" : "through a callee";
            var other = escapes.FirstOrDefault(e => e.Reason == want.Reason);
            string hint = other is null ? "" : $" (there is one {(other.Local ? "in its own body" : "through a callee")}, at {Path.GetFileName(other.At.File)}:{other.At.Line})";
            pass.Report(new Finding
            {
                Check = pass.Analyzer.CheckId,
                Location = decl.Name!.Location,
                Message = $"+mustescape:{(want.Local ? "local," : "")}{want.Reason.Word()} not met: the compiler finds no {want.Reason.Word()} escape {where} of {decl.Name.Name}{hint}",
                Advice = PromiseAdvice.Unmet(decl),
                Function = key,
            });
        }
    }

    private static void ReportUnusedExemptions(Pass pass, EscapeModel model)
    {
        var files = EscapeModel.Files(pass.Package).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var ex in model.Index.Exemptions.Values.Where(x => files.Contains(x.Path)).OrderBy(x => x.Path, StringComparer.Ordinal).ThenBy(x => x.Line))
        {
            if (ex.Reason.Length == 0 || model.Graph.UsedExemptions.Contains((ex.Path, ex.Line))) continue;
            pass.Report(new Finding
            {
                Check = pass.Analyzer.CheckId,
                Location = new Location(ex.Path, ex.Line, ex.Column, -1),
                Message = "exemption matches no escape: the compiler allocates nothing on this line (remove the \"// escapes:\" comment)",
            });
        }
    }
}
