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
        var parser = new Parser();
        string? line;
        while ((line = reader.ReadLine()) is not null)
            if (line.Length == 0 || line[0] != '\t' || parser.Wants(line)) parser.Line(line);
        return parser.Result;
    }

    /// <summary>
    /// Reads the bytes as they stream from the compiler. Most of the output
    /// (megabytes for a few packages) is instructions other than calls, which
    /// are recognized on the bytes and skipped without being decoded.
    /// <paramref name="otherLine"/> receives every line that is not an
    /// instruction (package headers, symbol headers, and the go command's own
    /// messages, such as errors).
    /// </summary>
    public static List<CompiledFunction> Read(Stream stream, Action<string>? otherLine = null)
    {
        var parser = new Parser();
        var buffer = new byte[1 << 16];
        int filled = 0;
        void Line(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
            if (bytes.Length > 0 && bytes[0] == (byte)'\t')
            {
                if (!parser.Wants(bytes)) return;
                parser.Line(System.Text.Encoding.UTF8.GetString(bytes));
                return;
            }
            string line = System.Text.Encoding.UTF8.GetString(bytes);
            parser.Line(line);
            if (line.Length > 0) otherLine?.Invoke(line);
        }
        while (true)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2); // a line longer than the buffer
            int n = stream.Read(buffer, filled, buffer.Length - filled);
            if (n == 0) break;
            filled += n;
            int start = 0;
            for (int nl; (nl = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n')) >= 0; start += nl + 1)
                Line(buffer.AsSpan(start, nl));
            buffer.AsSpan(start, filled - start).CopyTo(buffer);
            filled -= start;
        }
        if (filled > 0) Line(buffer.AsSpan(0, filled));
        return parser.Result;
    }

    /// <summary>The state of a read: the package and function whose lines are being read.</summary>
    private sealed class Parser
    {
        public readonly List<CompiledFunction> Result = [];
        private string package = "";
        private CompiledFunction? current;

        /// <summary>Only the first instruction (the entry position) and calls matter.</summary>
        public bool Wants(string instruction) => current is not null && (current.Entry is null || instruction.Contains("\tCALL\t", StringComparison.Ordinal));

        public bool Wants(ReadOnlySpan<byte> instruction) => current is not null && (current.Entry is null || instruction.IndexOf("\tCALL\t"u8) >= 0);

        public void Line(string line)
        {
            if (line.StartsWith("# ", StringComparison.Ordinal)) { package = line[2..].Trim(); current = null; return; }
            if (line.Length == 0) return;
            if (line[0] != '\t')
            {
                var h = HeaderRegex().Match(line);
                if (h.Success)
                {
                    current = new CompiledFunction(Qualify(h.Groups[1].Value, package), package, h.Groups[2].Value.Split(' ').Contains("nosplit"));
                    Result.Add(current);
                }
                else current = null; // data symbols (SRODATA, SDWARF...) end the function
                return;
            }
            if (current is null) return;
            var m = InstructionRegex().Match(line);
            if (!m.Success) return;
            var pos = new SourcePos(m.Groups[1].Value, int.Parse(m.Groups[2].Value));
            current.Entry ??= pos;
            if (m.Groups[3].Value != "CALL") return;
            current.Calls.Add(new AsmCall(pos, Target(m.Groups[4].Value.Trim()) is { } t ? Qualify(t, package) : null));
        }
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
