namespace Vigil.Tests.Harness;

/// <summary>Where things are, relative to the repository root.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>The module of Vigil's own Go testdata (tests/testdata, module vigil.test).</summary>
    public static string Testdata => Path.Combine(Root, "tests", "testdata");

    /// <summary>The acceptance cases beside the repository (../shared/cases, module example.com/cases).</summary>
    public static string SharedCases => Path.GetFullPath(Path.Combine(Root, "..", "shared", "cases"));

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Vigil.sln"))) return d.FullName;
        throw new InvalidOperationException("cannot find the repository root (Vigil.sln) above " + AppContext.BaseDirectory);
    }
}
