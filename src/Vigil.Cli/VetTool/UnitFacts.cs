using Vigil.Facts;
using Vigil.Flow.Cfg;

namespace Vigil.Cli.VetTool;

/// <summary>
/// The facts of a go vet unit in `-facts=vetx` mode (docs/facts.md): read from
/// its direct imports' fact files (PackageVetx), each of which carries the facts
/// of its own imports too; used for the imports in the unit's project (the
/// packages `vigil check P` would analyze from source, FactScope.Project);
/// written to VetxOutput with the unit's own facts added.
/// </summary>
internal sealed class UnitFacts
{
    private readonly SortedDictionary<string, FactSection> sections = new(StringComparer.Ordinal);

    /// <summary>The unit's project: "std" for the standard library, else its module (or GOPATH).</summary>
    public string Project { get; }

    private UnitFacts(string project) => Project = project;

    public static UnitFacts Read(VetConfig cfg)
    {
        var facts = new UnitFacts(ProjectOf(cfg));
        // A direct import's own section first (a test variant's, "p [p.test]", has its test files'
        // functions too), then what the files carry, sorted: the same sections in every run.
        var files = cfg.PackageVetx.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (Import: kv.Key.Split(" [")[0], Sections: FactFile.Read(kv.Value))).ToList();
        foreach (var (import, sections) in files)
            foreach (var s in sections.Where(s => s.Package == import))
                facts.sections[s.Package] = s;
        foreach (var (_, sections) in files)
            foreach (var s in sections)
                facts.sections.TryAdd(s.Package, s);
        return facts;
    }

    public int Count => sections.Count;

    /// <summary>The analyzers' inputs from the imported facts of the unit's project.</summary>
    public IReadOnlyDictionary<string, object> Seeds()
    {
        var used = new List<PackageFacts>();
        foreach (var s in sections.Values)
        {
            if (s.Project != Project) continue;
            try { used.Add(s.Decode()); }
            catch (FormatException e) { throw new InvalidDataException($"the facts of {s.Package} are corrupt ({e.Message}); clean the go build cache (go clean -cache) and run again"); }
        }
        return new Dictionary<string, object>
        {
            [NilImports.CacheKey] = new NilImports(used),
            [RaceImports.CacheKey] = new RaceImports(used),
            [NoReturnAnalysis.ImportedKey] = NoReturnOracle.Known.With(used.SelectMany(p => p.NoReturn)),
        };
    }

    /// <summary>
    /// Writes the unit's facts and those it carries for its dependents: a section is used only by units of its
    /// own project (<see cref="Seeds"/>), and the standard library imports nothing else, so a unit outside it
    /// drops the standard library's sections (no dependent of it can be a std package).
    /// </summary>
    public void Write(string path, string package, PackageFacts own)
    {
        var all = new SortedDictionary<string, FactSection>(StringComparer.Ordinal);
        foreach (var (p, s) in sections)
            if (Project == StdProject || s.Project != StdProject) all[p] = s;
        all[package] = FactSection.Of(package, Project, own);
        FactFile.Write(path, all.Values);
    }

    private const string StdProject = "std";

    private static string ProjectOf(VetConfig cfg)
    {
        var goroot = Environment.GetEnvironmentVariable("GOROOT");
        if (!string.IsNullOrEmpty(goroot))
        {
            var src = Path.GetFullPath(Path.Combine(goroot, "src")) + Path.DirectorySeparatorChar;
            if (Path.GetFullPath(cfg.Dir + Path.DirectorySeparatorChar).StartsWith(src, StringComparison.Ordinal)) return StdProject;
        }
        return cfg.ModulePath.Length > 0 ? "module " + cfg.ModulePath : "gopath";
    }
}
