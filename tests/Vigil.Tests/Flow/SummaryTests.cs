using FsCheck;
using FsCheck.Fluent;
using Vigil.Analysis;
using Vigil.Flow.CallGraph;
using Vigil.Flow.Summaries;
using Vigil.Semantics;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Flow;

/// <summary>Summaries: stable keys, typed storage, byte round-trips, reading other packages' summaries, bottom-up computation.</summary>
public class SummaryTests
{
    /// <summary>A summary with every field type the codec offers.</summary>
    public sealed record Sample(bool Panics, long Depth, string Note, IReadOnlyList<SummaryKey> Callees) : ISummary<Sample>
    {
        public void Write(SummaryWriter w)
        {
            w.WriteBool(Panics);
            w.WriteInt(Depth);
            w.WriteString(Note);
            w.WriteList(Callees, (w, k) => w.WriteKey(k));
        }

        public static Sample Read(SummaryReader r) => new(r.ReadBool(), r.ReadInt(), r.ReadString(), r.ReadList(r => r.ReadKey()));

        public bool Same(Sample o) => Panics == o.Panics && Depth == o.Depth && Note == o.Note && Callees.SequenceEqual(o.Callees);
    }

    private static readonly SummaryKind<Sample> Kind = new("test.sample");

    private static Gen<Sample> Samples =>
        from panics in ArbMap.Default.GeneratorFor<bool>()
        from depth in ArbMap.Default.GeneratorFor<long>()
        from note in ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !s.Any(char.IsSurrogate))
        from callees in Gen.ListOf(Gen.Elements("a", "b/c", "é.d").Zip(Gen.Elements("F", "T.M", "F$1", "")))
        select new Sample(panics, depth, note, callees.Select(c => new SummaryKey(c.Item1, c.Item2)).ToList());

    [Fact]
    public void RandomSummariesRoundTripThroughBytesUnchanged()
    {
        Prop.ForAll(Samples.ToArbitrary(), Samples.ToArbitrary(), (a, b) =>
        {
            var store = new SummaryStore();
            store.Set(Kind, new SummaryKey("p", "F"), a);
            store.Set(Kind, new SummaryKey("q", "T.M"), b);
            var bytes = store.Export();
            var copy = new SummaryStore();
            copy.Import(bytes);
            // Bytes survive an import/export cycle unread, and again after decoding.
            bool sameBytes = copy.Export().AsSpan().SequenceEqual(bytes);
            bool sameValues = copy.Get(Kind, new SummaryKey("p", "F"))!.Same(a) && copy.Get(Kind, new SummaryKey("q", "T.M"))!.Same(b);
            return sameBytes && sameValues && copy.Export().AsSpan().SequenceEqual(bytes);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ExportIsPerPackageAndDeterministic()
    {
        var s1 = new SummaryStore();
        var s2 = new SummaryStore();
        var x = new Sample(true, -3, "x", []);
        var y = new Sample(false, 7, "y", [new SummaryKey("p", "G")]);
        s1.Set(Kind, new SummaryKey("p", "F"), x);
        s1.Set(Kind, new SummaryKey("q", "H"), y);
        s2.Set(Kind, new SummaryKey("q", "H"), y); // other insertion order
        s2.Set(Kind, new SummaryKey("p", "F"), x);
        Assert.Equal(s1.Export(), s2.Export());
        var onlyP = new SummaryStore();
        onlyP.Import(s1.Export("p"));
        Assert.Equal([new SummaryKey("p", "F")], onlyP.Keys(Kind));
    }

    [Fact]
    public void CorruptDataIsRejected()
    {
        var store = new SummaryStore();
        store.Set(Kind, new SummaryKey("p", "F"), new Sample(true, 1, "n", []));
        var bytes = store.Export();
        Assert.Throws<FormatException>(() => new SummaryStore().Import(bytes.AsMemory(0, bytes.Length - 1)));
        Assert.Throws<FormatException>(() => new SummaryStore().Import(new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public void KeysAreStableIdentities()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./flow/callgraph/..."]);
        var cg = CallGraph.For(new ProgramCache(), program);
        var area = cg.Node("vigil.test/flow/callgraph/shapes.Rect.Area")!;
        Assert.Equal(new SummaryKey("vigil.test/flow/callgraph/shapes", "Rect.Area"), SummaryKey.Of(area));
        Assert.Equal(new SummaryKey("vigil.test/flow/callgraph", "ClosureParam$1"), SummaryKey.Of(cg.Node("vigil.test/flow/callgraph.ClosureParam$1")!));
        var field = program.AllObjects.OfType<GoVar>().First(v => v.IsField && v.Name == "on");
        Assert.Equal(new SummaryKey("vigil.test/flow/callgraph", "Handler.on"), SummaryKey.Of(field));
        var type = program.AllObjects.OfType<GoTypeName>().First(t => t.Name == "Circle");
        Assert.Equal(new SummaryKey("vigil.test/flow/callgraph/shapes", "Circle"), SummaryKey.Of(type));
        Assert.Equal(new SummaryKey("fmt", "Println"), SummaryKey.Of(cg.Node("fmt.Println")!));
    }

    /// <summary>"Calls fmt, directly or not": computed bottom-up, read across packages, exported and re-imported.</summary>
    public sealed record CallsFmt(bool Value) : ISummary<CallsFmt>
    {
        public void Write(SummaryWriter w) => w.WriteBool(Value);
        public static CallsFmt Read(SummaryReader r) => new(r.ReadBool());
    }

    [Fact]
    public void BottomUpReadsCalleesSummariesAcrossPackages()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./flow/callgraph/..."]);
        var cache = new ProgramCache();
        var cg = CallGraph.For(cache, program);
        var store = SummaryStore.For(cache);
        var kind = new SummaryKind<CallsFmt>("test.callsfmt");
        int incomplete = BottomUp.Run(cg, store, kind, n => new CallsFmt(n.Out.Any(e =>
            e.Callee is { } c && (c.Key.StartsWith("fmt.", StringComparison.Ordinal) || store.Get(kind, SummaryKey.Of(c))?.Value == true))),
            (a, b) => a == b);
        Assert.Equal(0, incomplete);
        Assert.True(store.Get(kind, new SummaryKey("vigil.test/flow/callgraph", "Generic"))!.Value);   // calls fmt.Sprint
        Assert.True(store.Get(kind, new SummaryKey("vigil.test/flow/callgraph", "GoAndDefer$2"))!.Value); // through the closure work
        Assert.True(store.Get(kind, new SummaryKey("vigil.test/flow/callgraph", "CallHook"))!.Value);  // through SetHook's literal
        Assert.False(store.Get(kind, new SummaryKey("vigil.test/flow/callgraph/shapes", "Circle.Area"))!.Value);
        Assert.False(store.Get(kind, new SummaryKey("vigil.test/flow/callgraph", "TotalArea"))!.Value); // its callees are in shapes

        var elsewhere = new SummaryStore();
        elsewhere.Import(store.Export("vigil.test/flow/callgraph/shapes"));
        Assert.False(elsewhere.Get(kind, new SummaryKey("vigil.test/flow/callgraph/shapes", "Rect.Area"))!.Value);
        Assert.Null(elsewhere.Get(kind, new SummaryKey("vigil.test/flow/callgraph", "Generic")));
    }

    [Fact]
    public void ComponentsPutCalleesFirst()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./flow/callgraph/..."]);
        var cg = CallGraph.For(new ProgramCache(), program);
        var order = BottomUp.Components(cg).SelectMany(c => c).Select(n => n.Key).ToList();
        Assert.True(order.IndexOf("vigil.test/flow/callgraph.apply") < order.IndexOf("vigil.test/flow/callgraph.ClosureParam"));
        foreach (var n in cg.Nodes.Where(n => n.Syntax is not null))
            foreach (var e in n.Out.Where(e => e.Callee?.Syntax is not null && e.Callee != n))
                Assert.True(order.IndexOf(e.Callee!.Key) <= order.IndexOf(n.Key) || SameComponent(cg, n, e.Callee!),
                    $"{e.Callee!.Key} should come before its caller {n.Key}");
    }

    private static bool SameComponent(CallGraph cg, CallGraphNode a, CallGraphNode b) =>
        BottomUp.Components(cg).Any(c => c.Contains(a) && c.Contains(b));
}
