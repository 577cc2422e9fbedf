using System.Security.Cryptography;
using System.Text;
using Vigil.Analysis;

namespace Vigil.Cli.VetTool;

/// <summary>
/// The result cache key of a go vet unit in the unit modes (-facts=none and
/// vetx): what its answer depends on — Vigil's build, the tool's flags, the
/// build environment, the vet.cfg's package, the content of its files, of its
/// imports' export data and fact files, and the vigil.yaml that applies. The go command
/// reruns the matched packages' units (it caches only VetxOnly ones); with
/// this key a rerun with nothing changed is a process start and some hashing.
/// </summary>
internal static class UnitKey
{
    private static readonly string[] BuildEnvironment =
        ["GOOS", "GOARCH", "GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GOAMD64", "GOARM", "GOARM64", "GO386", "GOROOT", "GOVERSION"];

    public static string Of(VetConfig cfg, IEnumerable<string> flags)
    {
        var sb = new StringBuilder("vigil vet unit 1\n");
        sb.Append("build ").Append(typeof(Driver).Assembly.ManifestModule.ModuleVersionId)
          .Append(' ').Append(typeof(UnitKey).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        foreach (var f in flags) sb.Append("flag ").Append(f).Append('\n');
        foreach (var name in BuildEnvironment)
            sb.Append("env ").Append(name).Append('=').Append(Environment.GetEnvironmentVariable(name)).Append('\n');
        // Vigil's own switches (VIGIL_DEBUG, ...) change what a run prints; where its cache is does not.
        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                     .Select(e => ((string)e.Key, (string?)e.Value)).Where(e => e.Item1.StartsWith("VIGIL_", StringComparison.Ordinal)
                         && !e.Item1.StartsWith("VIGIL_CACHE", StringComparison.Ordinal)).OrderBy(e => e.Item1, StringComparer.Ordinal))
            sb.Append("env ").Append(name).Append('=').Append(value).Append('\n');
        sb.Append("unit ").Append(cfg.ID).Append('\n').Append("path ").Append(cfg.ImportPath).Append('\n').Append("dir ").Append(cfg.Dir).Append('\n')
          .Append("module ").Append(cfg.ModulePath).Append(' ').Append(cfg.GoVersion).Append('\n');
        foreach (var f in cfg.GoFiles) sb.Append("file ").Append(f).Append(' ').Append(HashOf(f)).Append('\n');
        foreach (var (from, to) in cfg.ImportMap.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append("import ").Append(from).Append('=').Append(to).Append('\n');
        // The export files live in the go command's temporary directories: their content, not their path.
        foreach (var (path, file) in cfg.PackageFile.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append("export ").Append(path).Append(' ').Append(HashOf(file)).Append('\n');
        // -facts=vetx: the imports' fact files (their content), and whether the unit is one the go command runs for facts only.
        foreach (var (path, file) in cfg.PackageVetx.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append("vetx ").Append(path).Append(' ').Append(File.Exists(file) ? HashOf(file) : "absent").Append('\n');
        sb.Append("vetxonly ").Append(cfg.VetxOnly).Append(" output ").Append(cfg.VetxOutput.Length > 0).Append('\n');
        if (Config.ConfigLoader.Discover(cfg.Dir) is { } config) sb.Append("config ").Append(config).Append(' ').Append(HashOf(config)).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))).ToLowerInvariant();
    }

    private static string HashOf(string file)
    {
        using var s = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(s));
    }
}
