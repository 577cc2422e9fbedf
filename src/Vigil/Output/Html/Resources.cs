namespace Vigil.Output.Html;

/// <summary>The report's style and script, embedded in the library (report.css, report.js beside this file).</summary>
internal static class Resources
{
    public static string Css => Read("html/report.css");
    public static string Js => Read("html/report.js");

    private static string Read(string name)
    {
        using var stream = typeof(Resources).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the HTML report's {name} is not embedded in {typeof(Resources).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
