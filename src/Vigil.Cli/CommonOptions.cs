using System.CommandLine;
using Vigil.Loading;

namespace Vigil.Cli;

/// <summary>The loading options shared by every command that reads Go code.</summary>
internal sealed class CommonOptions
{
    public readonly Option<string?> Tags = new("--tags") { Description = "Comma-separated build tags, passed to go list (as go build -tags)." };
    public readonly Option<bool> Tests = new("--tests") { Description = "Load _test.go files and test packages, as go vet does.", DefaultValueFactory = _ => true };
    public readonly Option<string?> Dir = new("-C") { Description = "Run as if started in this directory." };

    public void AddTo(Command c)
    {
        c.Options.Add(Tags);
        c.Options.Add(Tests);
        c.Options.Add(Dir);
    }

    /// <param name="facts">Which dependencies load from source for facts: `vigil check` takes --facts; the dump and
    /// escapes commands look at the named packages only and keep None.</param>
    public LoadOptions Load(ParseResult r, IReadOnlyList<string> patterns, FactScope facts = FactScope.None)
    {
        var dir = r.GetValue(Dir);
        foreach (var p in patterns)
            if (p.StartsWith('-'))
                throw new UsageException($"unknown flag {p}; run 'vigil {r.CommandResult.Command.Name} --help' for the flags");
        return new LoadOptions
        {
            Patterns = patterns.Count == 0 ? ["."] : patterns,
            WorkingDirectory = dir is null ? Environment.CurrentDirectory : Path.GetFullPath(dir),
            Tags = r.GetValue(Tags),
            Tests = r.GetValue(Tests),
            Facts = facts,
        };
    }
}
