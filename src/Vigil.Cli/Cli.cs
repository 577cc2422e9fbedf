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
        if (program.Packages.Count == 0)
        {
            var why = program.Warnings.Count > 0 ? string.Join("\n", program.Warnings) : $"no Go packages match {string.Join(" ", load.Patterns)}";
            throw new LoadException($"{why}\n(check the pattern, and run Vigil from inside the module: ./... means the packages below the current directory)");
        }
        return program;
    }

    /// <summary>Prints go list warnings and per-package errors on stderr; returns 2 when a package did not load cleanly, else 0.</summary>
    public static int ReportLoadProblems(GoProgram program)
    {
        foreach (var w in program.Warnings) Console.Error.WriteLine($"vigil: {w}");
        int status = 0;
        foreach (var p in program.Packages)
        {
            foreach (var e in p.Errors)
            {
                Console.Error.WriteLine($"{Output.Paths.Relative(e.Location.Path, Environment.CurrentDirectory)}{(e.Location.Line > 0 ? $":{e.Location.Line}:{e.Location.Column}" : "")}: {e.Message} ({e.Kind} error in {p.Id})");
                status = 2;
            }
        }
        return status;
    }
}
