using Xunit;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Flow;

/// <summary>Compares output with a file under tests/Vigil.Tests/Flow/golden; UPDATE_GOLDEN=1 rewrites the files instead.</summary>
public static class Golden
{
    public static string Dir => Path.Combine(Repo.Root, "tests", "Vigil.Tests", "Flow", "golden");

    public static void Check(string name, string actual)
    {
        var path = Path.Combine(Dir, name);
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Dir);
            File.WriteAllText(path, actual);
            return;
        }
        if (!File.Exists(path)) Assert.Fail($"golden file {path} is missing; run the test with UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == actual) return;
        var diff = new InlineDiffBuilder(new DiffPlex.Differ()).BuildDiffModel(expected, actual);
        var lines = new List<string> { $"{name} differs from the golden file (- golden, + actual; UPDATE_GOLDEN=1 to accept):" };
        foreach (var l in diff.Lines)
            if (l.Type is ChangeType.Inserted or ChangeType.Deleted)
                lines.Add((l.Type == ChangeType.Inserted ? "+ " : "- ") + l.Text);
        Assert.Fail(string.Join("\n", lines.Take(200)));
    }
}
