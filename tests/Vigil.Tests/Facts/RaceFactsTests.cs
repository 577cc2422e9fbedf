using Vigil.Analysis;
using Vigil.Analysis.Race;
using Vigil.Facts;
using Vigil.Flow.Summaries;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Facts;

/// <summary>
/// The race facts a go vet unit writes for its dependents (docs/facts.md, "Race facts"): what they hold of a
/// function (accesses and synchronizations through its receiver, parameters and globals, with the locks held),
/// and that every one survives the codec; a race section of another version is refused.
/// </summary>
public class RaceFactsTests
{
    [Fact]
    public void EveryRaceFactOfALoadSurvivesTheCodec()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./facts/...", "./race/locks", "./race/interproc", "./race/globals"], tests: false);
        var result = Driver.Run(program, [RaceAnalyzer.Analyzer]);
        Assert.NotNull(result.Cache);
        int functions = 0, events = 0;
        foreach (var pkg in program.Packages)
        {
            var facts = FactsExport.Of(program, result.Cache!, pkg, races: true);
            var w = new SummaryWriter();
            facts.Write(w);
            var back = PackageFacts.Read(new SummaryReader(w.ToArray()));
            Assert.Equal(facts.Race.Keys, back.Race.Keys);
            foreach (var (key, fact) in facts.Race)
            {
                Assert.Equal(Bytes(fact), Bytes(back.Race[key]));
                functions++;
                events += fact.Events.Count;
            }
        }
        Assert.True(functions > 10 && events > 20, $"{functions} functions, {events} events");

