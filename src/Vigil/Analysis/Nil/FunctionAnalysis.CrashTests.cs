using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

public sealed partial class FunctionAnalysis
{
    /// <summary>
    /// In a test file, a use of a value that is nil on every path reaching it, made nil by the
    /// test itself (`var p *int; *p = 3`, `var f func(); defer f()`, `var m map[K]V; m[k] = v`,
    /// `runtime.ReadMemStats(nil)`) is a deliberate crash: the test checks how the panic is
    /// raised, recovered or printed. It runs on every `go test`, so if it were a mistake the
    /// test would fail at its first run; a report only asks for a //nolint. Not a crash test: a
    /// value that may be nil (`cur = nil` on one branch of a parser loop), and a value known nil
    /// only because the test compared it with nil (`if resp == nil { t.Fatal(resp.Status) }`:
    /// the branch runs only when something failed). Library code keeps every report.
    /// </summary>
    private bool DeliberateCrashInTest(Expr subject, Fact f)
    {
        if (!root.SourceFile.IsTest || f.SelfChecked) return false;
        var x = Unparen(subject);
        if (info.IsNilLiteral(x)) return true;
        return PathOf(x) is { } p && !p.Contains('.') && S.ConstOf(p) == 0;
    }
}
