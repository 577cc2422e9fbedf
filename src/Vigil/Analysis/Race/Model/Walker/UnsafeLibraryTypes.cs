using Vigil.Semantics;

namespace Vigil.Analysis.Race;

/// <summary>
/// Standard-library types documented as not safe for concurrent use, whose methods a program calls
/// without their source (dependencies are loaded from export data). A call of one of their pointer
/// methods is an access of the value it is called on: a write, unless the method only reads
/// (<c>String</c>, <c>Len</c>). So two goroutines writing one <c>bytes.Buffer</c>, or a test reading
/// the buffer a goroutine logs into, race; the same calls under a common lock do not.
/// </summary>
/// <remarks>
/// Types that synchronize inside (log.Logger, os.File, net.Conn, sync.Map, http.Client, sql.DB,
/// regexp.Regexp) are not listed: their methods may be called concurrently.
/// </remarks>
public static class UnsafeLibraryTypes
{
    private static readonly HashSet<string> Types =
    [
        "bytes.Buffer", "bytes.Reader", "strings.Builder", "strings.Reader",
        "bufio.Reader", "bufio.Writer", "bufio.Scanner", "bufio.ReadWriter",
        "math/rand.Rand", "math/rand/v2.Rand", "container/list.List", "container/ring.Ring",
        "text/tabwriter.Writer", "encoding/json.Encoder", "encoding/json.Decoder",
        "encoding/csv.Reader", "encoding/csv.Writer", "math/big.Int", "math/big.Float", "math/big.Rat",
        "hash/maphash.Hash", "flag.FlagSet",
    ];

    /// <summary>Methods that only read the value (of every listed type).</summary>
    private static readonly HashSet<string> Readers =
    [
        "String", "Len", "Cap", "Bytes", "Available", "AvailableBuffer", "Buffered", "Size", "Err", "Text",
        "Front", "Back", "Sign", "Cmp", "CmpAbs", "IsInt", "IsInf", "Int64", "Uint64", "IsInt64", "IsUint64",
        "BitLen", "Bit", "TrailingZeroBits", "Append", "Format", "Float64", "Prec", "Mode", "Acc",
        "MinPrec", "Signbit", "Num", "Denom", "Lookup", "NFlag", "NArg", "Arg", "Args", "Parsed", "Name",
        "Output", "ErrorHandling", "VisitAll", "Visit", "Sum", "Sum64",
    ];

    /// <summary>Whether calling <paramref name="method"/> accesses its receiver's value, and whether it writes it (null: no).</summary>
    public static bool? Writes(GoFunc method)
    {
        if (!method.IsMethod || method.Signature.Recv?.Type?.Unalias() is not GoPointer) return null;
        var named = method.ReceiverNamed;
        if (named?.Obj.Package is not { } pkg || !Types.Contains(pkg.Path + "." + named.Obj.Name)) return null;
        return !Readers.Contains(method.Name);
    }
}
