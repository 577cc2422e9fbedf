namespace Vigil.Analysis.Nil;

/// <summary>The vigil-nil check: nil panics found by whole-program nilability inference.</summary>
public static class NilAnalyzer
{
    public static Analyzer Analyzer { get; } = new()
    {
        Name = "nil",
        Doc = """
            nil panics: a nil value that can reach a dereference, with the flow that leads there
            The check infers, without annotations, which results, parameters and
            locals can be nil across functions and packages, follows nil checks,
            early returns, comma-ok and (value, error) contracts, and reports each
            dereference a nil can reach, with its trace from the nil source.
            Option (vigil.yaml options.nil, or --nil-evidence): evidence: documented
            (default: a returned nil is believed when the callee's doc comment says
            nil and a caller checks it, and the nil is not only for arguments the
            callee rejects), preconditions (also those) or returns (a literal nil
            return is enough).
            See docs/checks/nil.md.
            """,
        Run = pass =>
        {
            var evidence = EvidenceOption.From(pass.Options);
            var inference = pass.Cache.Get("vigil-nil/inference", () =>
            {
                var stats = NilStats.Start();
                var graph = Vigil.Flow.CallGraph.CallGraph.For(pass);
                stats.Phase("call graph");
                return Inference.Run(pass.Program, pass.Cache, graph, evidence, pass.Cache.Find<Vigil.Facts.NilImports>(Vigil.Facts.NilImports.CacheKey));
            });
            foreach (var f in inference.Findings)
                if (f.Package == pass.Package.Id) pass.Report(f);
            // Budgets hit are noted by the package that declares the function (not silently dropped).
            foreach (var f in inference.Unsettled)
                if (f.Package?.Path == pass.Package.Path) pass.NoteLimit($"still changing when the inference budget ({Inference.MaxRounds} rounds of summaries) ran out", "docs/checks/nil.md#limits", f.FullName);
            foreach (var f in inference.Failed)
                if (f.Package?.Path == pass.Package.Path) pass.NoteLimit("could not be analyzed (an internal error)", "docs/checks/nil.md#limits", f.FullName);
            return null;
        },
    };
}
