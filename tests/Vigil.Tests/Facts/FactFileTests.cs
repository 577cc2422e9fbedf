using System.Collections.Immutable;
using System.Text;
using Vigil.Analysis;
using Vigil.Analysis.Nil;
using Vigil.Facts;
using Vigil.Findings;
using Vigil.Flow.Cfg;
using Vigil.Flow.Summaries;
using Vigil.Semantics;
using Vigil.Syntax;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Facts;

/// <summary>
/// The facts a go vet unit writes for its dependents (docs/facts.md, "Serialized facts"):
/// every summary survives the codec, and a damaged fact file is refused, never half-read.
/// </summary>
public class FactFileTests
{
    [Fact]
    public void EverySummaryOfALoadSurvivesTheCodec()
    {
        // Packages with nil results and their traces, dereferenced parameters, (T, error) contracts,
        // functions that never return (closed channel results: TracesAndOddPositionsSurvive).
        var program = TestLoads.Load(Repo.Testdata, ["./facts/...", "./nil/closedchans", "./nil/contracts", "./nil/alwaysnil"], tests: false);
        var result = Driver.Run(program, [NilAnalyzer.Analyzer]);
        Assert.NotNull(result.Cache);
        int summaries = 0, traces = 0;
        foreach (var pkg in program.Packages)
        {
            var facts = FactsExport.Of(program, result.Cache!, pkg);
            var back = RoundTrip(facts, pkg.Path);
            Assert.Equal(facts.Summaries.Keys, back.Summaries.Keys);
            foreach (var (key, s) in facts.Summaries)
            {
                Assert.True(s.Identical(back.Summaries[key]), $"{key}: the summary read back differs");
                Assert.Equal(s.NoReturn, back.Summaries[key].NoReturn);
                summaries++;
                traces += s.Results.Count(r => r is not null) + s.Params.Count(p => p is not null);
            }
            Assert.Equal(facts.NoReturn, back.NoReturn);
            Assert.Equal(facts.DocumentsNil, back.DocumentsNil);
            Assert.Equal(facts.Checks, back.Checks);
            Assert.Equal(facts.ComparedFields, back.ComparedFields);
            Assert.Equal(facts.Silenced, back.Silenced);
        }
        Assert.True(summaries > 20 && traces > 10, $"{summaries} summaries, {traces} traces");

        // What server's nil panic needs of store: Get's nil result, its doc, the receiver Name dereferences.
        var store = FactsExport.Of(program, result.Cache!, program.FindPackage("vigil.test/facts/store")!);
        Assert.NotNull(store.Summaries["vigil.test/facts/store.Pool.Get"].Results[0]);
        Assert.Contains("vigil.test/facts/store.Pool.Get", store.DocumentsNil);
        Assert.NotNull(store.Summaries["vigil.test/facts/store.Conn.Name"].Params[0]);
        Assert.Contains(store.Silenced, s => s.Path.EndsWith("store.go", StringComparison.Ordinal));
    }

    [Fact]
    public void ACheckedDowncastExportsNoNilResult()
    {
        // `func (t *Type) MapType() *MapType { if t.Kind() != Map { return nil }; return (*MapType)(unsafe.Pointer(t)) }`:
        // from source its callers know the kind (Downcasts); a dependent under go vet has no body to
        // recognise it by, so the fact itself says no nil (runtime's iface.go `Uncommon()` under -facts=vetx).
        var program = TestLoads.Load(Repo.Testdata, ["./nil/downcasts"], tests: false);
        var result = Driver.Run(program, [NilAnalyzer.Analyzer]);
        var pkg = program.FindPackage("vigil.test/nil/downcasts")!;
        var world = result.Cache!.Find<Inference>("vigil-nil/inference")!.World;
        var mapType = pkg.Files.SelectMany(f => f.Syntax.Decls.OfType<FuncDecl>())
            .Select(d => pkg.Info.DefOf(d.Name!) as GoFunc).First(f => f is { Name: "MapType" })!;
        Assert.True(world.Downcasts.IsDowncast(mapType));
        Assert.NotNull(world.SummaryOf(mapType)!.Results[0]);   // its own summary keeps the nil return
        var exported = RoundTrip(FactsExport.Of(program, result.Cache!, pkg), pkg.Path).Summaries[mapType.Origin.Key];
        Assert.Null(exported.Results[0]);
        Assert.NotNull(exported.Params[0]);                      // t.Kind() still dereferences the receiver
    }

