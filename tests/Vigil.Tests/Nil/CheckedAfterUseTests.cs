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
        // Stands in for the summaries the analysis passes: a method dereferences its receiver
        // unless its body starts with a nil check of it (describe, here).
        var nilSafe = pkg.Files.SelectMany(f => f.Syntax.Decls).OfType<Vigil.Syntax.FuncDecl>()
            .Where(d => d.Body?.List is [Vigil.Syntax.IfStmt { Cond: Vigil.Syntax.BinaryExpr { Y: Vigil.Syntax.Ident { Name: "nil" } } }, ..])
            .Select(d => d.Name!.Name).ToHashSet();
        var found = graphs.Functions.SelectMany(f => CheckedAfterUse.Find(graphs.Of(f), pkg.Info, m => !nilSafe.Contains(m.Name)))
            .Select(u => u.Deref.Location.Line).Order().ToList();
        var file = Assert.Single(pkg.Files);
        var wanted = System.IO.File.ReadAllLines(file.Path).Select((text, i) => (text, line: i + 1))
            .Where(x => Regex.IsMatch(x.text, @"// want `")).Select(x => x.line).ToList();
        Assert.Equal(wanted, found);
    }
}
