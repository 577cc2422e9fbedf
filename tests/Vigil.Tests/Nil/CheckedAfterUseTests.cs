using System.Text.RegularExpressions;
using Vigil.Analysis.Nil;
using Vigil.Flow.Cfg;
using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Nil;

/// <summary>CheckedAfterUse on its own: each `// want` line of tests/testdata/nil/checkedafter has a use, no other line does.</summary>
public class CheckedAfterUseTests
{
    [Fact]
    public void FindsDereferencesThatPrecedeANilCheckOfTheSameVariable()
    {
        var program = TestLoads.Load(Repo.Testdata, ["./nil/checkedafter"]);
        var pkg = Assert.Single(program.Packages);
        var graphs = new FunctionGraphs(pkg);
        var found = graphs.Functions.SelectMany(f => CheckedAfterUse.Find(graphs.Of(f), pkg.Info))
            .Select(u => u.Deref.Location.Line).Order().ToList();
        var file = Assert.Single(pkg.Files);
        var wanted = System.IO.File.ReadAllLines(file.Path).Select((text, i) => (text, line: i + 1))
            .Where(x => Regex.IsMatch(x.text, @"// want `")).Select(x => x.line).ToList();
        Assert.Equal(wanted, found);
    }
}
