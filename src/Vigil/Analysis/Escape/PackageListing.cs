using System.Diagnostics;
using System.Text.Json;
using Vigil.Loading;

namespace Vigil.Analysis.Escape;

/// <summary>A package the patterns match, as plain go list gives it: where it is, its files, what it imports.</summary>
public sealed record ListedPackage(string ImportPath, string Dir, IReadOnlyList<string> Files, IReadOnlyList<string> TestFiles,
    IReadOnlyList<string> Imports, IReadOnlyList<string> TestImports);

/// <summary>The packages the patterns match, and whether the build cache already holds all their dependencies.</summary>
public sealed record Listing(IReadOnlyList<ListedPackage> Packages, bool DependenciesCached);

/// <summary>
/// Lists the packages of a load's patterns without compiling anything
/// (go list without -export takes a few tens of milliseconds), for the
/// escape check's compile to start before the typed program exists.
/// </summary>
public static class PackageListing
{
    private static readonly Lazy<GoToolchain> Toolchain = new(GoToolchain.Find);

    public static Listing List(LoadOptions options)
    {
        var psi = new ProcessStartInfo(Toolchain.Value.GoPath)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = options.WorkingDirectory,
        };
        // -deps with Stale: whether go would have to compile a dependency (a cold build cache).
        foreach (var a in new[] { "list", "-e", "-deps", "-json=ImportPath,Dir,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles,Imports,TestImports,XTestImports,DepOnly,Stale" })
            psi.ArgumentList.Add(a);
        if (!string.IsNullOrEmpty(options.Tags)) { psi.ArgumentList.Add("-tags"); psi.ArgumentList.Add(options.Tags); }
        psi.ArgumentList.Add("--");
        foreach (var p in options.Patterns) psi.ArgumentList.Add(p);
        psi.Environment["GOTOOLCHAIN"] = "local";
        using var proc = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {psi.FileName}");
        var stderr = proc.StandardError.ReadToEndAsync();
        using var ms = new MemoryStream();
        proc.StandardOutput.BaseStream.CopyTo(ms);
        proc.WaitForExit();
        _ = stderr.Result;
        return proc.ExitCode == 0 ? Parse(ms.ToArray()) : new Listing([], false);
    }

    /// <summary>Reads go list's stream of JSON objects: the matched packages, and whether no dependency is stale.</summary>
    internal static Listing Parse(byte[] json)
    {
        var result = new List<ListedPackage>();
        bool cached = true;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            var e = doc.RootElement;
            if (Bool(e, "DepOnly"))
            {
                cached &= !Bool(e, "Stale");
                continue;
            }
            string dir = Str(e, "Dir");
            List<string> InDir(params string[] names) => names.SelectMany(n => Strings(e, n)).Select(f => Path.Combine(dir, f)).ToList();
            result.Add(new ListedPackage(Str(e, "ImportPath"), dir, InDir("GoFiles", "CgoFiles"), InDir("TestGoFiles", "XTestGoFiles"),
                Strings(e, "Imports"), [.. Strings(e, "TestImports"), .. Strings(e, "XTestImports")]));
        }
        return new Listing(result, cached);
    }

    private static bool Bool(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
}
