using Vigil.Analysis;
using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Tests.Report;

/// <summary>
/// Test-only checks that report at marked places, so the output and
/// filtering pipeline is tested apart from the real analyses:
/// - vigil-bad: every call to a function named bad, with a two-step trace
///   (bad's declaration, the enclosing function) and a suggested fix
///   (rename to good); options: message (replaces "call to bad").
/// - vigil-pair: every call to racy inside a go statement's function literal,
///   with a trace over two goroutines (RelatedLocation.Flow), as a race has.
/// </summary>
public static class TestChecks
{
    public static readonly Analyzer Bad = new()
    {
        Name = "bad",
        Doc = "reports calls to functions named bad\n\nA test check. Example:\n\n    bad() // reported: call to bad\n",
        Run = pass =>
        {
            var message = pass.Options.GetValueOrDefault("message") as string ?? "call to bad";
            foreach (var file in pass.Package.Files)
                foreach (var call in file.Syntax.Descendants().OfType<CallExpr>())
                {
                    if (call.Fun is not Ident { Name: "bad" } id) continue;
                    var trace = new List<RelatedLocation>();
                    if (pass.Info.UseOf(id) is { } obj) trace.Add(new RelatedLocation(obj.Location, "bad is declared here"));
                    if (call.Ancestor<FuncDecl>() is { Name: { } fn }) trace.Add(new RelatedLocation(fn.Location, $"in {fn.Name}"));
                    pass.Report(new Finding
                    {
                        Check = "",
                        Location = call.Location,
                        End = file.Location(call.End),
                        Message = message,
                        Related = trace,
                        SuggestedFixes = [new SuggestedFix("call good instead", [new TextEdit(file.Path, id.Pos.Offset, id.End.Offset, "good")])],
                    });
                }
            return null;
        },
    };

    public static readonly Analyzer Pair = new()
    {
        Name = "pair",
        Doc = "reports calls to racy in goroutines\n\nA test check whose traces follow two goroutines.\n",
        Run = pass =>
        {
            foreach (var file in pass.Package.Files)
                foreach (var go in file.Syntax.Descendants().OfType<GoStmt>())
                    foreach (var call in go.Descendants().OfType<CallExpr>())
                    {
                        if (call.Fun is not Ident { Name: "racy" }) continue;
                        var block = go.Parent as BlockStmt;
                        var after = block?.List.SkipWhile(s => s != go).Skip(1).FirstOrDefault();
                        var trace = new List<RelatedLocation>
                        {
                            new(go.Location, "goroutine started here") { Flow = "goroutine 1" },
                            new(call.Location, "racy called here") { Flow = "goroutine 1" },
                        };
                        if (after is not null) trace.Add(new RelatedLocation(after.Location, "concurrently with this statement") { Flow = "goroutine 2" });
                        pass.Report(new Finding
                        {
                            Check = "",
                            Location = call.Location,
                            End = file.Location(call.End),
                            Message = "racy call in a goroutine",
                            Related = trace,
                            Flow = "goroutine 1",
                        });
                    }
            return null;
        },
    };

    public static readonly IReadOnlyList<Analyzer> All = [Bad, Pair];
}
