using System.Text;
using System.Xml;

namespace Vigil.Output;

/// <summary>The XML formats' common frame: an XML declaration, two-space indentation, "\n" line ends on every platform, newlines in attributes kept as entities.</summary>
internal static class XmlReport
{
    public static void Write(TextWriter output, Action<XmlWriter> body)
    {
        var sb = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", OmitXmlDeclaration = true, NewLineHandling = NewLineHandling.Entitize };
        using (var w = XmlWriter.Create(sb, settings)) body(w);
        output.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        output.Write(sb.ToString().Replace("\r\n", "\n"));
        output.Write('\n');
    }
}
