using System.Diagnostics;

namespace Vigil.Loading;

/// <summary>One package a load would emit, with the content key the front-end's keys mode gave it.</summary>
public sealed record KeyedPackage(string Id, string Key, bool IsDependency, bool HasListError)
{
    /// <summary>
    /// The hash of the package's own inputs and of the content of the packages it reaches that
    /// are not analyzed from source: with its source dependencies' fact hashes, its early cut-off key.
    /// </summary>
    public string Ext { get; init; } = "";
    /// <summary>Its direct imports that a load emits too (analyzed from source), by id.</summary>
    public IReadOnlyList<string> SourceImports { get; init; } = [];
    /// <summary>Its files mention escape annotations: the escape check then reads callees' compiled code, so it keeps the content key.</summary>
    public bool MentionsEscapes { get; init; }

    /// <summary>
    /// The pattern that loads the package again: its import path, or for a test
    /// variant ("p [p.test]", "p_test [p.test]") the package under test, p.
    /// </summary>
    public string Path
    {
        get
        {
            int open = Id.IndexOf(" [", StringComparison.Ordinal);
            if (open < 0) return Id;
            return Id.EndsWith(".test]", StringComparison.Ordinal) ? Id[(open + 2)..^".test]".Length] : Id[..open];
        }
    }
}

/// <summary>
/// The packages a load of the same options would emit, each with a key that
/// changes whenever anything its analysis could read changes (its files, its
/// directory, its imports' keys), from the front-end's keys mode: go list
/// and file hashes, no parsing. The result cache's first step.
/// </summary>
public static class PackageKeys
{
    /// <summary>The keyed packages in load order, and go list's warnings; null when the listing failed (load then says why).</summary>
    public static (IReadOnlyList<KeyedPackage> Packages, IReadOnlyList<string> Warnings)? List(LoadOptions options, GoToolchain go)
    {
        var frontend = FrontendCache.Ensure(go);
        var psi = FrontendCommand.For(frontend, "keys", options, go);
        if (!Directory.Exists(options.WorkingDirectory)) return null;
        using var proc = Process.Start(psi);
        if (proc is null) return null;
        var err = proc.StandardError.ReadToEndAsync();
        var packages = new List<KeyedPackage>();
        string? line;
        while ((line = proc.StandardOutput.ReadLine()) != null)
        {
            var parts = line.Split('\t');
            if (parts.Length != 7 || parts[2].Length != 64 || parts[4].Length != 64) return Drain(proc);
            packages.Add(new KeyedPackage(parts[1], parts[2], parts[0] == "D", parts[3] != "ok")
            {
                Ext = parts[4],
                SourceImports = parts[5].Length == 0 ? [] : parts[5].Split(','),
                MentionsEscapes = parts[6] == "1",
            });
        }
        proc.WaitForExit();
        if (proc.ExitCode != 0) return null;
        var warnings = err.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.StartsWith("go list: ", StringComparison.Ordinal) ? l["go list: ".Length..] : l).ToList();
        return (packages, warnings);
    }

    private static (IReadOnlyList<KeyedPackage>, IReadOnlyList<string>)? Drain(Process proc)
    {
        proc.StandardOutput.ReadToEnd();
        proc.WaitForExit();
        return null;
    }
}
