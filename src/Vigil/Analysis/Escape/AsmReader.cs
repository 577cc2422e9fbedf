using System.Text.RegularExpressions;

namespace Vigil.Analysis.Escape;

/// <summary>
/// Reads <c>go build -gcflags=-S</c> output: a "# importpath" header per
/// package, then per function a header "SYMBOL STEXT [flags] size=..." and
/// instruction lines "\t0x0015 00021 (/full/path/file.go:24)\tCALL\truntime.newobject(SB)".
/// Only CALL instructions and the nosplit flag matter for escapes. Positions
/// are innermost: code inlined from a callee carries the callee's file and line.
/// </summary>
public static partial class AsmReader
{
    public static List<CompiledFunction> Read(TextReader reader)
    {
        var result = new List<CompiledFunction>();
        string package = "";
        CompiledFunction? current = null;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.StartsWith("# ", StringComparison.Ordinal)) { package = line[2..].Trim(); current = null; continue; }
            if (line.Length == 0) continue;
            if (line[0] != '\t')
            {
                var h = HeaderRegex().Match(line);
                if (h.Success)
                {
                    current = new CompiledFunction(Qualify(h.Groups[1].Value, package), package, h.Groups[2].Value.Split(' ').Contains("nosplit"));
                    result.Add(current);
                }
                else current = null; // data symbols (SRODATA, SDWARF...) end the function
                continue;
            }
            // Only the first instruction (the entry position) and calls matter: skip the rest without a regex.
            if (current is null || (current.Entry is not null && !line.Contains("\tCALL\t", StringComparison.Ordinal))) continue;
            var m = InstructionRegex().Match(line);
            if (!m.Success) continue;
            var pos = new SourcePos(m.Groups[1].Value, int.Parse(m.Groups[2].Value));
            current.Entry ??= pos;
            if (m.Groups[3].Value != "CALL") continue;
            current.Calls.Add(new AsmCall(pos, Target(m.Groups[4].Value.Trim()) is { } t ? Qualify(t, package) : null));
        }
        return result;
    }

    /// <summary>
    /// Symbols of a command are named "main.F" whatever its import path; they
    /// are renamed "importpath.F" so that two commands compiled together do
    /// not collide and keys match go/types objects.
    /// </summary>
    internal static string Qualify(string symbol, string package) =>
        package.Length > 0 && package != "main" && symbol.StartsWith("main.", StringComparison.Ordinal) ? package + symbol[4..] : symbol;

    /// <summary>"runtime.newobject(SB)" → "runtime.newobject"; a register or memory operand → null (indirect).</summary>
    internal static string? Target(string operand)
    {
        if (!operand.EndsWith("(SB)", StringComparison.Ordinal)) return null;
        string sym = operand[..^4];
        int plus = sym.LastIndexOf('+');
        if (plus > 0 && sym[(plus + 1)..].All(char.IsDigit)) sym = sym[..plus];
        // ABI wrappers: "runtime.morestack_noctxt.abi0".
        if (sym.EndsWith(".abi0", StringComparison.Ordinal)) sym = sym[..^5];
        return sym;
    }

    // Symbol names of generic instances contain spaces ("F[go.shape.struct { X int }]"): take everything before " STEXT".
    [GeneratedRegex(@"^(.+?) STEXT((?: \S+)*)$")]
    private static partial Regex HeaderRegex();

    [GeneratedRegex(@"^\t0x[0-9a-f]+ \d+ \((.+):(\d+)\)\t([A-Z0-9.]+)(?:\t(.*))?$")]
    private static partial Regex InstructionRegex();
}
