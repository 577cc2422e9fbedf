using System.Text.Json;

namespace Vigil.Cli.VetTool;

/// <summary>
/// The unit the go command hands a vet tool (vet.cfg, JSON): one package, its
/// files, how its imports resolve (export data, dependencies' facts), and
/// where the tool writes this package's facts. The fields of
/// golang.org/x/tools/go/analysis/unitchecker's Config.
/// </summary>
internal sealed class VetConfig
{
    /// <summary>The package's id, e.g. "fmt [fmt.test]".</summary>
    public string ID { get; set; } = "";
    public string Compiler { get; set; } = "";
    public string Dir { get; set; } = "";
    public string ImportPath { get; set; } = "";
    public List<string> GoFiles { get; set; } = [];
    public List<string> NonGoFiles { get; set; } = [];
    public List<string> IgnoredFiles { get; set; } = [];
    public Dictionary<string, string> ImportMap { get; set; } = [];
    public Dictionary<string, string> PackageFile { get; set; } = [];
    public Dictionary<string, bool> Standard { get; set; } = [];
    public Dictionary<string, string> PackageVetx { get; set; } = [];
    /// <summary>Run only for the facts dependents need; report nothing.</summary>
    public bool VetxOnly { get; set; }
    public string VetxOutput { get; set; } = "";
    public bool SucceedOnTypecheckFailure { get; set; }
    public string ModulePath { get; set; } = "";
    /// <summary>The language version the package is checked with ("go1.22"; the toolchain's for std).</summary>
    public string GoVersion { get; set; } = "";

    /// <summary>
    /// How `vigil check` names this unit, and the pattern that loads it. The go
    /// command vets a package with tests as one unit of its files and _test.go
    /// files ("p"), and its external tests as "p_test"; Vigil's loads call
    /// them "p [p.test]" and "p_test [p.test]" and load both with pattern p.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public (string VigilId, string Pattern) Unit
    {
        get
        {
            var path = ImportPath.Length > 0 ? ImportPath : ID;
            int open = path.IndexOf(" [", StringComparison.Ordinal);
            if (open >= 0) path = path[..open];
            if (!GoFiles.Any(f => f.EndsWith("_test.go", StringComparison.Ordinal))) return (path, path);
            bool external = path.EndsWith("_test", StringComparison.Ordinal) && GoFiles.All(f => f.EndsWith("_test.go", StringComparison.Ordinal));
            var under = external ? path[..^"_test".Length] : path;
            return ($"{path} [{under}.test]", under);
        }
    }

    public static VetConfig Read(string path)
    {
        var cfg = JsonSerializer.Deserialize(File.ReadAllBytes(path), VetJson.Default.VetConfig)
            ?? throw new InvalidDataException($"{path} is empty");
        if (cfg.GoFiles.Count == 0) throw new InvalidDataException($"package has no files: {cfg.ImportPath}");
        return cfg;
    }
}