        var store = FactsExport.Of(program, result.Cache!, program.FindPackage("vigil.test/facts/store")!, races: true).Race;
        // Hit writes p.hits through its receiver, no lock held; Hits reads it holding p.mu.
        var hit = Assert.Single(store["vigil.test/facts/store.Pool.Hit"].Events, e => e.Kind == EventKind.Access && e.Write);
        Assert.Equal(RaceRoot.Receiver, hit.Loc.Root.Param);
        Assert.Equal(["*", "hits"], hit.Loc.Steps.Select(s => s.FieldName ?? "*"));
        Assert.Empty(hit.Locks);
        Assert.True(hit.Sure);
        Assert.EndsWith("store.go", hit.Path, StringComparison.Ordinal);
        var hits = Assert.Single(store["vigil.test/facts/store.Pool.Hits"].Events, e => e.Kind == EventKind.Access && e.Loc.Steps.Any(s => s.FieldName == "hits"));
        Assert.Equal("mu", Assert.Single(hits.Locks).Lock.Steps[^1].FieldName);
        // Lock leaves p.mu held for its caller; Unlock releases it.
        Assert.Equal("mu", Assert.Single(store["vigil.test/facts/store.Pool.Lock"].ExitHeld).Lock.Steps[^1].FieldName);
        Assert.Equal("mu", Assert.Single(store["vigil.test/facts/store.Pool.Unlock"].ExitReleased).Steps[^1].FieldName);
        // Refresh starts a goroutine that updates Stats under p.mu, and returns.
        var refresh = Assert.Single(store["vigil.test/facts/store.Pool.Refresh"].Spawns);
        Assert.True(store["vigil.test/facts/store.Pool.Refresh"].HasGoStatement);
        var update = refresh.Child.First(e => e.Kind == EventKind.Access && e.Write && e.Loc.Steps[^1].FieldName == "Stats");
        Assert.Equal("mu", Assert.Single(update.Locks).Lock.Steps[^1].FieldName);
        Assert.True(refresh.Sure && !refresh.Many);
        // Bump writes the package-level requests: a global root, named by its key.
        var server = FactsExport.Of(program, result.Cache!, program.FindPackage("vigil.test/facts/server")!, races: true).Race;
        var bump = Assert.Single(server["vigil.test/facts/server.Bump"].Events, e => e.Write);
        Assert.Equal(RaceRoot.OfGlobal("vigil.test/facts/server.requests", "requests"), bump.Loc.Root);
    }

    [Fact]
    public void AFactFileCarriesOnlyTheFunctionsADependentCanCall()
    {
        // interproc's helpers are unexported and called by exported functions: their events are in their callers'.
        var program = TestLoads.Load(Repo.Testdata, ["./race/interproc", "./facts/..."], tests: false);
        var result = Driver.Run(program, [RaceAnalyzer.Analyzer, Vigil.Analysis.Nil.NilAnalyzer.Analyzer]);
        int dropped = 0;
        foreach (var pkg in program.Packages)
        {
            var all = FactsExport.Of(program, result.Cache!, pkg, races: true);
            var reachable = FactsExport.Of(program, result.Cache!, pkg, races: true, reachableOnly: true);
            Assert.All(reachable.Race.Keys.Concat(reachable.Summaries.Keys).Concat(reachable.NoReturn.Keys).Concat(reachable.Checks),
                k => Assert.True(Reachable.KeyIsExported(k), k));
            // An exported function's facts are the same: what it calls through is inlined, not looked up.
            foreach (var (key, fact) in reachable.Race) Assert.Equal(Bytes(all.Race[key]), Bytes(fact));
            Assert.Equal(all.Race.Keys.Where(Reachable.KeyIsExported), reachable.Race.Keys);
            Assert.Equal(all.Summaries.Keys.Where(Reachable.KeyIsExported), reachable.Summaries.Keys);
            dropped += all.Race.Count - reachable.Race.Count + all.Summaries.Count - reachable.Summaries.Count;
        }
        Assert.True(dropped > 0, "interproc has unexported functions with facts");
        Assert.False(Reachable.KeyIsExported("example.com/a.b/p.T.m"));
        Assert.True(Reachable.KeyIsExported("example.com/a.b/p.t.M"));
        Assert.True(Reachable.KeyIsExported("p.f@x.go:12"));
    }

    [Fact]
    public void PathsOfEveryKindSurvive()
    {
        var fact = new RaceFunctionFact(
            [new RaceEventFact(EventKind.Release, SyncKind.WaitGroup, new RacePath(new RaceRoot(2), [new RaceStep(StepKind.Deref)]),
                Write: false, Atomic: false, Fresh: false, Nil: false, JoinOnly: true, Sure: false, [], "/a/é.go", 0, -1),
             new RaceEventFact(EventKind.Access, SyncKind.Chan, new RacePath(RaceRoot.OfGlobal("p.table", "table"),
                [new RaceStep(StepKind.Field, 3, "rows", "p.T.rows"), new RaceStep(StepKind.Deref), new RaceStep(StepKind.Elem, Key: "c:1", Display: "1"),
                 new RaceStep(StepKind.MapElem, Display: "k")]),
                Write: true, Atomic: true, Fresh: true, Nil: true, JoinOnly: false, Sure: true,
                [new RaceLock(new RacePath(new RaceRoot(RaceRoot.Receiver), [new RaceStep(StepKind.Field, 0, "mu", "p.T.mu")]), ReadOnly: true, Once: false)],
                "/a/b.go", 12, 3)],
            [new RaceSpawnFact(1, Many: true, Sure: false, "p.T.loop", [], [new RaceEventFact(EventKind.Release, SyncKind.Chan,
                new RacePath(RaceRoot.OfLocal("p.done@x.go:40", "done"), []), false, false, false, false, false, true, [], "/a/x.go", 41, 2)], "/a/x.go", 40, 2)],
            [new RaceLock(new RacePath(new RaceRoot(0), []), false, true)], [new RacePath(new RaceRoot(1), [])], [], [new RacePath(new RaceRoot(0), [])], HasGoStatement: true);
        var back = RaceFunctionFact.Read(new SummaryReader(Bytes(fact)));
        Assert.Equal(Bytes(fact), Bytes(back));
        Assert.Equal(fact.Events[1].Loc.Steps, back.Events[1].Loc.Steps);
        Assert.Equal(fact.Events[1].Loc.Root, back.Events[1].Loc.Root);
        Assert.True(back.Events[0].JoinOnly);
        Assert.Equal(RaceRoot.OfLocal("p.done@x.go:40", "done"), Assert.Single(Assert.Single(back.Spawns).Child).Loc.Root);
    }

    [Fact]
    public void ARaceSectionOfAnotherVersionIsRefused()
    {
        var w = new SummaryWriter();
        new PackageFacts().Write(w);
        var bytes = w.ToArray();
        // The race section ends with its version and two empty lists (functions, fields): version 9.
        bytes[^3] = 9;
        var e = Assert.Throws<FormatException>(() => PackageFacts.Read(new SummaryReader(bytes)));
        Assert.Contains("race section of version 9", e.Message);
        Assert.Throws<FormatException>(() => PackageFacts.Read(new SummaryReader(bytes[..^7])));
    }

    [Fact]
    public void TheTwoPackageModuleHasItsWantsFromSource() =>
        WantHarness.Check(Repo.Testdata, ["./factsrace/..."], RaceAnalyzer.Analyzer);

    [Fact]
    public void AFactFileSaysWhatAPackageStoresInFields()
    {
        // tests/testdata/factsrace/a: what a's own code stores decides b's program-wide race rules (RaceFieldFlags).
        var program = TestLoads.Load(Repo.Testdata, ["./factsrace/..."], tests: false);
        var result = Driver.Run(program, [RaceAnalyzer.Analyzer]);
        var a = FactsExport.Of(program, result.Cache!, program.FindPackage("vigil.test/factsrace/a")!, races: true, reachableOnly: true);
        const string P = "vigil.test/factsrace/a.";
        RaceFieldFlags Of(string field) => a.RaceFields[P + field];
        // Buf.Err: set only while unset, never nil; ResetBuf.Err: Reset stores nil.
        Assert.True(Of("Buf.Err").HasFlag(RaceFieldFlags.Stored));
        Assert.False(Of("Buf.Err").HasFlag(RaceFieldFlags.NotSetOnce));
        Assert.True(Of("ResetBuf.Err").HasFlag(RaceFieldFlags.NotSetOnce));
        // Pipe.Queue: Reopen stores a new channel (not only nil); Sink.Queue is never assigned (a composite literal is no store).
        Assert.True(Of("Pipe.Queue").HasFlag(RaceFieldFlags.NotClearedOnly));
        Assert.False(a.RaceFields.ContainsKey(P + "Sink.Queue"));
        // Tunable.Concurrency: a method assigns it; Writer.Concurrency: only NewWriter's literal sets it.
        Assert.True(Of("Tunable.Concurrency").HasFlag(RaceFieldFlags.Changed));
        Assert.False(a.RaceFields.ContainsKey(P + "Writer.Concurrency"));
        // Flaky.Ready: Invalidate stores false: lowered for a readiness gate, still a valid busy flag store.
        Assert.True(Of("Flaky.Ready").HasFlag(RaceFieldFlags.Lowered));
        Assert.False(Of("Flaky.Ready").HasFlag(RaceFieldFlags.NotBusyFlag));
        Assert.False(a.RaceFields.ContainsKey(P + "State.Ready"));
        // b stores a's fields too (b's own facts, for b's dependents).
        var b = FactsExport.Of(program, result.Cache!, program.FindPackage("vigil.test/factsrace/b")!, races: true, reachableOnly: true);
        Assert.True(b.RaceFields[P + "State.Ready"].HasFlag(RaceFieldFlags.Stored));
        Assert.False(b.RaceFields[P + "State.Ready"].HasFlag(RaceFieldFlags.Lowered));

        var w = new SummaryWriter();
        a.Write(w);
        Assert.Equal(a.RaceFields, PackageFacts.Read(new SummaryReader(w.ToArray())).RaceFields);
    }

    [Fact]
    public void AFoldHoldsWhenNoPackageBreaksIt()
    {
        var f = new Vigil.Semantics.GoVar { Id = 1, Name = "Err", IsField = true };
        var none = new RaceImports([]);
        // Nobody stores the field: no verdict, as from source.
        Assert.False(RaceImports.Holds(none, f, own: null, RaceFieldFlags.NotSetOnce));
        Assert.True(RaceImports.Holds(none, f, own: true, RaceFieldFlags.NotSetOnce));
        Assert.False(RaceImports.Holds(none, f, own: false, RaceFieldFlags.NotSetOnce));
        Assert.True(RaceImports.Holds(null, f, own: true, RaceFieldFlags.NotSetOnce));
        var facts = new PackageFacts();
        facts.RaceFields[f.Key] = RaceFieldFlags.Stored | RaceFieldFlags.NotSetOnce;
        var broken = new RaceImports([facts]);
        Assert.False(RaceImports.Holds(broken, f, own: true, RaceFieldFlags.NotSetOnce));
        Assert.False(RaceImports.Holds(broken, f, own: null, RaceFieldFlags.NotSetOnce));
        Assert.True(RaceImports.Holds(broken, f, own: null, RaceFieldFlags.NotClearedOnly)); // stored by the import, nothing against
        Assert.True(RaceImports.Says(broken, f, RaceFieldFlags.NotSetOnce));
        Assert.False(RaceImports.Says(null, f, RaceFieldFlags.NotSetOnce));
    }

    private static byte[] Bytes(RaceFunctionFact f)
    {
        var w = new SummaryWriter();
        f.Write(w);
        return w.ToArray();
    }
}
