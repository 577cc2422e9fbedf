using Vigil.Analysis;
using Vigil.Analysis.Nil;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Nil;

public class NilInferenceTests
{
    [Fact]
    public void TwoRunsGiveIdenticalFindings()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./nil/..."]);
        var a = Driver.Run(program, [NilAnalyzer.Analyzer]).Findings.Select(f => f.Location + " " + f.FullText).ToList();
        var b = Driver.Run(program, [NilAnalyzer.Analyzer], jobs: 1).Findings.Select(f => f.Location + " " + f.FullText).ToList();
        Assert.NotEmpty(a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void CrossPackageTraceNamesBothPackages()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./nil/..."]);
        var f = Driver.Run(program, [NilAnalyzer.Analyzer]).Findings
            .Single(f => f.Location.Path.EndsWith("consumer.go") && f.Location.Line == 12);
        Assert.StartsWith("nil panic: ", f.Message);
        Assert.Contains(f.Related, r => r.Location.Path.EndsWith("provider.go") && r.Message.StartsWith("nil returned from (*provider.Cache).Find"));
        Assert.Contains(f.Related, r => r.Location.Path.EndsWith("consumer.go") && r.Message == "field User accessed");
    }

    [Fact]
    public void FieldTraceCrossesTheStoringAndTheReadingMethod()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./nil/globalfields"]);
        var f = Driver.Run(program, [NilAnalyzer.Analyzer]).Findings
            .Single(f => f.Message == "nil panic: p.out may be nil here (method put called on it)");
        Assert.Collection(f.Related.Take(5),
            r => Assert.Equal("literal nil", r.Message),
            r => Assert.Equal("stored into field Pipe.out in (*globalfields.Pipe).Close", r.Message),
            r => Assert.Equal("field Pipe.out read in (*globalfields.Pipe).Write", r.Message),
            r => Assert.Equal("method put called on it", r.Message),
            r => Assert.Equal("(*globalfields.sink).put receiver s: field n accessed", r.Message));
        Assert.NotEqual(f.Related[1].Location.Line, f.Related[2].Location.Line);
    }

    [Fact]
    public void StdKnowledgeTableParsesAndCoversEachKind()
    {
        var kinds = StdKnowledge.Entries.Values.Distinct().ToHashSet();
        Assert.Equal(Enum.GetValues<StdKnowledge.Kind>().ToHashSet(), kinds);
        Assert.Equal(StdKnowledge.Kind.NonNil, StdKnowledge.Lookup("errors.New"));
        Assert.Equal(StdKnowledge.Kind.Nilable, StdKnowledge.Lookup("errors.Unwrap"));
        Assert.Equal(StdKnowledge.Kind.NoReturn, StdKnowledge.Lookup("os.Exit"));
        Assert.Null(StdKnowledge.Lookup("flag.Lookup")); // deliberately absent: see the table
    }
}
