using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>
/// The program-wide result the escape check needs, computed once per load:
/// which packages to ask the compiler about, its answers, and the graph.
/// Only packages with annotations or exemptions, and those (transitively)
/// called from annotated functions, are compiled (see <see cref="Plan"/>).
/// </summary>
public sealed class EscapeModel
{
    private EscapeModel(SourceIndex index, EscapeGraph graph, IReadOnlyList<string> errors, IReadOnlyList<string> compiled)
    {
        Index = index;
        Graph = graph;
        Errors = errors;
        CompiledPackages = compiled;
    }

    public SourceIndex Index { get; }
    public EscapeGraph Graph { get; }
    /// <summary>Compilation failures, reported once by the check.</summary>
    public IReadOnlyList<string> Errors { get; }
    public IReadOnlyList<string> CompiledPackages { get; }

    /// <summary>
    /// The packages Vigil analyzes for escapes: those that loaded without
    /// errors, a package's test variant ("p [p.test]") standing for the
    /// package (go vet's loading gives only the variant when p has tests),
    /// and external test packages ("p_test [p.test]"); generated test mains
    /// are left out. All their files are analyzed, _test.go files included:
    /// when an annotation needs them, the compiler builds the test variants.
    /// </summary>
    public static IEnumerable<Package> Analyzable(GoProgram program) =>
        program.Packages.Where(IsAnalyzable);

    public static bool IsAnalyzable(Package p) =>
        !p.HasErrors
        && (p.ForTest.Length == 0
            ? !(p.Name == "main" && p.Id.EndsWith(".test", StringComparison.Ordinal))
            : p.Id == $"{p.ForTest} [{p.ForTest}.test]" || p.Id == $"{p.ForTest}_test [{p.ForTest}.test]");

    /// <summary>The files of a package the check reads: all of them, _test.go files included.</summary>
    public static IEnumerable<SourceFile> Files(Package p) => p.Files;

    /// <summary>Builds the model for the annotated functions of <paramref name="program"/> and any extra <paramref name="roots"/>.</summary>
    public static EscapeModel Build(GoProgram program, IEnumerable<FuncDecl>? roots = null)
    {
        var packages = Analyzable(program).ToList();
        var index = new SourceIndex(packages);
        var plan = Plan(packages, index, roots ?? []);
        var output = Compile(plan, program.Options);
        var paths = new PathCanonicalizer(packages.SelectMany(Files).Select(f => f.Path));
        var mapped = new CompilerOutput();
        mapped.Functions.AddRange(output.Functions.Select(f => f.WithPaths(paths.Map)));
        mapped.Escapes.AddRange(output.Escapes.Select(r => r with { Outer = paths.Map(r.Outer), InlineChain = r.InlineChain.Select(paths.Map).ToList() }));
        return new EscapeModel(index, new EscapeGraph(mapped, index), output.Errors, plan.Paths.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The compiler's output for <paramref name="plan"/>: from the compile
    /// started while the program loaded (<see cref="EarlyCompile"/>) when
    /// there is one and it built cleanly, plus a compile of the packages it
    /// missed; else from a compile of the plan now.
    /// </summary>
    private static CompilerOutput Compile(CompilePlan plan, LoadOptions options)
    {
        if (EarlyCompile.Take(options, plan) is not { } early || early.Output.Errors.Count > 0)
            return plan.Compile(options.Tags);
        var output = plan.Restrict(early.Output);
        var missing = plan.Without(early.Plan);
        if (missing.IsEmpty) return output;
        var rest = missing.Compile(options.Tags);
        output.Functions.AddRange(rest.Functions);
        output.Escapes.AddRange(rest.Escapes);
        output.Errors.AddRange(rest.Errors);
        return output;
    }

    /// <summary>
    /// What to compile: annotated functions' packages, packages with
    /// exemptions, and the packages of everything they call statically;
    /// with their tests when any of that is in a _test.go file.
    /// </summary>
    internal static CompilePlan Plan(List<Package> packages, SourceIndex index, IEnumerable<FuncDecl> roots)
    {
        var needed = new HashSet<Package>();
        bool tests = false;
        var queue = new Queue<Node>();
        var seen = new HashSet<Node>();
        void Need(Package pkg, SourceFile file)
        {
            needed.Add(pkg);
            tests |= file.IsTest || pkg.ForTest.Length > 0 && pkg.Path != pkg.ForTest;
        }
        void Visit(Node body)
        {
            Need(body.SourceFile.Package, body.SourceFile);
            if (seen.Add(body)) queue.Enqueue(body);
        }
        foreach (var pkg in packages)
            foreach (var file in Files(pkg))
            {
                foreach (var decl in file.Syntax.Decls.OfType<FuncDecl>())
                    if (decl.Body is not null && decl.Doc is { } doc && doc.List.Any(c => AnnotationParser.Classify(c.Text) is AnnotationParser.Kind.Check or AnnotationParser.Kind.Must))
                        Visit(decl);
                if (file.Syntax.Comments.Any(g => g.List.Any(c => AnnotationParser.Classify(c.Text) == AnnotationParser.Kind.Exemption)))
                    Need(pkg, file);
            }
        foreach (var r in roots)
            if (r.Body is not null) Visit(r);
        while (queue.Count > 0)
        {
            var body = queue.Dequeue();
            foreach (var call in StaticCallees.Of(body, SourceIndex.InfoOf(body)))
                if (index.Declaration(call.Callee) is { } callee)
                    Visit(callee.Node);
        }
        // An external test package "p_test" is compiled by go list -test p.
        return new CompilePlan(needed.Select(p => (CompilerRun.ModuleRoot(p.Dir), p.ForTest.Length > 0 ? p.ForTest : p.Path)), tests);
    }
}
