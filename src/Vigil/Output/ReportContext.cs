using Vigil.Analysis;
using Vigil.Findings;

namespace Vigil.Output;

/// <summary>A check as the formats describe it: SARIF's reportingDescriptor, checkstyle's source, `vigil explain`.</summary>
public sealed record Rule(string Id, string Summary, string Doc)
{
    public static Rule Of(Analyzer a) => new(a.CheckId, a.Summary, a.Doc);

    /// <summary>The documentation after the summary line: what it finds, with examples.</summary>
    public string Body => Doc.Contains('\n') ? Doc[(Doc.IndexOf('\n') + 1)..].Trim('\n') : "";

    /// <summary>The first paragraph of the body, or the summary: SARIF's fullDescription (at most 1024 characters).</summary>
    public string FullDescription
    {
        get
        {
            var first = Body.Split("\n\n")[0].Replace('\n', ' ').Trim();
            var text = first.Length > 0 ? first : Summary;
            return text.Length <= 1024 ? text : text[..1021] + "...";
        }
    }

    /// <summary>
    /// What `vigil explain` prints and SARIF's help carries: the check's full
    /// page (docs/checks/NAME.md, embedded) when it has one, else its Doc.
    /// </summary>
    public string Explanation => CheckDocs.Page(Id) ?? (Body.Length > 0 ? $"{Id}: {Summary}\n\n{Body}\n" : $"{Id}: {Summary}\n");

    /// <summary>Where the check's page is published (SARIF's helpUri), when known.</summary>
    public string? HelpUri => CheckDocs.Url(Id);
}

/// <summary>What every format needs besides the findings.</summary>
public sealed record ReportContext
{
    public required RepoPaths Paths { get; init; }
    public required SourceFiles Sources { get; init; }
    /// <summary>The checks of this run (each enabled analyzer and vigil-directive), in documentation order.</summary>
    public required IReadOnlyList<Rule> Rules { get; init; }
    public string ToolVersion { get; init; } = "dev";
    /// <summary>When a baseline was applied: SARIF then marks each reported result as new.</summary>
    public bool BaselineApplied { get; init; }
    /// <summary>Problems of the run itself (a package that did not load, an analyzer that failed): SARIF's toolExecutionNotifications.</summary>
    public IReadOnlyList<string> ToolErrors { get; init; } = [];
    /// <summary>vigil.yaml's severity: the level each format gives a check's findings.</summary>
    public Config.Severities Severities { get; init; } = Config.Severities.Default;

    public string Level(string check) => Config.Severities.Name(Severities.Of(check));
}

/// <summary>An output format: writes all findings of a run to one destination.</summary>
public interface IFormat
{
    void Write(TextWriter w, IReadOnlyList<Finding> findings, ReportContext context);
}
