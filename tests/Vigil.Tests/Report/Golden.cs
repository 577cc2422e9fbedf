using Vigil.Tests.Harness;
using Xunit;

namespace Vigil.Tests.Report;

/// <summary>Golden files under tests/Vigil.Tests/Report/golden; UPDATE_GOLDEN=1 rewrites them.</summary>
public static class Golden
{
    public static string Dir => Path.Combine(Repo.Root, "tests", "Vigil.Tests", "Report", "golden");

    /// <summary>Replaces the machine-specific repository path, so goldens hold for every clone.</summary>
    public static string Normalize(string text) =>
        text.Replace(new Uri(Repo.Root + "/").AbsoluteUri, "file://$ROOT/").Replace(Repo.Root, "$ROOT");

    public static void Check(string name, string actual)
    {
        var path = Path.Combine(Dir, name);
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Dir);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no golden file {path}; run the test with UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
            Assert.Fail($"{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it):\n" + Diff(expected, actual));
    }

    private static string Diff(string expected, string actual)
    {
        var diff = new DiffPlex.DiffBuilder.InlineDiffBuilder(new DiffPlex.Differ()).BuildDiffModel(expected, actual);
        return string.Join("\n", diff.Lines.Where(l => l.Type != DiffPlex.DiffBuilder.Model.ChangeType.Unchanged)
            .Take(40).Select(l => (l.Type == DiffPlex.DiffBuilder.Model.ChangeType.Inserted ? "+ " : "- ") + l.Text));
    }
}
