using Vigil.Analysis;
using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Tests.Framework;

/// <summary>Small analyzers for testing the framework itself.</summary>
public static class TestAnalyzers
{
    /// <summary>Reports every call to a function named bad, with a one-step trace to its declaration.</summary>
    public static readonly Analyzer CallsToBad = new()
    {
        Name = "testbad",
        Doc = "reports calls to bad\n\nFor testing the framework.",
        Run = pass =>
        {
            foreach (var file in pass.Package.Files)
                foreach (var call in file.Syntax.Descendants().OfType<CallExpr>())
                    if (call.Fun is Ident { Name: "bad" } id && pass.Info.UseOf(id) is { } fn)
                        pass.Report(call, "call to bad", [new RelatedLocation(fn.Location, "bad declared here")]);
            return null;
        },
    };

    public static readonly Analyzer Throws = new()
    {
        Name = "throws",
        Doc = "always fails",
        Run = _ => throw new InvalidOperationException("boom"),
    };
}
