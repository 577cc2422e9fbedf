using Vigil.Analysis;
using Vigil.Flow.CallGraph;
using Vigil.Flow.Cfg;
using Vigil.Loading;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Flow;

/// <summary>
/// The whole standard library: every function's CFG passes the sanity
/// checker and the call graph has an edge for every call. Loading std takes
/// about 15 s and 1 GB; filter it out with Category!=Std when iterating.
/// </summary>
[Trait("Category", "Std")]
public class StdTests
{
    [Fact]
    public void EveryStdFunctionHasASoundGraphAndEveryCallAnEdge()
    {
        var program = TestLoads.Load(Repo.Testdata, ["std"], tests: false);
        Assert.True(program.Packages.Count > 200);
        var cache = new ProgramCache();
        var problems = new List<string>();
        int functions = 0;
        foreach (var pkg in program.Packages)
        {
            var graphs = FunctionGraphs.For(cache, program, pkg);
            foreach (var f in graphs.Functions)
            {
                functions++;
                problems.AddRange(CfgSanity.Check(graphs.Of(f)));
            }
        }
        Assert.True(functions > 10000);
        var cg = CallGraph.For(cache, program);
        problems.AddRange(CallGraphSanity.Check(program, cg));
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(50)));

        // Built in parallel, the graph must still be the same every time, down
        // to the order of each node's edge lists (analyses iterate them).
        var again = CallGraphBuilder.Build(program);
        Assert.Equal(Fingerprint(cg), Fingerprint(again));
    }

    private static List<string> Fingerprint(CallGraph g) =>
        g.Nodes.Select(n => n.Key + " out: " + string.Join(", ", n.Out.Select(Edge)) + " in: " + string.Join(", ", n.In.Select(Edge))).ToList();

    private static string Edge(CallEdge e) =>
        $"{e.Caller.Key}@{e.Site.Location}->{e.Callee?.Key ?? "?"}/{e.Kind}/{e.Mode}/{e.Unresolved}/{e.TypeArgs.Count}";
}
