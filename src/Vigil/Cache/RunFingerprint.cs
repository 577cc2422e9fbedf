using System.Security.Cryptography;
using System.Text;
using Vigil.Analysis;
using Vigil.Loading;

namespace Vigil.Cache;

/// <summary>
/// Everything besides a package's content that changes its analysis: the
/// Vigil build (the analyzers' code), the Go version, the build environment,
/// the load options and the analyzers with their options. Part of every
/// cache key, so a change to any of them misses the whole cache.
/// </summary>
public static class RunFingerprint
{
    /// <summary>The environment variables that change what go list selects or how code is built.</summary>
    private static readonly string[] GoEnvironment =
        ["GOOS", "GOARCH", "GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GOAMD64", "GOARM", "GOARM64", "GO386", "GOWORK", "GOPATH", "GOROOT", "GO111MODULE"];

    public static string Of(LoadOptions load, GoToolchain go, IReadOnlyList<Analyzer> analyzers,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> options)
    {
        var sb = new StringBuilder();
        sb.Append("cache-format 2\n");
        sb.Append("vigil ").Append(typeof(Driver).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        sb.Append("go ").Append(go.Version).Append('\n');
        foreach (var name in GoEnvironment)
            sb.Append("env ").Append(name).Append('=').Append(Environment.GetEnvironmentVariable(name)).Append('\n');
        sb.Append("tags ").Append(load.Tags).Append("\ntests ").Append(load.Tests).Append("\nfacts ").Append(load.Facts).Append('\n');
        foreach (var a in Driver.TopologicalOrder(analyzers))
        {
            // The code behind a check: its name alone would let a test's stand-in share a real check's entries.
            var m = a.Run.Method;
            sb.Append("check ").Append(a.Name).Append(' ').Append(m.DeclaringType?.Assembly.ManifestModule.ModuleVersionId)
              .Append(' ').Append(m.DeclaringType?.FullName).Append('.').Append(m.Name).Append('\n');
            if (options.TryGetValue(a.Name, out var o))
                sb.Append("options ").Append(OptionsText.Of(o)).Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))).ToLowerInvariant();
    }

    /// <summary>The cache key of one package under a run's fingerprint.</summary>
    public static string KeyOf(string fingerprint, KeyedPackage p) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{fingerprint}\n{p.Id}\n{p.Key}\n"))).ToLowerInvariant();
}