    [Fact]
    public void ASectionStoresEachStringOnce()
    {
        var facts = new PackageFacts();
        for (int i = 0; i < 50; i++) facts.Silenced.Add(("/usr/lib/go/src/net/http/server.go", i, i + 1));
        var plain = new SummaryWriter();
        facts.Write(plain);
        var section = FactFile.Decode(FactFile.Encode([Section("net/http", facts)]), "test.vetx").Single();
        // The path once in the table, then an index per entry: a fraction of the plain encoding.
        Assert.True(section.Data.Length * 4 < plain.ToArray().Length, $"{section.Data.Length} bytes against {plain.ToArray().Length}");
        Assert.Equal(facts.Silenced, section.Decode().Silenced);
        // An index past the table is corrupt data, never a wrong string.
        var w = SummaryWriter.Interning();
        w.WriteString("a");
        var bytes = w.ToArray();
        bytes[^1] = 5;
        Assert.Throws<FormatException>(() => SummaryReader.Interned(bytes).ReadString());
    }

    [Fact]
    public void TracesAndOddPositionsSurvive()
    {
        var s = new FunctionSummary(2, 1) { NoReturn = true };
        s.Results[0] = ImmutableList.Create(new RelatedLocation(new Location("/a/é.go", 3, 9, 41), "literal nil"),
            new RelatedLocation(new Location("", 0, 0, -1), "no position"));
        s.ResultNilWithNilError[0] = s.ResultLiteralNil[0] = true;
        s.ResultNotNil[1] = s.ResultSelfChecked[1] = true;
        s.ClosedChannelResults[1] = new Location("/a/b.go", 7, 2, 90);
        s.Params[0] = [];
        var w = new SummaryWriter();
        FunctionSummaryCodec.Write(w, s);
        var back = FunctionSummaryCodec.Read(new SummaryReader(w.ToArray()));
        Assert.True(s.Identical(back));
        Assert.True(back.NoReturn);
        Assert.Empty(back.Params[0]!);
    }

    [Fact]
    public void ADamagedFactFileIsRefusedWithAClearError()
    {
        var facts = new PackageFacts();
        facts.Summaries["p.F"] = new FunctionSummary(1, 0);
        facts.NoReturn["p.Fatal"] = NoReturnKind.ExitsProcess;
        var bytes = FactFile.Encode([Section("p", facts)]);
        Assert.Single(FactFile.Decode(bytes, "ok.vetx"));

        var flipped = (byte[])bytes.Clone();
        flipped[^3] ^= 0x40;
        Assert.Contains("checksum", Refused(flipped));
        Assert.Contains("truncated", Refused(bytes[..^5]));
        Assert.Contains("truncated", Refused([.. bytes, 0]));
        Assert.Contains("not a vigil fact file", Refused(Encoding.ASCII.GetBytes("vigil facts from source: p\n")));
        Assert.Contains("no header", Refused([]));
        var otherBuild = Encoding.ASCII.GetString(bytes).Replace(FactFile.Build, new string('0', FactFile.Build.Length));
        Assert.Contains("another build", Refused(Encoding.ASCII.GetBytes(otherBuild)));
    }

    private static string Refused(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => FactFile.Decode(bytes, "bad.vetx")).Message;

    private static FactSection Section(string package, PackageFacts facts) => FactSection.Of(package, "std", facts);

    private static PackageFacts RoundTrip(PackageFacts facts, string package)
    {
        var sections = FactFile.Decode(FactFile.Encode([Section(package, facts)]), "test.vetx");
        return Assert.Single(sections).Decode();
    }
}
