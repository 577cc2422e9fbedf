using Vigil.Loading;

namespace Vigil.Cli;

/// <summary>A mistake in how Vigil was called: reported with the usage hint, exit status 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

internal static class Cli
{
    /// <summary>Loads, turning "nothing matched" into an error.</summary>
    public static GoProgram LoadOrExplain(LoadOptions load, Progress progress)
    {
        var program = Loader.Load(load, progress.Report);
        MemoryStats.Note("loaded");
        // go list -e turns a pattern it cannot use into a package with only an error.
        if (program.Packages.Count > 0 && program.Packages.All(p => p.Files.Count == 0 && p.Errors.Count > 0))
        {
            var errors = string.Join("\n", program.Packages.SelectMany(p => p.Errors).Select(e => e.ToString()));
            var explained = Loader.Explain(errors);
            throw new LoadException(explained != errors ? explained
                : $"{errors}\n(the patterns matched no packages: check them, and run Vigil from inside the module; ./... means the packages below the current directory)");
        }
        if (program.Packages.Count == 0)
        {
            var why = program.Warnings.Count > 0 ? string.Join("\n", program.Warnings) : $"no Go packages match {string.Join(" ", load.Patterns)}";
            throw new LoadException($"{why}\n(check the pattern, and run Vigil from inside the module: ./... means the packages below the current directory)");
        }
        return program;
    }

    /// <summary>The package a dump shows: the first matched, preferring a package's test variant (it has all its files).</summary>
    public static Package PickPackage(GoProgram program) =>
        program.Packages.FirstOrDefault(p => p.ForTest.Length == 0 || p.Id.StartsWith(p.ForTest + " [", StringComparison.Ordinal))
        ?? program.Packages[0];

    /// <summary>Prints go list warnings and per-package errors on stderr; returns 2 when a package did not load cleanly, else 0.</summary>
    public static int ReportLoadProblems(GoProgram program)
    {
        foreach (var w in program.Warnings) Console.Error.WriteLine($"vigil: {w}");
        int status = 0;
        foreach (var p in program.Packages)
        {
            foreach (var e in p.Errors)
            {
                var where = e.Location.Path.Length == 0 ? ""
                    : $"{Output.Paths.Relative(e.Location.Path, Environment.CurrentDirectory)}{(e.Location.Line > 0 ? $":{e.Location.Line}:{e.Location.Column}" : "")}: ";
                Console.Error.WriteLine($"{where}{e.Message} ({e.Kind} error in {p.Id})");
                status = 2;
            }
        }
        return status;
    }
}
