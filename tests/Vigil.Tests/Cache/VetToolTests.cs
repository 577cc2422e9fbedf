using System.Diagnostics;
using Vigil.Loading;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Cache;

/// <summary>
/// `go vet -vettool=vigil` with the real go command on a copy of
/// tests/testdata/facts: each package's findings are those `vigil check ./...`
/// reports for it, and a rerun with nothing changed is served from the cache;
/// with -facts=none (the unit mode: the package alone, imports from the go
/// command's export data) those `vigil check --facts=none P` reports for each
/// package P, its tests included, and reruns come from the result cache.
/// </summary>
public class VetToolTests
{
    [Fact]
    public void GoVetGivesTheFindingsOfCheck()
    {
        if (OperatingSystem.IsWindows()) return; // the tool is a shell script here; the protocol is the same
        var p = CacheRunTests.NewProject();
        var tool = Tool(p);

        var check = Headlines(p.Check("off").Stdout);
        Assert.Contains(check, l => l.Contains("(vigil-nil)", StringComparison.Ordinal));
        Assert.Contains(check, l => l.Contains("(vigil-race)", StringComparison.Ordinal));

        var (exit, output) = GoVet(p, tool);
        Assert.Equal(1, exit); // findings make go vet fail, as its own analyzers do
        Assert.Equal(check, Headlines(output));

        var (again, rerun) = GoVet(p, tool);
        Assert.Equal(1, again);
        Assert.Equal(check, Headlines(rerun));
        Assert.Equal(3, rerun.Split('\n').Count(l => l.Contains("cache: 1 packages from the cache, 0 analyzed", StringComparison.Ordinal)));
    }

    [Fact]
    public void UnitModeGivesTheFindingsOfCheckWithoutFacts()
    {
        if (OperatingSystem.IsWindows()) return;
        var p = CacheRunTests.NewProject();
        // The go command's three kinds of unit: a package, a package with its tests, an external test package.
        File.WriteAllText(Path.Combine(p.Dir, "facts/store/conn_test.go"), """
            package store

            import "testing"

            func TestConnName(t *testing.T) {
            	var c *Conn
            	if len(t.Name()) > 64 {
            		c = &Conn{}
            	}
            	t.Log(c.Name())
            }
            """);
        File.WriteAllText(Path.Combine(p.Dir, "facts/store/entry_test.go"), """
            package store_test

            import "testing"

            type entry struct{ hits int }

            func TestEntry(t *testing.T) {
            	var e *entry
            	if len(t.Name()) > 64 {
            		e = &entry{}
            	}
            	t.Log(e.hits)
            }
            """);
        var check = new List<string>();
        foreach (var pkg in new[] { "./facts/store", "./facts/server", "./facts/app" })
            check.AddRange(Headlines(CliRunner.Run(p.Dir, ["check", "--cache=false", "--facts=none", pkg]).Stdout));
        check.Sort(StringComparer.Ordinal);
        Assert.Contains(check, l => l.StartsWith("facts/store/conn_test.go:10:10: nil panic", StringComparison.Ordinal));
        Assert.Contains(check, l => l.StartsWith("facts/store/entry_test.go:12:10: nil panic", StringComparison.Ordinal));

        var tool = Tool(p);
        var (exit, output) = GoVet(p, tool, "-facts=none");
        Assert.Equal(1, exit);
        Assert.Equal(check, Headlines(output));
        Assert.Equal(4, Count(output, "vigil: cache: unit analyzed"));

        // The go command runs the matched packages' units again: each answer comes from the result cache.
        var (again, rerun) = GoVet(p, tool, "-facts=none");
        Assert.Equal(1, again);
        Assert.Equal(check, Headlines(rerun));
        Assert.Equal(4, Count(rerun, "vigil: cache: unit served from the cache"));

        // An edit misses the edited package's units only (its export data is unchanged for its dependents).
        File.AppendAllText(Path.Combine(p.Dir, "facts/store/conn_test.go"), "\n// edited\n");
        var (_, edited) = GoVet(p, tool, "-facts=none");
        Assert.Equal(check, Headlines(edited));
        Assert.Equal(1, Count(edited, "vigil: cache: unit analyzed"));
        Assert.Equal(3, Count(edited, "vigil: cache: unit served from the cache"));
    }

