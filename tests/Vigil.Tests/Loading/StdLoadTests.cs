using Vigil.Tests.Harness;

namespace Vigil.Tests.Loading;

/// <summary>All of std, with its tests, loads: every package, every file, no decode error, no type error.</summary>
public class StdLoadTests
{
    [Fact]
    public void AllOfStdLoadsWithoutErrors()
    {
        var program = TestLoads.Load(Repo.Root, ["std"]);
        Assert.True(program.Packages.Count > 300, $"only {program.Packages.Count} packages");
        var errors = program.Packages.SelectMany(p => p.Errors.Select(e => $"{p.Id}: {e}")).Take(20).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        // A package whose files all fall to build constraints (runtime/internal/wasitest here) has none.
        Assert.True(program.Packages.Count(p => p.Files.Count == 0) <= 2);
        int files = program.Packages.Sum(p => p.Files.Count);
        Assert.True(files > 2000, $"only {files} files");
        foreach (var p in program.Packages)
        {
            foreach (var f in p.Files)
            {
                Assert.NotNull(f.Syntax);
                Assert.Equal(f.Path, f.Syntax.SourceFile.Path);
                // Every node's extent lies within its file.
                Assert.True(f.Syntax.End.Offset <= f.Size, $"{f.Path}: end {f.Syntax.End.Offset} beyond size {f.Size}");
            }
        }
        var http = program.FindPackage("net/http")!;
        Assert.Contains(http.Scope, o => o.Name == "Client");
    }
}
