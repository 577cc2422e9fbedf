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

    /// <summary>The import path without a test variant's " [p.test]".</summary>
    public string PackagePath => (ImportPath.Length > 0 ? ImportPath : ID) is var p && p.IndexOf(" [", StringComparison.Ordinal) is var i and >= 0 ? p[..i] : ImportPath.Length > 0 ? ImportPath : ID;

    public static VetConfig Read(string path)
    {
        var cfg = JsonSerializer.Deserialize<VetConfig>(File.ReadAllBytes(path))
            ?? throw new InvalidDataException($"{path} is empty");
        if (cfg.GoFiles.Count == 0) throw new InvalidDataException($"package has no files: {cfg.ImportPath}");
        return cfg;
    }
}