    private static int Count(string output, string line) => output.Split('\n').Count(l => l == line);

    [Fact]
    public void UnitModeWithoutFactsMissesWhatNeedsADependencysSummaries()
    {
        // The documented price of -facts=none (docs/facts.md): server's nil panic needs store's summary of Get.
        if (OperatingSystem.IsWindows()) return;
        var p = CacheRunTests.NewProject();
        var (_, withFacts) = GoVet(p, Tool(p));
        var (_, without) = GoVet(p, Tool(p), "-facts=none");
        const string needsFacts = "facts/server/server.go:8:21: nil panic";
        Assert.Contains(Headlines(withFacts), l => l.StartsWith(needsFacts, StringComparison.Ordinal));
        Assert.DoesNotContain(Headlines(without), l => l.StartsWith(needsFacts, StringComparison.Ordinal));
    }

    [Fact]
    public void VetxFactsGiveTheNilAndRaceFindingsOfCheck()
    {
        // -facts=vetx: each unit loads its imports from export data and reads their serialized facts
        // (PackageVetx), so server's nil panic, which needs store's summary of Get, is reported as
        // -facts=project reports it (dependencies from source), and app's, which needs server's.
        if (OperatingSystem.IsWindows()) return;
        var p = CacheRunTests.NewProject();
        var (_, project) = GoVet(p, Tool(p));
        var (exit, vetx) = GoVet(p, Tool(p), "-facts=vetx");
        Assert.Equal(1, exit);
        static List<string> Nil(string output) => Headlines(output).Where(l => !l.EndsWith("(vigil-race)", StringComparison.Ordinal)).ToList();
        Assert.Contains(Nil(vetx), l => l.StartsWith("facts/server/server.go:8:21: nil panic", StringComparison.Ordinal));
        Assert.Contains(Nil(vetx), l => l.StartsWith("facts/app/main.go:14:27: nil panic", StringComparison.Ordinal));
        // The //nolint in server silences a flow of store's summary: used, not reported.
        Assert.DoesNotContain(Nil(vetx), l => l.StartsWith("facts/server/server.go:21", StringComparison.Ordinal));
        Assert.Equal(Nil(project), Nil(vetx));
        // Races through calls into a dependency, from its race facts: a goroutine of server calling store's Hit (an
        // unlocked write of p.hits), app's calling server's Bump (a global); store's Lock/Unlock leave the lock held for
        // the caller (Record: no race), its Touch locks inside (CountLocked: no race).
        static List<string> Race(string output) => Headlines(output).Where(l => l.EndsWith("(vigil-race)", StringComparison.Ordinal)).ToList();
        Assert.Contains(Race(vetx), l => l.StartsWith("facts/server/server.go:28:3: data race: p.hits written", StringComparison.Ordinal)
            && l.Contains("(inside the call, at store.go:", StringComparison.Ordinal));
        Assert.Contains(Race(vetx), l => l.StartsWith("facts/app/main.go:17:3: data race: requests written", StringComparison.Ordinal));
        Assert.Contains(Race(vetx), l => l.StartsWith("facts/server/server.go:66:3: data race: p.Stats written without holding p.mu", StringComparison.Ordinal));
        // A goroutine store's Refresh starts (facts of the spawn) races with Reset's unlocked write; ResetLocked holds the lock.
        Assert.Contains(Race(vetx), l => l.StartsWith("facts/server/server.go:78:2: data race: p.Stats written without holding p.mu", StringComparison.Ordinal)
            && l.Contains("by the goroutine started at store.go:", StringComparison.Ordinal));
        Assert.Equal(Race(project), Race(vetx));

        // A rerun with nothing changed is served from the unit result cache, the facts each unit wrote included.
        var (again, rerun) = GoVet(p, Tool(p), "-facts=vetx");
        Assert.Equal(1, again);
        Assert.Equal(Nil(vetx), Nil(rerun));
        Assert.Equal(0, Count(rerun, "vigil: cache: unit analyzed"));
        Assert.True(Count(rerun, "vigil: cache: unit served from the cache") > 0, rerun);

        // An edit of store's body changes store's answer; its dependents still read its facts (from the rerun's files).
        File.AppendAllText(Path.Combine(p.Dir, "facts/store/store.go"), "\n// edited\n");
        var (_, edited) = GoVet(p, Tool(p), "-facts=vetx");
        Assert.Equal(Nil(vetx), Nil(edited));
        Assert.True(Count(edited, "vigil: cache: unit analyzed") > 0, edited);
    }

