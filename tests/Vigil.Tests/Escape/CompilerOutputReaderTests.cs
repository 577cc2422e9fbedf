using Vigil.Analysis.Escape;
using Xunit;

namespace Vigil.Tests.Escape;

/// <summary>The readers of the compiler's -S and -json=0 outputs, on verbatim samples from Go 1.23.5.</summary>
public class CompilerOutputReaderTests
{
    private const string Asm = """
        # example.com/cases/escape/hotpath
        example.com/cases/escape/hotpath.Sum STEXT nosplit size=30 args=0x18 locals=0x0 funcid=0x0 align=0x0
        	0x0000 00000 (/w/hotpath/hotpath.go:15)	TEXT	example.com/cases/escape/hotpath.Sum(SB), NOSPLIT|NOFRAME|ABIInternal, $0-24
        	0x0000 00000 (/w/hotpath/hotpath.go:17)	XORL	DX, DX
        example.com/cases/escape/hotpath.Fill STEXT size=156 args=0x18 locals=0x18 funcid=0x0 align=0x0
        	0x0000 00000 (/w/hotpath/hotpath.go:36)	TEXT	example.com/cases/escape/hotpath.Fill(SB), ABIInternal, $24-24
        	0x0038 00056 (/w/hotpath/hotpath.go:38)	CALL	example.com/cases/escape/hotpath.grow(SB)
        	0x0052 00082 (/w/hotpath/hotpath.go:38)	CALL	runtime.gcWriteBarrier2(SB)
        	0x0083 00131 (/w/hotpath/hotpath.go:36)	CALL	runtime.morestack_noctxt(SB)
        	0x0000 49 3b 66 10 76 7d 55 48 89 e5 48 83 ec 10 48 89  I;f.v}UH..H....
        	rel 57+4 t=R_CALL example.com/cases/escape/hotpath.grow+0
        example.com/cases/escape/hotpath.Deliver STEXT size=79 args=0x18 locals=0x18 funcid=0x0 align=0x0
        	0x0022 00034 (/w/hotpath/hotpath.go:52)	CALL	DX
        go:cuinfo.producer.example.com/cases/escape/hotpath SDWARFCUINFO dupok size=0
        	0x0000 72 65 67 61 62 69                                regabi
        example.com/p.Map[go.shape.struct { X int }] STEXT dupok size=10 args=0x8 locals=0x0 funcid=0x0 align=0x0
        	0x0001 00001 (/w/p/p.go:3)	CALL	runtime.growslice(SB)
        """;

    [Fact]
    public void ReadsFunctionsCallsAndFlags()
    {
        var fns = AsmReader.Read(new StringReader(Asm));
        Assert.Equal(["example.com/cases/escape/hotpath.Sum", "example.com/cases/escape/hotpath.Fill", "example.com/cases/escape/hotpath.Deliver", "example.com/p.Map[go.shape.struct { X int }]"],
            fns.Select(f => f.Symbol));
        Assert.True(fns[0].NoSplit);
        Assert.Empty(fns[0].Calls);
        Assert.Equal(new SourcePos("/w/hotpath/hotpath.go", 15), fns[0].Entry);
        var fill = fns[1];
        Assert.False(fill.NoSplit);
        Assert.Equal(["example.com/cases/escape/hotpath.grow", "runtime.gcWriteBarrier2", "runtime.morestack_noctxt"], fill.Calls.Select(c => c.Target));
        Assert.Equal(38, fill.Calls[0].Pos.Line);
        Assert.Null(fns[2].Calls.Single().Target); // CALL DX: indirect
        Assert.All(fns, f => Assert.Equal("example.com/cases/escape/hotpath", f.Package));
        Assert.Equal("runtime.growslice", fns[3].Calls.Single().Target);
    }

    [Fact]
    public void ReadsTheSameFromTheByteStreamInAnyChunking()
    {
        var text = AsmReader.Read(new StringReader(Asm));
        var others = new List<string>();
        var bytes = AsmReader.Read(new ChunkedStream(System.Text.Encoding.UTF8.GetBytes(Asm + "\ncompile: something went wrong\n"), 7), others.Add);
        Assert.Equal(text.Select(Describe), bytes.Select(Describe));
        Assert.Contains("compile: something went wrong", others);
        Assert.DoesNotContain(others, l => l.StartsWith('\t'));
    }

    private static string Describe(CompiledFunction f) =>
        $"{f.Symbol} {f.Package} {f.NoSplit} {f.Entry} [{string.Join(", ", f.Calls.Select(c => $"{c.Pos} {c.Target}"))}]";

    /// <summary>A stream that returns at most <paramref name="chunk"/> bytes per read, as a pipe may.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }

    [Theory]
    [InlineData("runtime.newobject(SB)", "runtime.newobject")]
    [InlineData("runtime.morestack_noctxt.abi0(SB)", "runtime.morestack_noctxt")]
    [InlineData("p.f+0(SB)", "p.f")]
    [InlineData("CX", null)]
    [InlineData("24(AX)", null)]
    public void CallTargets(string operand, string? target) => Assert.Equal(target, AsmReader.Target(operand));

    [Theory]
    [InlineData("main.parse", "example.com/cmd/x", "example.com/cmd/x.parse")]
    [InlineData("main.(*T).M", "example.com/cmd/x", "example.com/cmd/x.(*T).M")]
    [InlineData("runtime.newobject", "example.com/cmd/x", "runtime.newobject")]
    [InlineData("main.F", "main", "main.F")]
    public void CommandSymbolsGetTheirImportPath(string symbol, string package, string want) =>
        Assert.Equal(want, AsmReader.Qualify(symbol, package));

