using System.Collections.Concurrent;
using Vigil.Analysis;
using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Flow.Cfg;

/// <summary>
/// The control-flow graphs of one package's functions, built on first use and
/// kept: analyzers of the same run share them through
/// <see cref="For(Pass)"/> (one instance per package in the program cache).
/// Thread-safe.
/// </summary>
public sealed class FunctionGraphs
{
    private readonly ConcurrentDictionary<Node, Lazy<ControlFlowGraph>> graphs = new();
    private readonly Func<NoReturnOracle> noReturn;
    private NoReturnOracle? oracle;

    public FunctionGraphs(Package package, NoReturnOracle? noReturn = null)
        : this(package, () => noReturn ?? NoReturnOracle.Known) { }

    private FunctionGraphs(Package package, Func<NoReturnOracle> noReturn)
    {
        Package = package;
        this.noReturn = noReturn;
    }

    /// <summary>
    /// The package's graphs for this run, shared by all analyzers. Calls to
    /// functions of the loaded program that always panic end their blocks
    /// (computed once for the program by <see cref="NoReturnAnalysis"/>).
    /// </summary>
    public static FunctionGraphs For(Pass pass) => For(pass.Cache, pass.Program, pass.Package);

    public static FunctionGraphs For(ProgramCache cache, GoProgram program, Package package) =>
        cache.Get("flow.cfg:" + package.Id, () => new FunctionGraphs(package, () => NoReturnAnalysis.For(cache, program)));

    public Package Package { get; }

    private NoReturnOracle Oracle => oracle ??= noReturn();

    /// <summary>The graph of a FuncDecl or FuncLit of this package.</summary>
    public ControlFlowGraph Of(Node function)
    {
        // Type information is per package: a node of another package (even of
        // the same file in a test variant) would be read with the wrong one.
        if (function.SourceFile.Package != Package)
            throw new ArgumentException($"{function} belongs to {function.SourceFile.Package.Id}, not {Package.Id}", nameof(function));
        return graphs.GetOrAdd(function, f => new Lazy<ControlFlowGraph>(() => ControlFlowGraph.Build(f, Package.Info, Oracle))).Value;
    }

    /// <summary>Every function of the package with a body (declarations and literals), in source order.</summary>
    public IEnumerable<Node> Functions => AllFunctions(Package);

    public static IEnumerable<Node> AllFunctions(Package package)
    {
        foreach (var file in package.Files)
            foreach (var n in SyntaxWalk.Functions(file.Syntax))
                yield return n;
    }

    /// <summary>The innermost function (FuncDecl or FuncLit) containing a node.</summary>
    public static Node? EnclosingFunction(Node n)
    {
        for (var p = n.Parent; p != null; p = p.Parent)
            if (p is FuncDecl or FuncLit) return p;
        return null;
    }
}
