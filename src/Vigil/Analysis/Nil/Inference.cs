using System.Collections.Concurrent;
using System.Collections.Immutable;
using Vigil.Findings;
using Vigil.Flow.Cfg;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Whole-program nil inference, computed once per load (through
/// Pass.Cache) and read by every package's pass.
///
/// Each function's summary says which results can be nil and which
/// parameters it dereferences unchecked. Summaries are the implication graph
/// in compact form: a nil result flows forward into every caller, a
/// dereferenced parameter flows backward to every argument. Rounds re-run the
/// local analysis of every function against the previous round's summaries
/// (in parallel; each round reads only the previous one, so the result does
/// not depend on scheduling) until nothing changes or the round budget is
/// spent. Facts only grow, so it terminates on recursion too. A final round
/// collects the nil panics.
/// </summary>
public sealed class Inference
{
    public const int MaxRounds = 8;

    public IReadOnlyList<Finding> Findings { get; }
    public int Rounds { get; }
    /// <summary>Functions whose summary still changed in the last round the budget allowed: their callers' facts may be incomplete.</summary>
    public IReadOnlyList<GoFunc> Unsettled { get; private init; } = [];
    /// <summary>Functions whose analysis failed (an exception): they have no summary and no findings.</summary>
    public IReadOnlyList<GoFunc> Failed { get; private init; } = [];
    /// <summary>The summaries, field sites and scans the inference ended with (what a dependent's analysis reads: the cache hashes them as facts).</summary>
    public NilWorld World { get; private init; } = null!;
    /// <summary>Each callee whose nil result some code checks, with the paths of the packages that check it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> CheckedBy { get; private init; } = new Dictionary<string, IReadOnlyCollection<string>>();

    private Inference(IReadOnlyList<Finding> findings, int rounds)
    {
        Findings = findings;
        Rounds = rounds;
    }

    public static Inference Run(GoProgram program, ProgramCache cache, Vigil.Flow.CallGraph.CallGraph? graph = null, Evidence evidence = Evidence.Documented, Vigil.Facts.NilImports? imports = null)
    {
        var stats = NilStats.Start();
        var owners = FileOwners(program);
        var bodies = new List<FunctionBody>();
        var channels = new ClosedChannels();
        var pools = new Pools();
        foreach (var pkg in program.Packages)
            foreach (var file in pkg.Files)
            {
                foreach (var decl in file.Syntax.Decls)
                    if (decl is FuncDecl { Body: not null } fd)
                        bodies.Add(new FunctionBody(pkg, fd, fd.Name is null ? null : pkg.Info.DefOf(fd.Name) as GoFunc));
                channels.Scan(pkg.Info, file.Syntax);
                pools.Scan(pkg.Info, file.Syntax);
            }

        var world = new NilWorld(bodies, channels, graph) { Pools = pools, Evidence = evidence, Imported = imports };
        foreach (var pkg in program.Packages)
            foreach (var file in pkg.Files)
            {
                world.Fields.Scan(pkg, file.Syntax, file.IsTest);
                world.Callbacks.Scan(pkg, file.Syntax, file.IsTest);
                world.ResultStructs.Scan(pkg, file.Syntax, file.IsTest);
            }
        stats.Phase("scans");
        if (stats.On)
        {
            // Profiling: the functions' control-flow graphs (cached; also read by other checks), timed apart.
            Parallel.ForEach(bodies, b => FunctionGraphs.For(cache, program, b.Package).Of(b.Decl));
            stats.Phase("control-flow graphs");
        }
        ControlFlowGraph GraphOf(Package pkg, Node fn) => FunctionGraphs.For(cache, program, pkg).Of(fn);
        // Rounds: the first analyzes every function, callees first (CalleesFirst); a later one
        // only the functions that read a summary (or field sites) changed since they last ran.
        // Within a round, the functions of one level run in parallel and read the summaries of
        // the levels below, set before the level starts: the result does not depend on scheduling.
        var levels = CalleesFirst.Levels(bodies, graph);
        var summaries = new Dictionary<GoFunc, FunctionSummary>();
        world.SetSummaries(summaries); // updated between levels, never while a level runs
        var consulted = new Dictionary<GoFunc, HashSet<GoFunc>>();
        var readsFields = new Dictionary<GoFunc, HashSet<string>>();
        var ranAt = new Dictionary<GoFunc, int>();      // the step (a level run) of each function's last analysis
        var changedAt = new Dictionary<GoFunc, int>();  // the step whose analysis last changed each summary
        var retracedAt = new Dictionary<GoFunc, int>(); // the same, counting changes of its traces only too
        var fieldChangedAt = new Dictionary<string, int>(StringComparer.Ordinal); // the step that last changed each field's constructor fact
        int step = 0;
        bool NeedsRun(GoFunc f) =>
            !ranAt.TryGetValue(f, out var ran)
            || (consulted.TryGetValue(f, out var deps) && deps.Any(g => changedAt.TryGetValue(g, out var c) && c >= ran))
            || (readsFields.TryGetValue(f, out var fields) && fields.Any(k => fieldChangedAt.TryGetValue(k, out var c) && c >= ran));
        // Whether a function's last analysis read only what is final, traces included: its reports stand.
        bool Current(GoFunc f) =>
            ranAt.TryGetValue(f, out var ran)
            && !(consulted.TryGetValue(f, out var deps) && deps.Any(g => retracedAt.TryGetValue(g, out var c) && c >= ran))
            && !(readsFields.TryGetValue(f, out var fields) && fields.Any(k => fieldChangedAt.TryGetValue(k, out var c) && c >= ran));
        // Each body's reports and checked callees from its last analysis (the rounds report as they go).
        var found = new ConcurrentDictionary<(Package, Node), (IReadOnlyCollection<NilReport> Reports, IReadOnlyCollection<string> Checked)>();
        HashSet<GoFunc> changed = [];
        var failed = new ConcurrentDictionary<GoFunc, bool>();
        int rounds = 0;
        for (; rounds < MaxRounds; rounds++)
        {
            changed = [];
            bool fieldsChanged = false;
            int analyzed = 0;
            foreach (var level in levels)
            {
                var toRun = level.Where(b => NeedsRun(b.Func!.Origin)).ToList();
                if (toRun.Count == 0) continue;
                step++;
                analyzed += toRun.Count;
                var next = new ConcurrentDictionary<GoFunc, FunctionSummary>();
                var read = new ConcurrentDictionary<GoFunc, (HashSet<GoFunc> Funcs, HashSet<string> Fields)>();
                Parallel.ForEach(toRun, b =>
                {
                    var a = new FunctionAnalysis(world, b.Package, GraphOf(b.Package, b.Decl), reporting: true);
                    try { a.Run(); } catch (Exception) { if (b.Func is { } f) failed.TryAdd(f.Origin, true); return; } // one broken function never stops the rest
                    var origin = b.Func!.Origin;
                    found[(b.Package, b.Decl)] = ([.. a.Reports], [.. a.CheckedOrigins]);
                    next.TryAdd(origin, a.Summary!);
                    // A package and its test variant both analyze a declaration: keep what either read.
                    read.AddOrUpdate(origin, _ => ([.. a.Consulted], [.. a.ConsultedFields]), (_, old) => ([.. old.Funcs, .. a.Consulted], [.. old.Fields, .. a.ConsultedFields]));
                });
                foreach (var b in toRun) ranAt[b.Func!.Origin] = step;
                foreach (var (f, r) in read)
                {
                    if (consulted.TryGetValue(f, out var old)) old.UnionWith(r.Funcs); else consulted[f] = r.Funcs;
                    if (readsFields.TryGetValue(f, out var oldFields)) oldFields.UnionWith(r.Fields); else readsFields[f] = r.Fields;
                }
                foreach (var (f, sum) in next)
                {
                    if (!summaries.TryGetValue(f, out var old) || !old.SameAs(sum)) { changed.Add(f); changedAt[f] = step; }
                    if (old is null || !old.Identical(sum)) retracedAt[f] = step;
                    summaries[f] = sum;
                }
                foreach (var k in world.Fields.EndRound()) { fieldsChanged = true; fieldChangedAt[k] = step; }
            }
            stats.Phase($"round {rounds}: {analyzed} analyzed in {levels.Count} levels, {changed.Count} summaries changed{(fieldsChanged ? ", field sites changed" : "")}");
            if (analyzed == 0 || (changed.Count == 0 && !fieldsChanged)) break;
        }

        // Final round: the nil panics of every function and function literal, in the
        // package that owns each file. A function whose last analysis in the rounds read only
        // final summaries and field sites has its reports from there; the others run again.
        var bodyOf = bodies.Where(b => b.Func is not null && !failed.ContainsKey(b.Func.Origin)).ToDictionary(b => (b.Package, (Node)b.Decl));
        var reports = new ConcurrentBag<NilReport>();
        // Each checked callee, with the packages (by path) whose code checks its result.
        var checkedOrigins = new ConcurrentDictionary<string, ConcurrentDictionary<string, bool>>(StringComparer.Ordinal);
        var work = program.Packages
            .SelectMany(pkg => pkg.Files.Where(f => owners.GetValueOrDefault(f.Path) == pkg)
                .SelectMany(f => Vigil.Flow.SyntaxWalk.Functions(f.Syntax).Select(fn => (pkg, fn, test: f.Path.EndsWith("_test.go", StringComparison.Ordinal)))))
            .ToList();
        int reanalyzed = 0;
        Parallel.ForEach(work, w =>
        {
            try
            {
                IReadOnlyCollection<NilReport> rs;
                IReadOnlyCollection<string> checks;
                if (bodyOf.TryGetValue((w.pkg, w.fn), out var b) && Current(b.Func!.Origin) && found.TryGetValue((w.pkg, w.fn), out var last))
                    (rs, checks) = last;
                else
                {
                    Interlocked.Increment(ref reanalyzed);
                    var a = new FunctionAnalysis(world, w.pkg, GraphOf(w.pkg, w.fn), reporting: true);
                    a.Run();
                    (rs, checks) = (a.Reports, a.CheckedOrigins);
                }
                foreach (var r in rs) reports.Add(r);
                // A test's nil check is no evidence: it asserts a result (`if f == nil { t.Fatal(…) }`)
                // or probes the documented failure with an input built for it; neither says that
                // the program's own callers get the nil (docs/checks/nil.md, "Evidence levels").
                if (!w.test)
                    foreach (var o in checks) checkedOrigins.GetOrAdd(o, _ => new(StringComparer.Ordinal)).TryAdd(w.pkg.Path, true);
            }
            catch (Exception) { if (w.fn is FuncDecl { Name: { } name } && w.pkg.Info.DefOf(name) is GoFunc f) failed.TryAdd(f.Origin, true); }
        });
        stats.Phase($"final round: {reanalyzed} of {work.Count} analyzed");
        // A nil result is reported only where some caller shows it happens by checking for it:
        // functions whose nil no caller ever checks are presumed called only where they succeed.
        // The caller must be in the finding's package or a package it depends on, so that a
        // package's findings do not depend on which dependents a run loaded (docs/facts.md).
        // In tests, inputs are fixed: a documented nil result of a call with the test's own
        // arguments is presumed not to happen; tests are reported for broken error
        // contracts, explicit nil checks and the like.
        var importGraph = new Vigil.Flow.ImportGraph(program);
        bool CheckedWithin(NilReport r) =>
            (checkedOrigins.TryGetValue(r.Origin!, out var by) && by.Keys.Any(p => importGraph.Reaches(r.Site.SourceFile.Package.Path, p)))
            || world.Imported?.Checks(r.Origin!) == true; // every imported package's facts are of a package the unit reaches
        bool Compared(string origin) => world.Fields.IsComparedWithNil(origin) || world.Imported?.ComparesWithNil(origin) == true;
        var kept = reports.Where(r => r.Origin is null
            || ((CheckedWithin(r) || Compared(r.Origin)) && !r.Site.SourceFile.IsTest)).ToList();
        kept.AddRange(CheckedAfterUseReports(work.Select(w => (w.pkg, w.fn)).ToList(), GraphOf, kept, world));
        stats.Phase("checked after use");
        return new Inference(Group(kept, new NilSuppressions(program) { Imported = imports }, owners), rounds + 1)
        {
            World = world,
            CheckedBy = checkedOrigins.ToDictionary(kv => kv.Key, kv => (IReadOnlyCollection<string>)[.. kv.Value.Keys], StringComparer.Ordinal),
            Unsettled = rounds == MaxRounds && changed.Count > 0 ? [.. changed] : [],
            Failed = [.. failed.Keys],
        };
    }

    /// <summary>
    /// Dereferences followed by a nil check of the same pointer (see <see cref="CheckedAfterUse"/>),
    /// where the flow analysis has not already reported the dereference.
    /// </summary>
    private static List<NilReport> CheckedAfterUseReports(List<(Package pkg, Node fn)> work, Func<Package, Node, ControlFlowGraph> graphOf, List<NilReport> reported, NilWorld world)
    {
        var at = reported.Select(r => (r.Site.SourceFile.Path, r.Site.Pos.Offset)).ToHashSet();
        // The flow analysis reports a field access at the field name, this check at the whole
        // selector: the same variable reported on the same line is the same dereference.
        var sameLine = reported.Select(r => (r.Site.SourceFile.Path, r.Site.Location.Line, Subject(r.Message))).ToHashSet();
        var found = new List<NilReport>[work.Count];
        Parallel.For(0, work.Count, i =>
        {
            var (pkg, fn) = work[i];
            var mine = found[i] = [];
            foreach (var use in CheckedAfterUse.Find(graphOf(pkg, fn), pkg.Info, m => world.SummaryOf(m)?.Params is [{ }, ..]))
            {
                if (at.Contains((use.Deref.SourceFile.Path, use.Deref.Pos.Offset))
                    || sameLine.Contains((use.Deref.SourceFile.Path, use.Deref.Location.Line, use.Var.Name))) continue;
                var check = use.Check.Location;
                var trace = ImmutableList.Create(
                    new RelatedLocation(check, $"{use.Var.Name} is compared with nil here, after the dereference: the code expects it can be nil"),
                    new RelatedLocation(use.Deref.Location, use.What));
                var function = fn is FuncDecl fd && fd.Name is not null ? pkg.Info.DefOf(fd.Name) as GoFunc : null;
                mine.Add(new NilReport(use.Deref, $"nil panic: {use.Var.Name} may be nil here ({use.What}): it is checked for nil after this, at {Path.GetFileName(check.Path)}:{check.Line}", trace, function));
            }
        });
        return found.SelectMany(l => l).ToList();
    }

    /// <summary>The expression a finding's message names ("nil panic: X may be nil here (...)").</summary>
    private static string Subject(string message)
    {
        const string prefix = "nil panic: ", suffix = " may be nil here";
        int end = message.IndexOf(suffix, StringComparison.Ordinal);
        return message.StartsWith(prefix, StringComparison.Ordinal) && end > prefix.Length ? message[prefix.Length..end] : "";
    }

    /// <summary>
    /// Which package reports each file: a file checked in several packages
    /// (a package and its test variant) is reported once, by the package with
    /// the most files (the test variant), ties broken by id.
    /// </summary>
    private static Dictionary<string, Package> FileOwners(GoProgram program)
    {
        var owners = new Dictionary<string, Package>(StringComparer.Ordinal);
        foreach (var pkg in program.Packages.OrderByDescending(p => p.Files.Count).ThenBy(p => p.Id, StringComparer.Ordinal))
            foreach (var f in pkg.Files)
                owners.TryAdd(f.Path, pkg);
        return owners;
    }

    /// <summary>
    /// One finding per dereference site; sites reached by the same nil source name each other.
    /// A flow that passes through a line covered by //nolint:vigil-nil (a dereference the user
    /// silenced in a callee, a function whose declaration carries the directive) is reported at
    /// that line instead, where the suppression filter hides it (and counts the directive as
    /// used): it does not come back at each caller, nor in the "other places" of other findings.
    /// </summary>
    private static IReadOnlyList<Finding> Group(List<NilReport> reports, NilSuppressions suppressions, Dictionary<string, Package> owners)
    {
        var findings = reports
            .GroupBy(r => (r.Site.SourceFile.Path, r.Site.Pos.Offset))
            .Select(g => g.OrderBy(r => r.Message, StringComparer.Ordinal).First())
            .Select(r => (Report: r, Source: r.Trace.Count > 0 ? r.Trace[0].Location : r.Site.Location, Silenced: SilencedAt(r, suppressions)))
            .ToList();
        var bySource = findings.Where(f => f.Silenced is null)
            .GroupBy(f => f.Source).ToDictionary(g => g.Key, g => g.Select(x => x.Report.Site.Location).OrderBy(l => l.Path, StringComparer.Ordinal).ThenBy(l => l.Offset).ToList());
        var result = new List<Finding>();
        var silencedAt = new HashSet<Location>();
        foreach (var (r, src, silenced) in findings)
        {
            var trace = r.Trace;
            if (silenced is { } at)
            {
                if (!silencedAt.Add(at)) continue; // one hidden finding per silenced line is enough
                result.Add(new Finding
                {
                    Check = "vigil-nil",
                    Location = at,
                    Message = r.Message,
                    Related = trace,
                    Package = owners.TryGetValue(at.Path, out var owner) ? owner.Id : r.Site.SourceFile.Package.Id,
                    Function = r.Function?.FullName,
                });
                continue;
            }
            var others = bySource[src].Where(l => l != r.Site.Location).ToList();
            if (others.Count > 0)
            {
                string where = string.Join(", ", others.Take(3).Select(l => $"{Path.GetFileName(l.Path)}:{l.Line}"));
                trace = trace.Add(new RelatedLocation(src, $"the same nil reaches {others.Count} other place{(others.Count == 1 ? "" : "s")}: {where}{(others.Count > 3 ? ", …" : "")}"));
            }
            result.Add(new Finding
            {
                Check = "vigil-nil",
                Location = r.Site.Location,
                Message = r.Message,
                Related = trace,
                Advice = NilAdvice.For(trace, Subject(r.Message)),
                Package = r.Site.SourceFile.Package.Id,
                Function = r.Function?.FullName,
                SuggestedFixes = NilCheckFix.For(r),
            });
        }
        result.Sort(Finding.Compare);
        return result;
    }

    /// <summary>Where a suppressed line silences the report: its own site, else the first step of its flow on such a line; null when none does.</summary>
    private static Location? SilencedAt(NilReport r, NilSuppressions suppressions)
    {
        if (suppressions.Covers(r.Site.Location)) return r.Site.Location;
        foreach (var step in r.Trace)
            if (suppressions.Covers(step.Location)) return step.Location;
        return null;
    }
}