    private const string Json = """
        {"version":0,"package":"example.com/c","goos":"linux","goarch":"amd64","gc_version":"go1.23.5","file":"/w/c/caller.go"}
        {"range":{"start":{"line":10,"character":25},"end":{"line":10,"character":25}},"severity":3,"code":"escape","source":"go compiler","message":"\u0026esc.T{...} escapes to heap","relatedInformation":[{"location":{"uri":"file:///w/esc/esc.go","range":{"start":{"line":159,"character":9},"end":{"line":159,"character":9}}},"message":"inlineLoc"},{"location":{"uri":"file:///w/c/caller.go","range":{"start":{"line":10,"character":25},"end":{"line":10,"character":25}}},"message":"escflow:    flow: ~r0 = \u0026{storage for \u0026esc.T{...}}:"},{"location":{"uri":"file:///w/c/caller.go","range":{"start":{"line":10,"character":25},"end":{"line":10,"character":25}}},"message":"escflow:      from return (return)"}]}
        {"range":{"start":{"line":10,"character":25},"end":{"line":10,"character":25}},"severity":3,"code":"escape","source":"go compiler","message":""}
        {"range":{"start":{"line":4,"character":6},"end":{"line":4,"character":6}},"severity":3,"code":"canInlineFunction","source":"go compiler","message":"cost: 3"}
        {"range":{"start":{"line":12,"character":11},"end":{"line":12,"character":11}},"severity":3,"code":"escapes","source":"go compiler","message":"make([]byte, n) escapes to heap","relatedInformation":[{"location":{"uri":"file:///w/c/my%20dir/caller.go","range":{"start":{"line":12,"character":11},"end":{"line":12,"character":11}}},"message":"escflow:      from make([]byte, n) (non-constant size)"}]}
        """;

    [Fact]
    public void ReadsEscapeRecordsWithInlineChains()
    {
        var recs = CompilerJsonReader.Read(new StringReader(Json));
        Assert.Equal(2, recs.Count); // the empty-message mark and the inlining record are not escapes
        var inlined = recs[0];
        Assert.Equal("&esc.T{...} escapes to heap", inlined.Message);
        Assert.Equal(new SourcePos("/w/c/caller.go", 10, 25), inlined.Outer);
        Assert.Equal([new SourcePos("/w/esc/esc.go", 159, 9)], inlined.InlineChain);
        Assert.Equal(new SourcePos("/w/esc/esc.go", 159, 9), inlined.Inner);
        Assert.Equal(2, inlined.Flow.Count);
        Assert.StartsWith("flow: ~r0", inlined.Flow[0]);
        Assert.Equal("example.com/c", inlined.Package);
        Assert.Equal(new SourcePos("/w/c/caller.go", 12, 11), recs[1].Inner);
    }

    [Fact]
    public void DecodesFileUris() => Assert.Equal("/w/c/my dir/caller.go", CompilerJsonReader.PathOfUri("file:///w/c/my%20dir/caller.go"));

    [Theory]
    [InlineData("p.Map[go.shape.int]", "p.Map")]
    [InlineData("p.(*List[go.shape.int]).Push", "p.(*List).Push")]
    [InlineData("p.F[go.shape.struct { X []int }]", "p.F")]
    [InlineData("p.F.func1", "p.F.func1")]
    public void NormalizesGenericSymbols(string symbol, string key) => Assert.Equal(key, SymbolNames.Normalize(symbol));

    [Theory]
    [InlineData("example.com/cases/escape/hotpath.grow", "hotpath.grow")]
    [InlineData("example.com/x.(*T).M", "x.(*T).M")]
    [InlineData("fmt.Sprintf", "fmt.Sprintf")]
    public void ShortNames(string symbol, string s) => Assert.Equal(s, SymbolNames.Short(symbol));

    [Theory]
    [InlineData("runtime.newobject", EscapeReason.Heap)]
    [InlineData("runtime.convT64", EscapeReason.Heap)]
    [InlineData("runtime.growslice", EscapeReason.Builtin)]
    [InlineData("runtime.makemap_small", EscapeReason.Builtin)]
    [InlineData("runtime.concatstring3", EscapeReason.Builtin)]
    [InlineData("runtime.morestack_noctxt", EscapeReason.Stack)]
    public void RuntimeCalls(string symbol, EscapeReason reason) => Assert.Equal(reason, RuntimeModel.Classify(symbol)!.Value.Reason);

    [Theory]
    [InlineData("runtime.panicIndex")]
    [InlineData("runtime.gcWriteBarrier2")]
    [InlineData("runtime.mapaccess1_fast64")]
    [InlineData("fmt.Sprintf")]
    public void NonAllocatingCalls(string symbol) => Assert.Null(RuntimeModel.Classify(symbol));

    [Theory]
    [InlineData("make([]byte, n) escapes to heap", EscapeReason.Builtin)]
    [InlineData("a + b escapes to heap", EscapeReason.Builtin)]
    [InlineData("([]byte)(s) escapes to heap", EscapeReason.Builtin)]
    [InlineData("&T{...} escapes to heap", EscapeReason.Heap)]
    [InlineData("func literal escapes to heap", EscapeReason.Heap)]
    public void RecordsAreMatchedToTheirKindOfRuntimeCall(string message, EscapeReason reason) =>
        Assert.Equal(reason, EscapeGraph.RecordReason(new EscapeRecord("p", new SourcePos("f", 1, 1), [], message, [])));
}
