using Vigil.Analysis;
using Vigil.Dump;
using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Flow.Cfg;

/// <summary>`vigil dump cfg`: the graphs of one function (and its function literals), or of every function of a package.</summary>
public static class CfgDump
{
    /// <summary>Prints the graphs of <paramref name="function"/> ("F", "T.M", "(*T).M"), or of all functions of the package when null.</summary>
    /// <returns>False when no such function exists.</returns>
    public static bool Write(TextWriter w, GoProgram program, Package package, string? function)
    {
        var cache = new ProgramCache();
        var printer = new CfgPrinter();
        if (function is null)
        {
            var graphs = FunctionGraphs.For(cache, program, package);
            w.WriteLine($"package {package.Id}");
            foreach (var f in graphs.Functions) Print(w, printer, graphs.Of(f));
            return true;
        }
        // The package first, then the others of the load (its test variant, say).
        foreach (var p in program.Packages.OrderBy(p => p == package ? 0 : 1))
        {
            if (FunctionFinder.Find(p, function) is not { } fd) continue;
            var graphs = FunctionGraphs.For(cache, program, p);
            w.WriteLine($"package {p.Id}");
            Print(w, printer, graphs.Of(fd));
            foreach (var lit in fd.Descendants().OfType<FuncLit>())
                if (lit.Body is not null) Print(w, printer, graphs.Of(lit));
            return true;
        }
        return false;
    }

    private static void Print(TextWriter w, CfgPrinter printer, ControlFlowGraph g)
    {
        w.WriteLine();
        printer.Write(w, g);
    }
}
