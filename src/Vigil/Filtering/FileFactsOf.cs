using Vigil.Findings;
using Vigil.Syntax;

namespace Vigil.Filtering;

/// <summary>Computes the syntax-free <see cref="FileFacts"/> of a loaded file (for the result cache).</summary>
public static class FileFactsOf
{
    public static FileFacts Compute(SourceFile file, SourceFiles sources)
    {
        var (strict, lax) = GeneratedFiles.Markers(file);
        var functions = new List<FunctionSpan>();
        foreach (var d in file.Syntax.Decls)
            if (d is FuncDecl fd)
                functions.Add(new FunctionSpan(fd.Pos.Offset, fd.End.Offset, SourceFiles.FunctionName(fd)));
        return new FileFacts
        {
            Path = file.Path,
            Package = file.Package.Id,
            Directives = DirectiveScanner.Sites(file, sources),
            GeneratedStrict = strict,
            GeneratedLax = lax,
            Functions = functions,
        };
    }
}