    [Fact]
    public void VetxFactsCarryTheProgramWideRaceRules()
    {
        // tests/testdata/factsrace: whether b's accesses race depends on what a's code stores into a's fields (a field
        // set once, a mode fixed at construction, a readiness flag that only goes up). b's unit has a's export data
        // only: a's fact file says what a's code does to its fields (RaceFieldFlags), so the answers are those of
        // -facts=project, which reads a's source. Without those facts b's unit reported Pump's set-once read and
        // missed the Tunable and Flaky twins.
        if (OperatingSystem.IsWindows()) return;
        var p = CacheRunTests.NewProject(["factsrace/a/a.go", "factsrace/b/b.go"]);
        static List<string> Race(string output) => Headlines(output).Where(l => l.EndsWith("(vigil-race)", StringComparison.Ordinal)).ToList();
        var (_, project) = GoVet(p, Tool(p), "-checks=race");
        var (exit, vetx) = GoVet(p, Tool(p), "-checks=race", "-facts=vetx");
        Assert.Equal(1, exit);
        Assert.Equal(Race(project), Race(vetx));
        // Set once (a.Buf.Finish sets Err only while unset): no race; a.ResetBuf.Reset lowers it: a race.
        Assert.DoesNotContain(Race(vetx), l => l.Contains("by Pump,", StringComparison.Ordinal));
        Assert.Contains(Race(vetx), l => l.Contains("c.Err read without holding c.Mu", StringComparison.Ordinal) && l.Contains("by PumpReset,", StringComparison.Ordinal));
        // A mode fixed at construction (a has no method assigning Writer.Concurrency); a.Tunable.SetConcurrency changes it.
        Assert.DoesNotContain(Race(vetx), l => l.Contains("by Compressor.AddBlock", StringComparison.Ordinal));
        Assert.Contains(Race(vetx), l => l.Contains("c.w.Written written", StringComparison.Ordinal) && l.Contains("by TunedCompressor.AddBlock", StringComparison.Ordinal));
        // A readiness flag that only goes up (a never lowers State.Ready); a.Flaky.Invalidate lowers it.
        Assert.DoesNotContain(Race(vetx), l => l.Contains("by Manager.URL", StringComparison.Ordinal));
        Assert.Contains(Race(vetx), l => l.Contains("m.st.URL written", StringComparison.Ordinal) && l.Contains("by FlakyManager.URL", StringComparison.Ordinal));
        Assert.Equal(3, Race(vetx).Count);
    }

    [Fact]
    public void ADamagedFactFileIsAClearError()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"vigil-vetx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "p.go"), "package p\n");
        var vetx = Path.Combine(dir, "dep.vetx");
        File.WriteAllBytes(vetx, Vigil.Facts.FactFile.Encode([])[..^1]); // one byte short
        var cfg = Path.Combine(dir, "vet.cfg");
        File.WriteAllText(cfg, System.Text.Json.JsonSerializer.Serialize(new
        {
            ID = "example.com/p", ImportPath = "example.com/p", Dir = dir, GoFiles = new[] { Path.Combine(dir, "p.go") },
            PackageVetx = new Dictionary<string, string> { ["example.com/dep"] = vetx }, VetxOutput = Path.Combine(dir, "p.vetx"),
        }));
        var r = CliRunner.Run(dir, ["-facts=vetx", cfg]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("corrupt vigil fact file (truncated", r.Stderr);
        Assert.DoesNotContain("Exception", r.Stderr);
        Assert.False(File.Exists(Path.Combine(dir, "p.vetx"))); // nothing written from a unit that could not read its imports
        Directory.Delete(dir, true);
    }

