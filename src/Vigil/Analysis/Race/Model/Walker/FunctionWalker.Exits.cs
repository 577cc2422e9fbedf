using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Calls that end the path like a return: what a branch holds before <c>panic(...)</c> does not flow to
/// the code after the branch (<c>if !ok { mu.Unlock(); panic("...") }</c> keeps mu held after the if).
/// </summary>
internal sealed partial class FunctionWalker
{
    private static readonly HashSet<string> NoReturnFuncs = ["os.Exit", "runtime.Goexit", "log.Fatal", "log.Fatalf", "log.Fatalln", "log.Panic", "log.Panicf", "log.Panicln"];

    /// <summary>A call after which the function does not go on: panic, os.Exit, runtime.Goexit, log.Fatal.</summary>
    private bool NeverReturns(CallExpr call) => call.Fun switch
    {
        Ident { Name: "panic" } id => info.ObjectOf(id) is GoBuiltin,
        SelectorExpr { Sel: { } sel } => info.ObjectOf(sel) is GoFunc f && NoReturnFuncs.Contains(f.Key),
        _ => false,
    };
}
