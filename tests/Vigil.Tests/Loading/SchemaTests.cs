using Vigil.Tests.Harness;

namespace Vigil.Tests.Loading;

/// <summary>The C# syntax classes are generated from go/ast by the front-end: they must be current.</summary>
public class SchemaTests
{
    [Fact]
    public void GeneratedSyntaxClassesMatchTheFrontEnd()
    {
        string generated = Frontend.Run(Repo.Root, "gen-csharp");
        string checkedIn = File.ReadAllText(Path.Combine(Repo.Root, "src", "Vigil", "Syntax", "Nodes.g.cs"));
        Assert.True(generated == checkedIn,
            "src/Vigil/Syntax/Nodes.g.cs is stale: run scripts/gen-syntax.sh and commit the result");
    }

    [Fact]
    public void SchemaTextMatchesTheFrontEnd()
    {
        Assert.Equal(Vigil.Syntax.SyntaxSchema.Text, Frontend.Run(Repo.Root, "schema"));
    }
}
