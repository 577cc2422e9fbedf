using System.Security.Cryptography;
using System.Text;
using Vigil.Flow.Summaries;

namespace Vigil.Facts;

/// <summary>One package's facts in a fact file: its import path, its project (whose dependents may use them) and the encoded facts.</summary>
/// <remarks>
/// The facts are encoded with a string table of their own (<see cref="SummaryWriter.Interning"/>): a section is
/// copied from an import's file into its dependents' files as it is, without decoding it.
/// </remarks>
public sealed record FactSection(string Package, string Project, ReadOnlyMemory<byte> Data)
{
    public static FactSection Of(string package, string project, PackageFacts facts)
    {
        var w = SummaryWriter.Interning();
        facts.Write(w);
        return new(package, project, w.ToArray());
    }

    public PackageFacts Decode() => PackageFacts.Read(SummaryReader.Interned(Data));
}

/// <summary>
/// The file a go vet unit writes to VetxOutput and its dependents read from
/// PackageVetx: a header line "vigil-facts 2 BUILD SHA256 LENGTH" and the payload,
/// the sections of the package and of every package it imports, directly or not
/// (the go command hands a unit only its direct imports' files). A file that is
/// truncated, corrupt or written by another build of Vigil is refused with a clear
/// error (<see cref="InvalidDataException"/>), never half-read.
/// </summary>
public static class FactFile
{
    private const string Magic = "vigil-facts 2";

    /// <summary>The build the facts were computed by: another build may summarize differently.</summary>
    public static string Build { get; } = typeof(FactFile).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public static byte[] Encode(IEnumerable<FactSection> sections)
    {
        var w = new SummaryWriter();
        w.WriteList(sections.OrderBy(s => s.Package, StringComparer.Ordinal).ToList(),
            (w, s) => { w.WriteString(s.Package); w.WriteString(s.Project); w.WriteBytes(s.Data.Span); });
        var payload = w.ToArray();
        var header = Encoding.ASCII.GetBytes($"{Magic} {Build} {Convert.ToHexStringLower(SHA256.HashData(payload))} {payload.Length}\n");
        return [.. header, .. payload];
    }

    /// <summary>The sections of a fact file's bytes; <paramref name="name"/> names the file in errors.</summary>
    public static IReadOnlyList<FactSection> Decode(byte[] bytes, string name)
    {
        int nl = Array.IndexOf(bytes, (byte)'\n');
        if (nl < 0 || nl > 256) throw Corrupt(name, "no header");
        var header = Encoding.ASCII.GetString(bytes, 0, nl).Split(' ');
        if (header.Length != 5 || $"{header[0]} {header[1]}" != Magic) throw Corrupt(name, "not a vigil fact file");
        if (header[2] != Build) throw new InvalidDataException($"{name}: facts written by another build of vigil (clean the go build cache: go clean -cache)");
        var payload = new ReadOnlyMemory<byte>(bytes, nl + 1, bytes.Length - nl - 1);
        if (!int.TryParse(header[4], out int length) || length != payload.Length) throw Corrupt(name, "truncated, or longer than written");
        if (Convert.ToHexStringLower(SHA256.HashData(payload.Span)) != header[3]) throw Corrupt(name, "checksum mismatch");
        try
        {
            var r = new SummaryReader(payload);
            var sections = r.ReadList(r => new FactSection(r.ReadString(), r.ReadString(), r.ReadBytes()));
            if (!r.AtEnd) throw new FormatException("data after the sections");
            return sections;
        }
        catch (FormatException e) { throw Corrupt(name, e.Message); }
    }

    public static IReadOnlyList<FactSection> Read(string path) => Decode(File.ReadAllBytes(path), path);

    /// <summary>Writes atomically (a unique temporary file renamed into place): a reader never sees half a file.</summary>
    public static void Write(string path, IEnumerable<FactSection> sections)
    {
        var tmp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(tmp, Encode(sections));
        File.Move(tmp, path, overwrite: true);
    }

    private static InvalidDataException Corrupt(string name, string why) =>
        new($"{name}: corrupt vigil fact file ({why}); clean the go build cache (go clean -cache) and run again");
}
