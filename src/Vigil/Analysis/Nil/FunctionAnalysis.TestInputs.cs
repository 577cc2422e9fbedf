using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

public sealed partial class FunctionAnalysis
{
    /// <summary>
    /// In a test file, a nil that comes from outside the test's own function — a callee's failure
    /// result (`v, err := Parse(constant)`), a nil a library passes to a callback (`fs.WalkDir` on
    /// a root that exists), a test double's error path — is not reported. A test runs its own fixed
    /// inputs and passes: the callee's nil needs a failure those inputs rule out (on std, every such
    /// finding of the strict samples was a false alarm), and if it did fail, the test fails anyway.
    /// A nil the test makes itself (`var f func(); defer f()`, `cur = nil` in a parser loop, a
    /// failed type assertion) is still reported.
    /// </summary>
    private bool NilFromOutsideTest(Fact f)
    {
        if (!root.SourceFile.IsTest || f.Trace.Count == 0) return false;
        var origin = f.Trace[0].Location;
        var (from, to) = EnclosingDeclSpan();
        return origin.Path != root.SourceFile.Path || origin.Offset < from || origin.Offset > to;
    }

    /// <summary>
    /// In a test file, a std field documented as possibly nil (`Request.TLS`: nil for a plain
    /// HTTP connection) is a nil from outside the test too: the library fills the struct, from
    /// the setup the test chose (a TLS server, a request with a body), as it fills a callee's
    /// result. It makes no source there; library code keeps it (cases testdata/nil/testinputs).
    /// </summary>
    private bool StdFieldNilFromOutsideTest() => root.SourceFile.IsTest;

    /// <summary>The offsets of the top-level declaration around the analyzed function (a literal's enclosing function).</summary>
    private (int From, int To) EnclosingDeclSpan()
    {
        var file = root.SourceFile;
        int at = root.Location.Offset;
        foreach (var d in file.Syntax.Decls)
        {
            if (d is null) continue;
            int from = d.Location.Offset, to = file.Location(d.End).Offset;
            if (from <= at && at <= to) return (from, to);
        }
        return (at, file.Location(root.End).Offset);
    }
}
