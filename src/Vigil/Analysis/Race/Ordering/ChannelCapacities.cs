using Vigil.Flow;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// The buffer size of each channel variable, from every <c>make(chan T[, n])</c>
/// assigned to it anywhere in the program: "0" (unbuffered), the constant
/// size, or "?" when it is not a constant or differs between makes. Gathered
/// in one pass before any function is walked, so what a walk learns of a
/// channel never depends on which other walks ran first.
/// </summary>
internal static class ChannelCapacities
{
    public static IReadOnlyDictionary<GoVar, string> Of(GoProgram program)
    {
        var perPackage = new Dictionary<GoVar, string>[program.Packages.Count];
        Parallel.For(0, perPackage.Length, i => perPackage[i] = Gather(program.Packages[i]));
        var all = new Dictionary<GoVar, string>();
        foreach (var found in perPackage)
            foreach (var (v, capacity) in found) Note(all, v, capacity);
        return all;
    }

    /// <summary>The channel capacities one package's code gives variables and fields.</summary>
    public static Dictionary<GoVar, string> Gather(Package pkg)
    {
        var found = new Dictionary<GoVar, string>();
        var info = pkg.Info;
        void Made(GoVar? v, Expr value)
        {
            if (v is not null && value is CallExpr mk && Callees.Builtin(mk, info) is { Name: "make" } && info.TypeOf(mk)?.Underlying is GoChan)
                Note(found, v, mk.Args.Count < 2 ? "0" : info.ConstValue(mk.Args[1]) ?? "?");
        }
        foreach (var file in pkg.Files)
            new SyntaxWalk(n =>
            {
                switch (n)
                {
                    case AssignStmt a when a.Tok is Token.Define or Token.Assign && a.Lhs.Count == a.Rhs.Count:
                        for (int i = 0; i < a.Lhs.Count; i++)
                            if (a.Lhs[i] is Ident id) Made(info.ObjectOf(id) as GoVar, a.Rhs[i]);
                        break;
                    case ValueSpec vs when vs.Names.Count == vs.Values.Count:
                        for (int i = 0; i < vs.Names.Count; i++) Made(info.DefOf(vs.Names[i]) as GoVar, vs.Values[i]);
                        break;
                    case CommentGroup or Comment or ImportSpec:
                        return false;
                }
                return true;
            }).Walk(file.Syntax);
        return found;
    }

    private static void Note(Dictionary<GoVar, string> into, GoVar v, string capacity) =>
        into[v] = into.TryGetValue(v, out var old) && old != capacity ? "?" : capacity;
}
