using Vigil.Analysis;
using Vigil.Analysis.Nil;
using Vigil.Flow.Cfg;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Facts;

/// <summary>
/// A package's facts (<see cref="PackageFacts"/>) from the load that analyzed it:
/// read from the program cache of that run (the nil inference, the no-return
/// analysis, the race summaries), after the analyzers ran. A run without the nil check
/// exports no nil facts.
/// </summary>
public static class FactsExport
{
    /// <param name="races">Whether to export the race facts too (the race check runs: its summaries are computed on demand).</param>
    /// <param name="reachableOnly">Only the facts a dependent can read (<see cref="Reachable"/>): those of exported functions and methods.</param>
    public static PackageFacts Of(GoProgram program, ProgramCache cache, Package pkg, bool races = false, bool reachableOnly = false)
    {
        var facts = new PackageFacts();
        if (races)
        {
            foreach (var (key, fact) in RaceFactsExport.Of(program, cache, pkg, reachableOnly)) facts.Race[key] = fact;
            // Every field the package stores, exported or not: a dependent meets unexported ones through race facts.
            foreach (var (key, flags) in RaceFieldFactsExport.Of(program, cache, pkg)) facts.RaceFields[key] = flags;
        }
        var noReturn = NoReturnAnalysis.For(cache, program);
        var nil = cache.Find<Inference>("vigil-nil/inference");
        foreach (var file in pkg.Files)
            foreach (var fd in file.Syntax.Decls.OfType<FuncDecl>())
            {
                if (fd.Body is null || fd.Name is null || pkg.Info.DefOf(fd.Name) is not GoFunc f) continue;
                if (reachableOnly && !Reachable.IsExported(f.Name)) continue;
                string key = f.Origin.Key;
                if (noReturn.Found(f.Key) is { } kind) facts.NoReturn[key] = kind;
                if (nil is null) continue;
                // A checked downcast's nil is not its callers' (Downcasts): a dependent without the body must not see one.
                if (nil.World.SummaryOf(f) is { } s) facts.Summaries[key] = nil.World.Downcasts.IsDowncast(f) ? s.WithoutNilResults() : s;
                if (nil.World.DocumentsNil(f)) facts.DocumentsNil.Add(key);
            }
        if (nil is null) return facts;
        foreach (var (origin, by) in nil.CheckedBy)
            if (by.Contains(pkg.Path) && (!reachableOnly || Reachable.KeyIsExported(origin))) facts.Checks.Add(origin);
        // The load has this package only (its imports come from export data): what its world
        // holds about fields is this package's.
        facts.ComparedFields.UnionWith(nil.World.Fields.ComparedWithNil);
        var suppressions = new NilSuppressions(program);
        foreach (var file in pkg.Files)
            foreach (var (from, to) in suppressions.RangesOf(file.Path))
                facts.Silenced.Add((file.Path, from, to));
        return facts;
    }
}
