using System.Text.RegularExpressions;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// Methods that end a value's life by their documented contract:
///
/// <code>
/// // Release returns c to the pool. Once Release has been called, other methods must not be called.
/// func (c *Conn) Release() { ...; go func() { c.res.Destroy() }() }
///
/// // Other methods should not be called after the snapshot has been released.
/// func (snap *Snapshot) Release() { snap.mu.Lock(); snap.elem = nil; snap.mu.Unlock() }
/// </code>
///
/// Another method of the same value that overlaps such a call, or a goroutine it leaves running, is called after it
/// in some schedule, which the contract forbids: the caller must have finished every other call first. So a goroutine
/// a terminal method starts does not race with the type's other methods, nor does the terminal method's own code
/// (the lock-consistency rule's pairs). A goroutine another method started still races with the terminal method
/// (a <c>Close</c> against a running loop is a real race), and two calls of the terminal method are kept too.
/// </summary>
internal static class TerminalMethods
{
    /// <summary>The goroutine side was started by a terminal method and the other side is another method's code.</summary>
    public static bool RulesOut(RacePair pair) =>
        pair.Starter is { } starter && IsTerminal(starter) && pair.Root.Node != starter.Node;

    /// <summary>Two methods of which one is terminal (and not both the same): their calls never overlap under the contract.</summary>
    public static bool Exclusive(FunctionRef a, FunctionRef b) => a.Node != b.Node && (IsTerminal(a) || IsTerminal(b));

    private static bool IsTerminal(FunctionRef f) =>
        f.Node is FuncDecl { Recv: not null, Doc: { } doc } && Terminal.IsMatch(string.Join(" ", doc.List.Select(c => c.Text.TrimStart('/', ' '))));

    // "Once Release has been called, other methods must not be called." "Other methods should not be called after the
    // snapshot has been released." "The trace should not be used after calling this method." Not "must not be called
    // until after X" (an order before this method, not a life cycle).
    private static readonly Regex Terminal = new(
        @"\bother methods (must|should|may) not be called\b(?! until)"
        + @"|\b(must|should) not be used after calling this method\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
