using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Analysis.Escape;

/// <summary>
/// The program-wide result the escape check needs, computed once per load:
/// which packages to ask the compiler about, its answers, and the graph.
/// Only packages with annotations or exemptions, and those (transitively)
/// called from annotated functions, are compiled.
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
    /// package (go vet's loading gives only the variant when p has tests);
    /// external test packages and test mains are left out. Only their
    /// non-test files are analyzed: the compiler builds the package itself.
    /// </summary>
    public static IEnumerable<Package> Analyzable(GoProgram program) =>
        program.Packages.Where(IsAnalyzable);

    public static bool IsAnalyzable(Package p) =>
        !p.HasErrors
        && (p.ForTest.Length == 0 ? !(p.Name == "main" && p.Id.EndsWith(".test", StringComparison.Ordinal)) : p.Id == $"{p.ForTest} [{p.ForTest}.test]");

    /// <summary>The files the compiler builds for the package: not its _test.go files.</summary>
    public static IEnumerable<SourceFile> BuiltFiles(Package p) => p.Files.Where(f => !f.IsTest);

    /// <summary>Builds the model for the annotated functions of <paramref name="program"/> and any extra <paramref name="roots"/>.</summary>
    public static EscapeModel Build(GoProgram program, IEnumerable<FuncDecl>? roots = null)
    {
        var packages = Analyzable(program).ToList();
        var index = new SourceIndex(packages);
        var needed = NeededPackages(packages, index, roots ?? []);
        var output = new CompilerOutput();
        var errors = new List<string>();
        foreach (var group in needed.GroupBy(p => CompilerRun.ModuleRoot(p.Dir)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var result = CompilerRun.Compile(group.Key, group.Select(p => p.Path).Order(StringComparer.Ordinal).ToList(),
                singleMain: group.Count() == 1 && group.First().Name == "main", tags: program.Options.Tags);
            var paths = new PathCanonicalizer(packages.SelectMany(BuiltFiles).Select(f => f.Path));
            output.Functions.AddRange(result.Functions.Select(f => f.WithPaths(paths.Map)));
            output.Escapes.AddRange(result.Escapes.Select(r => r with { Outer = paths.Map(r.Outer), InlineChain = r.InlineChain.Select(paths.Map).ToList() }));
            errors.AddRange(result.Errors);
        }
        return new EscapeModel(index, new EscapeGraph(output, index), errors, needed.Select(p => p.Path).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Annotated functions' packages, packages with exemptions, and the packages of everything they call statically.</summary>
    private static List<Package> NeededPackages(List<Package> packages, SourceIndex index, IEnumerable<FuncDecl> roots)
    {
        var needed = new HashSet<Package>();
        var queue = new Queue<Node>();
        var seen = new HashSet<Node>();
        void Visit(Node body, Package pkg)
        {
            needed.Add(pkg);
            if (seen.Add(body)) queue.Enqueue(body);
        }
        foreach (var pkg in packages)
            foreach (var file in BuiltFiles(pkg))
            {
                foreach (var decl in file.Syntax.Decls.OfType<FuncDecl>())
                    if (decl.Body is not null && decl.Doc is { } doc && doc.List.Any(c => AnnotationParser.Classify(c.Text) is AnnotationParser.Kind.Check or AnnotationParser.Kind.Must))
                        Visit(decl, pkg);
                if (file.Syntax.Comments.Any(g => g.List.Any(c => AnnotationParser.Classify(c.Text) == AnnotationParser.Kind.Exemption)))
                    needed.Add(pkg);
            }
        foreach (var r in roots)
            if (r.Body is not null) Visit(r, r.SourceFile.Package);
        while (queue.Count > 0)
        {
            var body = queue.Dequeue();
            foreach (var call in StaticCallees.Of(body, SourceIndex.InfoOf(body)))
                if (index.Declaration(call.Callee) is { } callee)
                    Visit(callee.Node, callee.Package);
        }
        return needed.OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
    }
}
