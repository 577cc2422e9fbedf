using System.Text.Json;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Facts;

/// <summary>
/// A package's findings depend only on the package and its dependencies,
/// never on which other packages a run matched (tests/testdata/facts).
/// </summary>
public class FactsTests
{
    private const string Server = "vigil.test/facts/server";

    [Fact]
    public void ServerAloneReportsWhatTheWholeProjectReportsInServer()
    {
        var alone = Run("./facts/server");
        var all = Run("./facts/...");
        var aloneServer = FindingsOf(alone.Stdout, Server);
        Assert.Equal(FindingsOf(all.Stdout, Server), aloneServer);
        // What the equality must cover: a nil result and a race learnt from package store,
        // and the //nolint that only those facts make necessary (not reported as unused).
        Assert.Contains(aloneServer, f => f.StartsWith("vigil-nil server.go:8:", StringComparison.Ordinal));
        Assert.Contains(aloneServer, f => f.StartsWith("vigil-race server.go:28:", StringComparison.Ordinal));
        Assert.DoesNotContain(aloneServer, f => f.StartsWith("vigil-directive", StringComparison.Ordinal));
        // Dependencies are analyzed for facts, never reported: store has no findings of its own here.
        Assert.Empty(FindingsOf(alone.Stdout, "vigil.test/facts/store"));
        // Findings that a caller in app causes are reported in app, so they never depend on the pattern.
        Assert.Contains(FindingsOf(all.Stdout, "vigil.test/facts/app"), f => f.StartsWith("vigil-nil main.go:14:", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutFactsTheServerRunMissesWhatDependsOnStore()
    {
        // The behaviour the facts fix, kept as --facts none: it shows the test above can fail.
        var none = FindingsOf(Run("./facts/server", "--facts", "none").Stdout, Server);
        Assert.DoesNotContain(none, f => f.StartsWith("vigil-nil server.go:8:", StringComparison.Ordinal));
        Assert.Contains(none, f => f.StartsWith("vigil-directive server.go:21:", StringComparison.Ordinal));
    }

    private static CliRunner.Result Run(string pattern, params string[] extra)
    {
        var r = CliRunner.Run(Repo.Testdata, ["check", "--format", "json", .. extra, pattern]);
        Assert.True(r.ExitCode is 0 or 1, r.ToString());
        return r;
    }

    /// <summary>"check file:line:col message" of every finding in the package and its test variant, sorted.</summary>
    private static List<string> FindingsOf(string json, string package)
    {
        var found = new List<string>();
        using var doc = JsonDocument.Parse(json);
        foreach (var pkg in doc.RootElement.EnumerateObject())
        {
            if (pkg.Name != package && !pkg.Name.StartsWith(package + " [", StringComparison.Ordinal)) continue;
            foreach (var check in pkg.Value.EnumerateObject())
                foreach (var f in check.Value.EnumerateArray())
                    found.Add($"{check.Name} {Path.GetFileName(f.GetProperty("posn").GetString())} {f.GetProperty("message").GetString()}");
        }
        found.Sort(StringComparer.Ordinal);
        return found;
    }
}
