using Vigil.Dump;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Loading;

/// <summary>
/// For every identifier, the C# model must say what go/types says: the same
/// role, object kind and type string. The front-end renders its own view
/// (-debug=types); `vigil dump types` renders the C# model; they must agree.
/// </summary>
public class TypesDumpTests
{
    public static TheoryData<string> CasePackages => new() { "./race/lockset", "./race/capture", "./nil/ifacenil", "./nil/closedchan", "./escape/hotpath" };

    [SharedCasesTheory]
    [MemberData(nameof(CasePackages))]
    public void SharedCasesAgreeWithGoTypes(string pattern) => Compare(Repo.SharedCases, pattern);

    public static TheoryData<string> StdPackages => new() { "fmt", "net/http", "go/types", "sync", "slices", "maps", "iter" };

    [Theory]
    [MemberData(nameof(StdPackages))]
    public void StdPackagesAgreeWithGoTypes(string pattern) => Compare(Repo.Root, pattern);

    [Fact]
    public void GenericsAndEdgeFormsAgreeWithGoTypes() => Compare(Repo.Testdata, "./loading/typeforms");

    private static void Compare(string dir, string pattern)
    {
        // The matched packages only: what this compares is Vigil's decoding of them with go/types.
        string expected = Frontend.Run(dir, "load", "-facts=none", "-debug=types", "--", pattern);
        var program = TestLoads.Load(dir, [pattern], facts: Vigil.Loading.FactScope.None);
        var sw = new StringWriter();
        foreach (var pkg in program.Packages) TypesDump.Write(sw, pkg);
        var exp = expected.Split('\n');
        var act = sw.ToString().Replace("\r\n", "\n").Split('\n');
        Assert.True(exp.Length > 10, "the dump is suspiciously short");
        for (int i = 0; i < Math.Min(exp.Length, act.Length); i++)
            if (exp[i] != act[i])
                Assert.Fail($"line {i + 1} differs:\n go/types: {exp[i]}\n Vigil:    {act[i]}");
        Assert.Equal(exp.Length, act.Length);
    }
}
