using System.Text.Json;
using Xunit;

namespace Vigil.Tests.Report;

/// <summary>`vigil baseline write` and `vigil check --baseline` on a temporary module.</summary>
public class BaselineTests
{
    private const string Code = "package r\n\nfunc bad(args ...any) {}\n\nfunc F() {\n\tbad(1)\n\tbad(2)\n}\n\nfunc G() {\n\tbad()\n}\n";

    private static (TempModule M, string Baseline) Written()
    {
        var m = new TempModule();
        m.Write("r.go", Code);
        m.Commit("code");
        var baseline = Path.Combine(m.Dir, "vigil-baseline.json");
        var w = CliRunner.Run(m.Dir, "baseline", "write", baseline, "./...");
        Assert.True(w.Exit == 0, w.ToString());
        Assert.Contains("wrote 3 finding(s) as 2 entries", w.Stderr);
        return (m, baseline);
    }

    [Fact]
    public void WriteRecordsKeysWithoutLineNumbers()
    {
        var (m, baseline) = Written();
        using var _ = m;
        using var doc = JsonDocument.Parse(File.ReadAllText(baseline));
        Assert.Equal(1, doc.RootElement.GetProperty("version").GetInt32());
        var entries = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(e => $"{e.GetProperty("check").GetString()} {e.GetProperty("file").GetString()} {e.GetProperty("function").GetString()} {e.GetProperty("message").GetString()} x{e.GetProperty("count").GetInt32()}")
            .ToList();
        Assert.Equal(["vigil-bad r.go F call to bad x2", "vigil-bad r.go G call to bad x1"], entries);
        Assert.DoesNotContain("\"line\"", File.ReadAllText(baseline));
    }

    [Fact]
    public void KnownFindingsAreHiddenEvenAfterCodeMoves()
    {
        var (m, baseline) = Written();
        using var _ = m;
        var r = m.Check("--baseline", baseline);
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal("", r.Stdout);

        m.Write("r.go", Code.Replace("package r\n", "package r\n\n// Lines inserted above move every finding down.\n\n"));
        r = m.Check("--baseline", baseline);
        Assert.True(r.Exit == 0, r.ToString());
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void NewFindingsAreReportedAndMarkedNewInSarif()
    {
        var (m, baseline) = Written();
        using var _ = m;
        m.Write("r.go", Code.Replace("\tbad(2)\n", "\tbad(2)\n\tbad(3)\n") + "\nfunc H() {\n\tbad()\n}\n");
        var r = m.Check("--baseline", baseline);
        Assert.True(r.Exit == 1, r.ToString());
        // One more in F than recorded (the last one in order), and H's.
        Assert.Equal(["./r.go:8:2: call to bad (vigil-bad)", "./r.go:16:2: call to bad (vigil-bad)"],
            r.Stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('\t')));

        var sarif = m.Check("--baseline", baseline, "--format", "sarif");
        using var doc = JsonDocument.Parse(sarif.Stdout);
        var states = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(x => x.GetProperty("baselineState").GetString());
        Assert.Equal(["new", "new"], states);
    }

    [Fact]
    public void StaleEntriesAreListed()
    {
        var (m, baseline) = Written();
        using var _ = m;
        m.Write("r.go", Code.Replace("\tbad(2)\n", "").Replace("func G() {\n\tbad()\n}\n", "func G() {}\n"));
        var r = m.Check("--baseline", baseline);
        Assert.True(r.Exit == 0, r.ToString());
        var stale = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([
            "vigil: stale baseline entry (1 fewer finding than recorded): r.go: F: call to bad (vigil-bad); rewrite the baseline with 'vigil baseline write'",
            "vigil: stale baseline entry (1 fewer finding than recorded): r.go: G: call to bad (vigil-bad); rewrite the baseline with 'vigil baseline write'",
        ], stale);
    }

    [Fact]
    public void UnreadableBaselineIsAnError()
    {
        using var m = new TempModule();
        m.Write("r.go", Code);
        File.WriteAllText(Path.Combine(m.Dir, "b.json"), "{\"version\": 7, \"findings\": []}");
        var r = m.Check("--baseline", "b.json");
        Assert.Equal(2, r.Exit);
        Assert.Contains("not a Vigil baseline of version 1", r.Stderr);
        r = m.Check("--baseline", "missing.json");
        Assert.Equal(2, r.Exit);
        Assert.Contains("cannot read the baseline", r.Stderr);
    }
}
