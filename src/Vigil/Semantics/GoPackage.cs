namespace Vigil.Semantics;

/// <summary>A package as go/types names it (types.Package): a path and a name.</summary>
public sealed class GoPackage
{
    internal GoPackage(string path, string name) { Path = path; Name = name; }
    public string Path { get; }
    public string Name { get; }
    public override string ToString() => Path;
}