    [Fact]
    public void TheFactsFlagIsDescribedAndChecked()
    {
        var flags = CliRunner.Run(Path.GetTempPath(), ["-flags"]);
        Assert.Contains("\"facts\"", flags.Stdout);
        var cfg = Path.Combine(Path.GetTempPath(), $"vigil-{Guid.NewGuid():N}.cfg");
        File.WriteAllText(cfg, "{}");
        var bad = CliRunner.Run(Path.GetTempPath(), ["-facts=some", cfg]);
        File.Delete(cfg);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("-facts takes project, vetx or none", bad.Stderr);
    }

    [Theory]
    [InlineData("example.com/p", new[] { "p.go" }, "example.com/p", "example.com/p")]
    [InlineData("example.com/p", new[] { "p.go", "p_test.go" }, "example.com/p [example.com/p.test]", "example.com/p")]
    [InlineData("example.com/p_test", new[] { "x_test.go" }, "example.com/p_test [example.com/p.test]", "example.com/p")]
    [InlineData("fmt [fmt.test]", new[] { "print.go", "fmt_test.go" }, "fmt [fmt.test]", "fmt")]
    public void GoUnitsMapToVigilsPackages(string importPath, string[] files, string vigilId, string pattern)
    {
        var cfg = new Vigil.Cli.VetTool.VetConfig { ID = importPath, ImportPath = importPath, GoFiles = files.Select(f => "/src/" + f).ToList() };
        Assert.Equal((vigilId, pattern), cfg.Unit);
    }

    [Fact]
    public void OnlyTheGoCommandsArgumentsAreAVetInvocation()
    {
        Assert.True(Vigil.Cli.VetTool.VetUnit.IsVetInvocation(["-V=full"]));
        Assert.True(Vigil.Cli.VetTool.VetUnit.IsVetInvocation(["-flags"]));
        Assert.True(Vigil.Cli.VetTool.VetUnit.IsVetInvocation(["-json", "/tmp/b001/vet.cfg"]));
        Assert.False(Vigil.Cli.VetTool.VetUnit.IsVetInvocation(["check", "./..."]));
        Assert.False(Vigil.Cli.VetTool.VetUnit.IsVetInvocation(["check", "x.cfg"]));
        Assert.False(Vigil.Cli.VetTool.VetUnit.IsVetInvocation([]));
    }

    /// <summary>The findings' first lines ("file:line:col: message (check)"), sorted; not go vet's "# package" headers, traces or notes.
    /// Paths as the two print them, relative to the module ("./" dropped).</summary>
    private static List<string> Headlines(string output) =>
        output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('\t') && !l.StartsWith("vigil:", StringComparison.Ordinal))
            .Select(l => l.StartsWith("./", StringComparison.Ordinal) ? l[2..] : l)
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>This build of Vigil as the go command runs a vet tool: one executable file.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string Tool(CacheRunTests.Project p)
    {
        var tool = Path.Combine(p.Cache, "vigil-vettool");
        File.WriteAllText(tool, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "vigil.dll")}' \"$@\"\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return tool;
    }

    private static (int Exit, string Output) GoVet(CacheRunTests.Project p, string tool, params string[] flags)
    {
        var psi = new ProcessStartInfo(GoToolchain.Find().GoPath) { WorkingDirectory = p.Dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["vet", "-vettool=" + tool, .. flags, "./..."]) psi.ArgumentList.Add(a);
        psi.Environment["VIGIL_CACHE"] = p.Cache;
        psi.Environment["VIGIL_CACHE_REPORT"] = "1";
        psi.Environment["GOTOOLCHAIN"] = "local";
        using var proc = Process.Start(psi)!;
        var err = proc.StandardError.ReadToEndAsync();
        var output = proc.StandardOutput.ReadToEnd();
        proc.WaitForExit();
        return (proc.ExitCode, output + err.Result);
    }
}
