using System.Diagnostics;
using System.Text;

namespace Vigil.Loading;

/// <summary>
/// Loads Go packages: runs the front-end and decodes its stream while it is
/// being produced. The table delta of each chunk is decoded in stream order;
/// the package bodies (syntax and type information) decode in parallel.
/// </summary>
public static class Loader
{
    public static GoProgram Load(LoadOptions options, Action<string>? progress = null)
    {
        var go = GoToolchain.Find();
        progress?.Invoke("preparing the Go front-end");
        var frontend = FrontendCache.Ensure(go);
        if (!Directory.Exists(options.WorkingDirectory))
            throw new LoadException($"directory {options.WorkingDirectory} does not exist");

        var psi = new ProcessStartInfo(frontend)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory,
        };
        psi.ArgumentList.Add("load");
        psi.ArgumentList.Add("-C");
        psi.ArgumentList.Add(options.WorkingDirectory);
        if (!string.IsNullOrEmpty(options.Tags)) { psi.ArgumentList.Add("-tags"); psi.ArgumentList.Add(options.Tags); }
        psi.ArgumentList.Add($"-tests={(options.Tests ? "true" : "false")}");
        psi.ArgumentList.Add($"-facts={options.Facts.ToString().ToLowerInvariant()}");
        psi.ArgumentList.Add("--");
        foreach (var p in options.Patterns) psi.ArgumentList.Add(p);
        psi.Environment["VIGIL_GO"] = go.GoPath;
        psi.Environment["GOTOOLCHAIN"] = "local";

        progress?.Invoke("listing packages");
        using var proc = Process.Start(psi) ?? throw new LoadException($"could not start the front-end {frontend}");
        var stderrLines = new List<string>();
        var stderrDone = Task.Run(() =>
        {
            string? line;
            while ((line = proc.StandardError.ReadLine()) != null)
                lock (stderrLines) stderrLines.Add(line);
        });

        var tables = new StreamTables();
        var bodies = new List<Task<Package>>();
        string? fatal = null;
        bool cut = false, ended = false;
        try
        {
            var stream = new BufferedStream(proc.StandardOutput.BaseStream, 1 << 20);
            ReadHeader(stream);
            while (true)
            {
                int tag = stream.ReadByte();
                if (tag < 0) break;
                int len = checked((int)ReadUvarint(stream));
                var payload = new byte[len];
                stream.ReadExactly(payload);
                if (tag == 1)
                {
                    var r = new ByteReader(payload);
                    string schema = Encoding.UTF8.GetString(r.Bytes(r.U()));
                    if (schema != Syntax.SyntaxSchema.Text)
                        throw new StreamFormatException("the front-end's syntax schema differs from the one Vigil was built with; rebuild Vigil");
                }
                else if (tag == 2)
                {
                    var r = new ByteReader(payload);
                    DeltaDecoder.Decode(ref r, tables);
                    int start = r.Position, index = bodies.Count;
                    bodies.Add(Task.Run(() => SyntaxDecoder.DecodePackage(payload, start, tables, index)));
                    progress?.Invoke($"loading packages: {bodies.Count}");
                }
                else if (tag == 3)
                {
                    var r = new ByteReader(payload);
                    fatal = Encoding.UTF8.GetString(r.Bytes(r.U()));
                }
                else if (tag == 4) { ended = true; break; }
                else throw new StreamFormatException($"unknown record tag {tag}");
            }
        }
        catch (EndOfStreamException)
        {
            cut = true;
        }
        proc.WaitForExit();
        stderrDone.Wait();
        if (fatal != null) throw new LoadException(Explain(fatal));
        if (cut || !ended || proc.ExitCode != 0)
            throw new LoadException(FrontendExit.Describe(proc.ExitCode, cut, stderrLines));

        var packages = bodies.Select(b => b.Result).ToList();
        var warnings = stderrLines.Select(l => l.StartsWith("go list: ", StringComparison.Ordinal) ? l["go list: ".Length..] : l).ToList();
        return new GoProgram(packages, tables, warnings, options);
    }

    /// <summary>Adds what to do to go list's own messages.</summary>
    public static string Explain(string message)
    {
        if (message.Contains("go.mod file not found", StringComparison.Ordinal) || message.Contains("main module", StringComparison.Ordinal))
            return message + "\n(run Vigil inside a Go module — a directory with a go.mod file or below one — or create one with `go mod init`)";
        if (message.Contains("no such file or directory", StringComparison.Ordinal) || message.Contains("matched no packages", StringComparison.Ordinal))
            return message + "\n(the pattern matched no packages: check it; ./... means the packages below the current directory)";
        return message;
    }

    private static void ReadHeader(Stream s)
    {
        Span<byte> magic = stackalloc byte[8];
        s.ReadExactly(magic);
        if (!magic.SequenceEqual("VIGILFE\0"u8)) throw new StreamFormatException("not a Vigil front-end stream");
        ulong version = ReadUvarint(s);
        if (version != 2) throw new StreamFormatException($"stream version {version} is not supported (expected 2)");
    }

    private static ulong ReadUvarint(Stream s)
    {
        ulong x = 0;
        int shift = 0;
        while (true)
        {
            int b = s.ReadByte();
            if (b < 0) throw new EndOfStreamException();
            if (b < 0x80) return x | ((ulong)b << shift);
            x |= (ulong)(b & 0x7f) << shift;
            shift += 7;
        }
    }
}
