using Vigil.Findings;

namespace Vigil.Output;

/// <summary>
/// Each finding's stable key in a report (SARIF's vigilKey/v1, Code Climate's
/// fingerprint): Fingerprints.VigilKeyBase, numbered by occurrence in output
/// order so that findings sharing check, file, function and message differ.
/// </summary>
internal sealed class FindingKeys(ReportContext context)
{
    private readonly Dictionary<string, int> seen = new(StringComparer.Ordinal);

    public string Next(Finding f)
    {
        var function = f.Function ?? context.Sources.EnclosingFunction(f.Location);
        var key = Fingerprints.VigilKeyBase(f.Check, context.Paths.Relative(f.Location.Path), function, f.Message);
        seen[key] = seen.GetValueOrDefault(key) + 1;
        return $"{key}:{seen[key]}";
    }
}
