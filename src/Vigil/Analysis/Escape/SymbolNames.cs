using System.Text;
using Vigil.Semantics;

namespace Vigil.Analysis.Escape;

/// <summary>Between go/types objects and the linker symbols the compiler prints.</summary>
public static class SymbolNames
{
    /// <summary>
    /// The symbol of a function without type arguments: "p.F", "p.(*T).M",
    /// "p.T.M". Every shape instance of a generic function normalizes to it.
    /// </summary>
    public static string KeyOf(GoFunc f)
    {
        f = f.Origin;
        string pkg = f.Package?.Path ?? "";
        if (f.ReceiverNamed is { } named)
        {
            bool ptr = f.Signature.Recv!.Type!.Unalias() is GoPointer;
            return ptr ? $"{pkg}.(*{named.Obj.Name}).{f.Name}" : $"{pkg}.{named.Obj.Name}.{f.Name}";
        }
        return $"{pkg}.{f.Name}";
    }

    /// <summary>Drops type arguments: "p.Map[go.shape.int]" → "p.Map", "p.(*List[go.shape.int]).Push" → "p.(*List).Push".</summary>
    public static string Normalize(string symbol)
    {
        if (!symbol.Contains('[')) return symbol;
        var sb = new StringBuilder(symbol.Length);
        int depth = 0;
        foreach (char c in symbol)
        {
            if (c == '[') depth++;
            else if (c == ']') depth--;
            else if (depth == 0) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The symbol with its package path cut to the last element: "example.com/x/hotpath.grow" → "hotpath.grow".</summary>
    public static string Short(string symbol)
    {
        int stop = symbol.IndexOfAny(['[', '(']);
        string head = stop < 0 ? symbol : symbol[..stop];
        int slash = head.LastIndexOf('/');
        return slash < 0 ? symbol : symbol[(slash + 1)..];
    }
}
