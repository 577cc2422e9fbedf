using System.Collections.Concurrent;
using Vigil.Loading;

namespace Vigil.Tests.Harness;

/// <summary>Loads Go packages for tests, once per (directory, patterns, tags) per test run.</summary>
public static class TestLoads
{
    private static readonly ConcurrentDictionary<string, Lazy<GoProgram>> cache = new();

    public static GoProgram Load(string dir, string[] patterns, string? tags = null, bool tests = true, FactScope facts = FactScope.Project)
    {
        string key = $"{dir}|{string.Join(' ', patterns)}|{tags}|{tests}|{facts}";
        return cache.GetOrAdd(key, _ => new Lazy<GoProgram>(() => Loader.Load(new LoadOptions
        {
            Patterns = patterns,
            WorkingDirectory = dir,
            Tags = tags,
            Tests = tests,
            Facts = facts,
        }))).Value;
    }
}
