using System.Text.Json;
using Vigil.Analysis;
using Xunit;

namespace Vigil.Tests.Report;

/// <summary>
/// Each finding says what to do (Finding.Advice), chosen from what the check
/// knows: for a nil, where it comes from; for a race, the lock the other
/// access holds; for an escape, the reason and the function's promise. It is
/// the last line in text, "advice" in JSON and a paragraph of the SARIF
/// message, and never part of the message itself.
/// </summary>
public class AdviceTests
{
    private const string Code = """
        package a

        import "sync"

        type User struct{ Name string }

        var users = map[string]*User{}

        // Lookup finds a user; nil when there is none.
        func Lookup(id string) *User {
        	if u, ok := users[id]; ok {
        		return u
        	}
        	return nil
        }

        func Greet(id string) string {
        	if Lookup("root") == nil {
        		return ""
        	}
        	u := Lookup(id)
        	return u.Name
        }

        func Checked(id string) string {
        	v := users[id]
        	name := v.Name
        	if v == nil {
        		return ""
        	}
        	return name
        }

        type Counter struct {
        	mu sync.Mutex
        	n  int
        }

        func (c *Counter) Inc() {
        	c.mu.Lock()
        	c.n++
        	c.mu.Unlock()
        }

        func (c *Counter) Peek() int { return c.n }

        func Run(c *Counter) {
        	go c.Inc()
        	go c.Inc()
        	_ = c.Peek()
        }
        """;

    private static CliResult Check(TempModule m, params string[] args) =>
        CliRunner.Run(m.Dir, Registry.Checks, ["check", "--checks", "nil,race", .. args, "./..."]);

    [Fact]
    public void TextEndsEachFindingWithWhatToDo()
    {
        using var m = new TempModule(git: false);
        m.Write("a/a.go", Code);
        var r = Check(m);
        Assert.True(r.Exit == 1, r.ToString());
        var findings = Blocks(r.Stdout);
        var returned = Assert.Single(findings, b => b[0].Contains("u may be nil here"));
        Assert.Equal("\tto fix: check u != nil before this, or make a.Lookup never return nil; if it cannot be nil here, say why: //nolint:vigil-nil // reason", returned[^1]);
        var checkedAfter = Assert.Single(findings, b => b[0].Contains("v may be nil here"));
        Assert.StartsWith("\tto fix: move the nil check of v before this dereference", checkedAfter[^1]);
        var race = Assert.Single(findings, b => b[0].Contains("data race: c.n read without holding c.mu"));
        Assert.Equal("\tto fix: hold c.mu around this access, as the other access does", race[^1]);
        // The advice line has no position: a problem matcher sees one line per finding.
        Assert.All(findings, b => Assert.DoesNotMatch(@"^\s*\S+\.go:\d+", b[^1]));
    }

    [Fact]
    public void JsonAndSarifCarryTheAdviceOutsideTheMessage()
    {
        using var m = new TempModule(git: false);
        m.Write("a/a.go", Code);
        using var json = JsonDocument.Parse(Check(m, "--format", "json").Stdout);
        var all = json.RootElement.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).SelectMany(c => c.Value.EnumerateArray()).ToList();
        Assert.NotEmpty(all);
        Assert.All(all, f =>
        {
            Assert.Contains(f.GetProperty("advice").GetString()!.Split(' ')[0], (string[])["check", "use", "move", "receive", "give", "hold", "access", "guard", "pass", "this"]);
            Assert.DoesNotContain("to fix", f.GetProperty("message").GetString());
        });

        using var sarif = JsonDocument.Parse(Check(m, "--format", "sarif").Stdout);
        var texts = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(x => x.GetProperty("message").GetProperty("text").GetString()!).ToList();
        Assert.Contains(texts, t => t.Contains("\nTo fix: hold c.mu around this access", StringComparison.Ordinal));
    }

    /// <summary>The findings of text output, each as its lines (the first is the finding's own).</summary>
    private static List<string[]> Blocks(string stdout)
    {
        var blocks = new List<List<string>>();
        foreach (var line in stdout.Split('\n').Where(l => l.Length > 0))
        {
            if (!line.StartsWith('\t')) blocks.Add([]);
            blocks[^1].Add(line);
        }
        return blocks.Select(b => b.ToArray()).ToList();
    }
}
