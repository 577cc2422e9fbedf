using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vigil.Config;

/// <summary>
/// Finds and reads vigil.yaml. Every key is checked: an unknown key, a value
/// of the wrong kind or an invalid regular expression is an error naming the
/// file, line and column, never silently ignored. The accepted shape is
/// published as docs/vigil.schema.json.
/// </summary>
public static class ConfigLoader
{
    public static readonly string[] FileNames = ["vigil.yaml", "vigil.yml", ".vigil.yaml", ".vigil.yml"];

    /// <summary>The config file in <paramref name="dir"/> or the nearest directory above it; null when there is none.</summary>
    public static string? Discover(string dir)
    {
        for (var d = new DirectoryInfo(dir); d != null; d = d.Parent)
            foreach (var name in FileNames)
            {
                var p = System.IO.Path.Combine(d.FullName, name);
                if (System.IO.File.Exists(p)) return p;
            }
        return null;
    }

    public static VigilConfig Load(string path)
    {
        string text;
        try { text = System.IO.File.ReadAllText(path); }
        catch (IOException e) { throw new ConfigException($"{path}: cannot read the config: {e.Message}"); }
        return Parse(text, path);
    }

    public static VigilConfig Parse(string text, string path)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new ConfigException($"{path}:{e.Start.Line}:{e.Start.Column}: not valid YAML: {e.InnerException?.Message ?? e.Message}"); }
        if (stream.Documents.Count == 0) throw new ConfigException($"{path}: empty config; it needs at least \"version: {VigilConfig.CurrentVersion}\"");
        var r = new Reader(path);
        var root = r.Map(stream.Documents[0].RootNode, "the config");
        r.OnlyKeys(root, "version", "checks", "analyze", "report", "exclude", "generated", "tests", "directives", "options", "severity", "fail-on");

        var versionNode = r.Get(root, "version") ?? throw new ConfigException($"{path}:1:1: missing \"version: {VigilConfig.CurrentVersion}\" (the config format's version)");
        var version = r.Scalar(versionNode, "version");
        if (version != VigilConfig.CurrentVersion.ToString())
            throw r.Error(versionNode, $"unsupported version \"{version}\"; this Vigil reads version {VigilConfig.CurrentVersion}");

        var directives = r.Get(root, "directives") is { } dn ? r.Map(dn, "directives") : null;
        if (directives is not null) r.OnlyKeys(directives, "require-reason", "report-unused");

        return new VigilConfig
        {
            Path = path,
            Version = VigilConfig.CurrentVersion,
            Checks = r.Get(root, "checks") is { } c ? r.Strings(c, "checks") : null,
            Analyze = r.Get(root, "analyze") is { } a ? Packages(r, a, "analyze") : PackageFilter.Everything,
            Report = r.Get(root, "report") is { } rp ? Packages(r, rp, "report") : PackageFilter.Everything,
            Exclude = r.Get(root, "exclude") is { } ex ? Rules(r, ex) : [],
            Generated = r.Get(root, "generated") is { } g ? r.Scalar(g, "generated") switch
            {
                "strict" => GeneratedMode.Strict,
                "lax" => GeneratedMode.Lax,
                "disable" => GeneratedMode.Disable,
                var v => throw r.Error(g, $"generated: \"{v}\" is not one of strict, lax, disable"),
            } : GeneratedMode.Strict,
            Tests = r.Get(root, "tests") is { } t ? r.Bool(t, "tests") : null,
            DirectivesRequireReason = directives is not null && r.Get(directives, "require-reason") is { } rr && r.Bool(rr, "directives.require-reason"),
            DirectivesReportUnused = directives is null || r.Get(directives, "report-unused") is not { } ru || r.Bool(ru, "directives.report-unused"),
            Options = r.Get(root, "options") is { } o ? Options(r, o) : new Dictionary<string, IReadOnlyDictionary<string, object?>>(),
            Severities = ReadSeverities(r, r.Get(root, "severity"), r.Get(root, "fail-on")),
        };
    }

    /// <summary>severity: {CHECK: error|warning|note}; fail-on: error|warning|note|none.</summary>
    private static Severities ReadSeverities(Reader r, YamlNode? severity, YamlNode? failOn)
    {
        var byCheck = new Dictionary<string, Severity>(StringComparer.Ordinal);
        if (severity is not null)
            foreach (var (k, v) in r.Map(severity, "severity").Children)
            {
                var name = r.Scalar(k, "a check name");
                var id = name.StartsWith("vigil-", StringComparison.Ordinal) ? name : "vigil-" + name;
                var text = r.Scalar(v, $"severity.{name}");
                byCheck[id] = Severities.Parse(text) ?? throw r.Error(v, $"severity.{name}: \"{text}\" is not one of error, warning, note");
            }
        Severity? fail = Severity.Note;
        if (failOn is not null)
        {
            var text = r.Scalar(failOn, "fail-on");
            fail = text == "none" ? null : Severities.Parse(text) ?? throw r.Error(failOn, $"fail-on: \"{text}\" is not one of error, warning, note, none");
        }
        return new Severities { ByCheck = byCheck, FailOn = fail };
    }

    private static PackageFilter Packages(Reader r, YamlNode node, string where)
    {
        var m = r.Map(node, where);
        r.OnlyKeys(m, "include-pkgs", "exclude-pkgs");
        return new PackageFilter(
            r.Get(m, "include-pkgs") is { } i ? r.Strings(i, where + ".include-pkgs") : [],
            r.Get(m, "exclude-pkgs") is { } e ? r.Strings(e, where + ".exclude-pkgs") : []);
    }

    private static List<ExcludeRule> Rules(Reader r, YamlNode node)
    {
        if (node is not YamlSequenceNode seq) throw r.Error(node, "exclude: expected a list of rules (- path: ..., text: ..., checks: [...])");
        var rules = new List<ExcludeRule>();
        foreach (var item in seq)
        {
            var m = r.Map(item, "an exclude rule");
            r.OnlyKeys(m, "path", "path-except", "text", "checks");
            if (m.Children.Count == 0) throw r.Error(item, "an exclude rule needs at least one of path, path-except, text, checks");
            rules.Add(new ExcludeRule(
                r.Get(m, "path") is { } p ? r.Regex(p, "path") : null,
                r.Get(m, "path-except") is { } pe ? r.Regex(pe, "path-except") : null,
                r.Get(m, "text") is { } t ? r.Regex(t, "text") : null,
                r.Get(m, "checks") is { } c ? r.Strings(c, "checks") : []));
        }
        return rules;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, object?>> Options(Reader r, YamlNode node)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var (k, v) in r.Map(node, "options").Children)
        {
            var name = r.Scalar(k, "a check name");
            if (name.StartsWith("vigil-", StringComparison.Ordinal)) name = name["vigil-".Length..];
            var m = r.Map(v, $"options.{name}");
            result[name] = m.Children.ToDictionary(kv => r.Scalar(kv.Key, "an option name"), kv => Value(kv.Value), StringComparer.Ordinal);
        }
        return result;
    }

    /// <summary>A YAML value as the analyzers see it: string, List&lt;object?&gt; or Dictionary&lt;string, object?&gt;.</summary>
    private static object? Value(YamlNode node) => node switch
    {
        YamlScalarNode s => s.Value,
        YamlSequenceNode seq => seq.Children.Select(Value).ToList(),
        YamlMappingNode m => m.Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => Value(kv.Value), StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>Typed access to the YAML tree with errors that carry positions.</summary>
    private sealed class Reader(string path)
    {
        public ConfigException Error(YamlNode node, string message) =>
            new($"{path}:{node.Start.Line}:{node.Start.Column}: {message}");

        public YamlMappingNode Map(YamlNode node, string what) =>
            node as YamlMappingNode ?? throw Error(node, $"{what}: expected a mapping (key: value lines)");

        public YamlNode? Get(YamlMappingNode m, string key) =>
            m.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key).Value;

        public void OnlyKeys(YamlMappingNode m, params string[] allowed)
        {
            foreach (var key in m.Children.Keys)
            {
                var name = key is YamlScalarNode s ? s.Value : null;
                if (name is null || !allowed.Contains(name))
                    throw Error(key, $"unknown key \"{name}\"; allowed here: {string.Join(", ", allowed)}");
            }
        }

        public string Scalar(YamlNode node, string what) =>
            (node as YamlScalarNode)?.Value ?? throw Error(node, $"{what}: expected a single value");

        public bool Bool(YamlNode node, string what) => Scalar(node, what) switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            var v => throw Error(node, $"{what}: expected true or false, not \"{v}\""),
        };

        public List<string> Strings(YamlNode node, string what)
        {
            if (node is YamlScalarNode s) return [s.Value ?? ""];
            if (node is not YamlSequenceNode seq) throw Error(node, $"{what}: expected a list of strings");
            return seq.Children.Select(c => Scalar(c, what)).ToList();
        }

        public Regex Regex(YamlNode node, string what)
        {
            var v = Scalar(node, what);
            try { return new Regex(v, RegexOptions.CultureInvariant); }
            catch (ArgumentException e) { throw Error(node, $"{what}: invalid regular expression \"{v}\": {e.Message}"); }
        }
    }
}
