namespace Vigil.Output;

/// <summary>The output formats by name, as --format takes them.</summary>
public static class Formats
{
    public static readonly string[] Names = ["text", "json", "sarif", "checkstyle", "github", "rdjson", "codeclimate", "junit", "html"];

    /// <summary>The format named <paramref name="name"/>; text gets colour when <paramref name="color"/>.</summary>
    public static IFormat? Create(string name, bool color) => name switch
    {
        "text" => new TextFormat(color),
        "json" => new JsonFormat(),
        "sarif" => new SarifFormat(),
        "checkstyle" => new CheckstyleFormat(),
        "github" => new GitHubFormat(),
        "rdjson" => new RdjsonFormat(),
        "codeclimate" => new CodeClimateFormat(),
        "junit" => new JUnitFormat(),
        "html" => new Html.HtmlFormat(),
        _ => null,
    };
}
