using Xunit;
using Vigil.Flow.CallGraph;
using Vigil.Loading;
using Vigil.Syntax;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Flow;

/// <summary>The call graph of tests/testdata/flow/callgraph (two packages): one test per kind of call, and a golden dump.</summary>
[Collection("flow goldens")]
public class CallGraphTests
{
    private const string Pkg = "vigil.test/flow/callgraph";

    private static (GoProgram, CallGraph) Graph()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./flow/callgraph/..."]);
        foreach (var p in program.Packages) Assert.Empty(p.Errors);
        return (program, CallGraph.For(new Analysis.ProgramCache(), program));
    }

    private static List<CallEdge> CallsFrom(CallGraph g, string function) =>
        g.Node($"{Pkg}.{function}")?.Out.ToList() ?? throw new InvalidOperationException("no node " + function);

    private static List<string> Targets(IEnumerable<CallEdge> edges) =>
        edges.Select(e => e.Callee?.Key ?? "?").Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Golden()
    {
        var (program, g) = Graph();
        var w = new StringWriter { NewLine = "\n" };
        CallGraphPrinter.Write(w, g, program.Packages);
        Flow.Golden.Check("callgraph.txt", w.ToString());
    }

    [Fact]
    public void EveryCallHasAnEdge()
    {
        var (program, g) = Graph();
        Assert.Empty(CallGraphSanity.Check(program, g));
    }

    [Fact]
    public void InterfaceDispatchReachesThreeImplementationsInTwoPackages()
    {
        var (_, g) = Graph();
        var area = CallsFrom(g, "TotalArea").Where(e => e.Kind == CallKind.Interface).ToList();
        Assert.Equal([$"{Pkg}.Square.Area", $"{Pkg}/shapes.Circle.Area", $"{Pkg}/shapes.Rect.Area"], Targets(area));
        // Unused implements Shape but is never converted to an interface.
        Assert.DoesNotContain(g.Edges, e => e.Callee?.Key == $"{Pkg}/shapes.Unused.Area");
        Assert.Single(area.Select(e => e.Site).Distinct());
    }

    [Fact]
    public void PromotedMethodsResolveToTheEmbeddedTypesMethods()
    {
        var (_, g) = Graph();
        var calls = CallsFrom(g, "Promoted");
        Assert.Equal([$"{Pkg}.Base.Inc", $"{Pkg}.Base.Inc", $"{Pkg}.Base.Value", $"{Pkg}.Base.Value"], Targets(calls));
        Assert.All(calls, e => Assert.Equal(CallKind.Static, e.Kind));
        Assert.NotNull(g.Node($"{Pkg}.Base.Inc")!.Syntax);
    }

    [Fact]
    public void ClosurePassedAsParameterIsCalled()
    {
        var (_, g) = Graph();
        var calls = CallsFrom(g, "apply");
        Assert.Equal([$"{Pkg}.ClosureParam$1", $"{Pkg}.double"], Targets(calls));
        Assert.All(calls, e => Assert.Equal(CallKind.FuncValue, e.Kind));
        Assert.IsType<FuncLit>(g.Node($"{Pkg}.ClosureParam$1")!.Syntax);
    }

    [Fact]
    public void MethodValueStoredInAStructField()
    {
        var (_, g) = Graph();
        var call = Assert.Single(CallsFrom(g, "MethodValueField"));
        Assert.Equal($"{Pkg}.Counter.Add", call.Callee!.Key);
        Assert.Equal(CallKind.FuncValue, call.Kind);
        Assert.Equal($"{Pkg}.Counter.Add", Assert.Single(CallsFrom(g, "MethodExpr")).Callee!.Key);
    }

    [Fact]
    public void GenericFunctionLinkedFromBothInstantiations()
    {
        var (_, g) = Graph();
        var max = CallsFrom(g, "Generic").Where(e => e.Callee?.Key == $"{Pkg}.Max").ToList();
        Assert.Equal(2, max.Count);
        Assert.Equal(["int", "string"], max.Select(e => Semantics.TypeString.Of(Assert.Single(e.TypeArgs), null)).Order());
        Assert.Equal(2, g.Node($"{Pkg}.Max")!.In.Count);
        // A method called through a type parameter's constraint reaches the type arguments' methods.
        Assert.Equal([$"{Pkg}.Name.String"], Targets(CallsFrom(g, "JoinAll")));
    }

    [Fact]
    public void GoAndDeferEdgesAreMarked()
    {
        var (_, g) = Graph();
        var calls = CallsFrom(g, "GoAndDefer");
        Assert.Contains(calls, e => e.Mode == CallMode.Go && e.Callee!.Key == $"{Pkg}.GoAndDefer$2");
        Assert.Contains(calls, e => e.Mode == CallMode.Defer && e.Callee!.Key == "fmt.Println");
        Assert.Contains(CallsFrom(g, "GoAndDefer$2"), e => e.Mode == CallMode.Defer && e.Callee!.Key == "sync.WaitGroup.Done");
        Assert.Contains(CallsFrom(g, "GoAndDefer$2"), e => e.Kind == CallKind.FuncValue && e.Callee!.Key == $"{Pkg}.GoAndDefer$1");
    }

    [Fact]
    public void UnresolvedCallsAreExplicit()
    {
        var (_, g) = Graph();
        var reasons = CallsFrom(g, "Unresolved").Where(e => e.Kind == CallKind.Dynamic).Select(e => e.Unresolved).Order().ToList();
        Assert.Equal([UnresolvedReason.Parameter, UnresolvedReason.CallResult, UnresolvedReason.Element], reasons);
        Assert.All(g.Edges.Where(e => e.Kind == CallKind.Dynamic), e => Assert.Null(e.Callee));
        Assert.Equal(UnresolvedReason.Parameter, Assert.Single(CallsFrom(g, "Exported")).Unresolved);
    }

    [Fact]
    public void PackageVariableFollowsEveryAssignment()
    {
        var (_, g) = Graph();
        Assert.Equal([$"{Pkg}.<init>$1", $"{Pkg}.SetHook$1"], Targets(CallsFrom(g, "CallHook")));
    }

    [Fact]
    public void FunctionValuesReturnedByACallAreFollowed()
    {
        var (_, g) = Graph();
        var values = CallsFrom(g, "CallReturned").Where(e => e.Kind == CallKind.FuncValue);
        Assert.Equal([$"{Pkg}.greet", $"{Pkg}.makeGreeter$1"], Targets(values));
    }

    [Fact]
    public void ReachabilityCanStayOnOneGoroutine()
    {
        var (_, g) = Graph();
        var root = g.Node($"{Pkg}.GoAndDefer")!;
        var all = g.ReachableFrom([root]).Select(n => n.Key).ToList();
        Assert.Contains($"{Pkg}.GoAndDefer$1", all); // via the goroutine
        var sameGoroutine = g.ReachableFrom([root], e => e.Mode != CallMode.Go).Select(n => n.Key).ToList();
        Assert.DoesNotContain($"{Pkg}.GoAndDefer$2", sameGoroutine);
        Assert.DoesNotContain($"{Pkg}.GoAndDefer$1", sameGoroutine);
        Assert.Contains("fmt.Println", sameGoroutine); // the deferred call
    }

    [Fact]
    public void SitesAndSyntaxLookups()
    {
        var (program, g) = Graph();
        var pkg = program.Packages.First(p => p.Path == Pkg);
        var fd = pkg.Files.SelectMany(f => f.Syntax.Decls).OfType<FuncDecl>().First(d => d.Name!.Name == "TotalArea");
        var node = g.NodeOf(fd)!;
        Assert.Equal($"{Pkg}.TotalArea", node.Key);
        var site = node.Out.First(e => e.Kind == CallKind.Interface).Site;
        Assert.Equal(3, g.Callees(site).Count());
    }

    [Fact]
    public void MethodPromotedFromAnEmbeddedInterfaceForwardsToItsImplementations()
    {
        var (_, g) = Graph();
        var area = CallsFrom(g, "LabeledArea").Where(e => e.Kind == CallKind.Interface).ToList();
        Assert.Equal([$"{Pkg}.Square.Area", $"{Pkg}/shapes.Circle.Area", $"{Pkg}/shapes.Rect.Area"], Targets(area));
        // Forwarding to an interface nobody implements leaves the call explicitly unresolved.
        Assert.Equal(UnresolvedReason.NoImplementation, Assert.Single(CallsFrom(g, "TaggedName")).Unresolved);
    }

    [Fact]
    public void RangeOverAFunctionCallsTheIterator()
    {
        var (_, g) = Graph();
        var iterators = CallsFrom(g, "SumAll").Where(e => e.IsIteratorCall).ToList();
        Assert.Equal([$"{Pkg}.List.All$1", $"{Pkg}.countTo$1"], Targets(iterators));
        Assert.All(iterators, e => Assert.IsType<RangeStmt>(e.Site));
        Assert.Equal(2, g.Callees(iterators[0].Site).Count() + g.Callees(iterators[1].Site).Count());
        var drain = Assert.Single(CallsFrom(g, "Drain"));
        Assert.True(drain.IsIteratorCall);
        Assert.Equal(UnresolvedReason.Parameter, drain.Unresolved);
    }

    [Fact]
    public void FunctionValuesInContainersAreFollowedWhileEveryUseIsSeen()
    {
        var (_, g) = Graph();
        Assert.Equal(["strings.ToLower", "strings.ToUpper", "strings.TrimSpace"], Targets(CallsFrom(g, "RunCommand")));
        Assert.Equal([$"{Pkg}.Pipeline$1", $"{Pkg}.flush"], Targets(CallsFrom(g, "Pipeline")));
        // Appended through a method parameter: the argument is followed, the method's other callers are not known.
        Assert.Equal(["?", $"{Pkg}.flush"], Targets(CallsFrom(g, "Server.Stop")));
        var leaked = CallsFrom(g, "Leaked").Single(e => e.Kind == CallKind.Dynamic);
        Assert.Equal(UnresolvedReason.Element, leaked.Unresolved);
    }
}
