using System.Diagnostics;
using System.Text;

namespace Vigil.Loading;

/// <summary>
/// Loads Go packages: runs the front-end and decodes its stream while it is
/// being produced. The table delta of each chunk is decoded in stream order;
/// the package bodies (syntax and type information) decode in parallel.
/// </summary>
public static class Loader
{
    public static GoProgram Load(LoadOptions options, Action<string>? progress = null)
    {
        var go = (options.VetUnit is null ? null : GoToolchain.OfGoCommand()) ?? GoToolchain.Find();
        progress?.Invoke("preparing the Go front-end");
        var frontend = FrontendCache.Ensure(go);
        if (File.Exists(options.WorkingDirectory))
            throw new LoadException($"{options.WorkingDirectory} is a file, not a directory (-C takes the directory to run in)");
        if (!Directory.Exists(options.WorkingDirectory))
            throw new LoadException($"directory {options.WorkingDirectory} does not exist");

        var psi = FrontendCommand.For(frontend, "load", options, go);

        progress?.Invoke("listing packages");
        using var proc = Process.Start(psi) ?? throw new LoadException($"could not start the front-end {frontend}");
        var stderrLines = new List<string>();
        var stderrDone = Task.Run(() =>
        {
            string? line;
            while ((line = proc.StandardError.ReadLine()) != null)
                lock (stderrLines) stderrLines.Add(line);
        });

        StreamDecoder.Contents? contents = null;
        string? fatal = null;
        bool cut = false;
        try
        {
            contents = StreamDecoder.Read(new BufferedStream(proc.StandardOutput.BaseStream, 1 << 20), progress);
            fatal = contents.Fatal;
        }
        catch (StreamFormatException e) when (e.Message == StreamDecoder.Truncated)
        {
            cut = true;
        }
        proc.WaitForExit();
        stderrDone.Wait();
        if (fatal != null) throw new LoadException(Explain(fatal));
        if (cut || proc.ExitCode != 0)
            throw new LoadException(FrontendExit.Describe(proc.ExitCode, cut, stderrLines));

        var packages = contents!.Packages;
        var warnings = stderrLines.Select(l => l.StartsWith("go list: ", StringComparison.Ordinal) ? l["go list: ".Length..] : l).ToList();
        return new GoProgram(packages, contents.Tables, warnings, options);
    }

    /// <summary>Adds what to do to go list's own messages.</summary>
    public static string Explain(string message)
    {
        if (message.Contains("go.mod file not found", StringComparison.Ordinal) || message.Contains("main module", StringComparison.Ordinal))
            return message + "\n(run Vigil inside a Go module — a directory with a go.mod file or below one — or create one with `go mod init`)";
        if (message.Contains("no such file or directory", StringComparison.Ordinal) || message.Contains("matched no packages", StringComparison.Ordinal))
            return message + "\n(the pattern matched no packages: check it; ./... means the packages below the current directory)";
        return message;
    }
}
