using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>An operand whose address is the first argument of a sync/atomic function (<c>atomic.AddInt64(&amp;x, 1)</c>).</summary>
internal static class AtomicOperand
{
    /// <summary>
    /// Null when <paramref name="operand"/> is not the <c>&amp;x</c> argument of a sync/atomic function; else whether
    /// the function writes it (everything but the Load functions).
    /// </summary>
    public static bool? Writes(Node operand, TypeInfo info) =>
        operand.Parent is UnaryExpr { Op: Token.And } addr && addr.Parent is CallExpr { Fun: SelectorExpr { Sel: { } fn } } call
        && call.Args.Count > 0 && call.Args[0] == addr && info.ObjectOf(fn) is GoFunc { IsMethod: false, Package.Path: "sync/atomic" } f
            ? !f.Name.StartsWith("Load", StringComparison.Ordinal)
            : null;
}
