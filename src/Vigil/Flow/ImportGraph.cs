using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Flow;

/// <summary>
/// Which loaded packages a package depends on, by import path, from the
/// import declarations of its files. A check that takes evidence from other
/// packages asks it so that a package's findings depend only on the package
/// and its dependencies (docs/facts.md): the same whichever other packages
/// a run matched. Paths are resolved as the go command does for the loaded
/// packages: the import path itself, else its copy under the standard
/// library's vendor directory; an import of a package that is not loaded
/// from source leads nowhere (its code is never evidence).
/// </summary>
public sealed class ImportGraph
{
    private readonly Dictionary<string, HashSet<string>> direct = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> closure = new(StringComparer.Ordinal);
    private readonly object gate = new();

    public ImportGraph(GoProgram program)
    {
        var loaded = program.Packages.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var pkg in program.Packages)
        {
            if (!direct.TryGetValue(pkg.Path, out var set)) direct[pkg.Path] = set = new(StringComparer.Ordinal);
            foreach (var file in pkg.Files)
                foreach (var spec in file.Syntax.Decls.OfType<GenDecl>().SelectMany(d => d.Specs).OfType<ImportSpec>())
                    if (Unquote(spec.Path?.Value) is { Length: > 0 } path)
                    {
                        if (loaded.Contains(path)) set.Add(path);
                        else if (loaded.Contains("vendor/" + path)) set.Add("vendor/" + path);
                    }
        }
    }

    /// <summary>True when <paramref name="dependency"/> is <paramref name="path"/> itself or one of its (transitive) imports.</summary>
    public bool Reaches(string path, string dependency) => path == dependency || DependenciesOf(path).Contains(dependency);

    /// <summary>The import paths <paramref name="path"/> depends on, transitively (not itself).</summary>
    public IReadOnlySet<string> DependenciesOf(string path)
    {
        lock (gate)
        {
            if (closure.TryGetValue(path, out var done)) return done;
            var result = new HashSet<string>(StringComparer.Ordinal);
            var work = new Stack<string>(direct.GetValueOrDefault(path) ?? []);
            while (work.Count > 0) // iterative: import chains can be long
            {
                var p = work.Pop();
                if (p == path || !result.Add(p)) continue;
                foreach (var q in direct.GetValueOrDefault(p) ?? []) work.Push(q);
            }
            closure[path] = result;
            return result;
        }
    }

    private static string? Unquote(string? literal) =>
        literal is { Length: >= 2 } && (literal[0] == '"' || literal[0] == '`') ? literal[1..^1] : null;
}
