using Xunit;
using Vigil.Loading;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Flow;

/// <summary>The Go packages under tests/testdata/flow, loaded once.</summary>
public static class FlowTestData
{
    public static GoProgram Load(string pattern) => TestLoads.Load(Repo.Testdata, [pattern]);

    /// <summary>The package with this import path, preferring its test variant (which has the _test.go functions too).</summary>
    public static (GoProgram, Package) Package(string path)
    {
        // The package with the packages below it, so that their functions are loaded from source too.
        var program = Load("./" + path.Replace("vigil.test/", "") + "/...");
        var pkg = program.Packages.FirstOrDefault(p => p.Path == path && p.ForTest == path)
                  ?? program.Packages.First(p => p.Path == path);
        Assert.Empty(pkg.Errors);
        return (program, pkg);
    }
}
