namespace Vigil.Analysis.Escape;

/// <summary>
/// What the escape check asks the compiler to build: import paths grouped by
/// the module directory they are compiled from, and whether their _test.go
/// files are compiled too (go list -test). A compile of a plan gives, per
/// package, exactly what compiling that package alone gives: the compiler
/// works one package at a time, and the flags change only what it prints.
/// So the output of a larger plan, restricted to a smaller one's packages,
/// is the smaller plan's output (this is what lets a compile started before
/// loading serve the check).
/// </summary>
public sealed class CompilePlan
{
    public CompilePlan(IEnumerable<(string ModuleDir, string ImportPath)> packages, bool tests)
    {
        Modules = packages.GroupBy(p => p.ModuleDir, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(p => p.ImportPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .ToList();
        Tests = tests;
    }

    /// <summary>Per module directory, its import paths (sorted).</summary>
    public IReadOnlyList<(string ModuleDir, IReadOnlyList<string> Paths)> Modules { get; }
    public bool Tests { get; }
    public bool IsEmpty => Modules.Count == 0;
    public IEnumerable<string> Paths => Modules.SelectMany(m => m.Paths);

    /// <summary>Runs the compiler once per module.</summary>
    public CompilerOutput Compile(string? tags, CancellationToken cancel = default)
    {
        var output = new CompilerOutput();
        foreach (var (dir, paths) in Modules)
        {
            var result = CompilerRun.Compile(dir, paths, Tests, tags, cancel);
            output.Functions.AddRange(result.Functions);
            output.Escapes.AddRange(result.Escapes);
            output.Errors.AddRange(result.Errors);
        }
        return output;
    }

    /// <summary>This plan without the packages <paramref name="done"/> compiled (with tests if this plan needs them).</summary>
    public CompilePlan Without(CompilePlan done)
    {
        var compiled = done.Tests || !Tests ? done.Modules.SelectMany(m => m.Paths.Select(p => (m.ModuleDir, p))).ToHashSet() : [];
        return new CompilePlan(Modules.SelectMany(m => m.Paths.Select(p => (m.ModuleDir, p))).Where(p => !compiled.Contains(p)), Tests);
    }

    /// <summary>Whether compiling this plan compiled everything <paramref name="other"/> needs.</summary>
    public bool Covers(CompilePlan other)
    {
        if (other.Tests && !Tests) return false;
        var mine = Modules.SelectMany(m => m.Paths.Select(p => (m.ModuleDir, p))).ToHashSet();
        return other.Modules.All(m => m.Paths.All(p => mine.Contains((m.ModuleDir, p))));
    }

    /// <summary>The part of <paramref name="output"/> (a compile of a plan covering this one) that a compile of this plan gives.</summary>
    public CompilerOutput Restrict(CompilerOutput output)
    {
        var paths = Paths.ToHashSet(StringComparer.Ordinal);
        // The compiler logs a command's records under "main" whatever its import path; records are matched by file and line, so keeping those of other commands is harmless.
        var recordPackages = new HashSet<string>(paths, StringComparer.Ordinal) { "main" };
        if (Tests) recordPackages.UnionWith(paths.Select(p => p + "_test"));
        var result = new CompilerOutput();
        result.Functions.AddRange(output.Functions.Where(f => Owner(f.Package, paths) is { } o && (Tests || !o.Test)));
        result.Escapes.AddRange(output.Escapes.Where(r => recordPackages.Contains(r.Package) && (Tests || !IsTestFile(r.Outer.File))));
        result.Errors.AddRange(output.Errors);
        return result;
    }

    /// <summary>
    /// The package on the command line that a "# header" of the compiler's
    /// output belongs to: "p" and its test builds "p [p.test]" and
    /// "p_test [p.test]" belong to p; the generated test main "p.test" and
    /// dependencies recompiled for a test belong to none.
    /// </summary>
    internal static (string Path, bool Test)? Owner(string header, IReadOnlySet<string> paths)
    {
        int bracket = header.IndexOf(" [", StringComparison.Ordinal);
        if (bracket < 0)
            return paths.Contains(header) ? (header, false) : null;
        string path = header[..bracket];
        string forTest = header[(bracket + 2)..].TrimEnd(']');
        if (!forTest.EndsWith(".test", StringComparison.Ordinal)) return null;
        forTest = forTest[..^".test".Length];
        return paths.Contains(forTest) && (path == forTest || path == forTest + "_test") ? (forTest, true) : null;
    }

    internal static bool IsTestFile(string path) => path.EndsWith("_test.go", StringComparison.Ordinal);
}
