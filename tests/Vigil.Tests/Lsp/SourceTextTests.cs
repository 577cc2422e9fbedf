using System.Text;
using Vigil.Cli.Lsp.Protocol;
using Vigil.Cli.Lsp.Server;

namespace Vigil.Tests.Lsp;

/// <summary>Vigil's positions (1-based lines, byte columns) as LSP's (0-based lines, UTF-16 code units).</summary>
public sealed class SourceTextTests
{
    // "€" is 3 bytes and 1 UTF-16 unit; "𝔊" is 4 bytes and 2 UTF-16 units (a surrogate pair).
    private static readonly SourceText Text = new(Encoding.UTF8.GetBytes("package p\n\nvar s = \"€𝔊\" + x.Name\r\nvar t = 1"));

    [Fact]
    public void ByteColumnsAfterMultiByteCharactersBecomeUtf16Offsets()
    {
        var line = "var s = \"€𝔊\" + x.Name";
        int bytes = Encoding.UTF8.GetByteCount(line[..line.IndexOf("x.Name", StringComparison.Ordinal)]);
        Assert.Equal(new Position(2, line.IndexOf("x.Name", StringComparison.Ordinal)), Text.At(3, bytes + 1));
        Assert.Equal(new Position(0, 0), Text.At(1, 1));
    }

    [Fact]
    public void OffsetsAndColumnsAgree()
    {
        int offset = Text.Offset(3, 21);
        Assert.Equal(Text.At(3, 21), Text.AtOffset(offset));
        Assert.Equal(new Position(3, 9), Text.AtOffset(int.MaxValue)); // clamped to the end of the file
    }

    [Fact]
    public void PositionsPastALineStopAtItsEndBeforeCarriageReturn()
    {
        Assert.Equal(new Position(2, "var s = \"€𝔊\" + x.Name".Length), Text.At(3, 500));
        Assert.Equal("var s = \"€𝔊\" + x.Name", Text.Line(2));
    }

    [Fact]
    public void ATokenEndsAfterAnOperandsSelectorChainAFieldNameOrOneCharacter()
    {
        int x = Text.Offset(3, Encoding.UTF8.GetByteCount("var s = \"€𝔊\" + ") + 1);
        Assert.Equal(x + 6, Text.TokenEnd(x)); // "x.Name"
        Assert.Equal(x + 2, Text.TokenEnd(x + 1)); // "." alone
        Assert.Equal(x + 6, Text.TokenEnd(x + 2)); // "Name" after the dot: the name alone
        var chain = SourceText.Of("s.mu.count = o.Customer.Name");
        Assert.Equal("s.mu.count".Length, chain.TokenEnd(0)); // a race's variable: the whole selector
        int field = "s.mu.count = o.".Length;
        Assert.Equal(field + "Customer".Length, chain.TokenEnd(field)); // a nil's field: the name
        int quote = Text.Offset(3, Encoding.UTF8.GetByteCount("var s = ") + 1);
        Assert.Equal(quote + 1, Text.TokenEnd(quote)); // one character
        Assert.Equal(quote + 1 + 7, Text.TokenEnd(quote + 1)); // "€𝔊": non-ASCII runs count as words (Go names may hold letters of any script)
    }
}
