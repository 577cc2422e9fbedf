using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Types whose methods are written for a nil receiver: most of their pointer methods
/// start with `if e == nil { return ... }` (a logger's disabled `*Event`, an optional
/// config, a tree's empty node). Callers are then entitled to call any method on a nil
/// value, so a method of such a type that uses its receiver without that check
/// panics on a value its siblings accept:
///
/// <code>
/// func (e *Event) Str(k, v string) *Event { if e == nil { return e }; ... }
/// func (e *Event) Discard() *Event { e.level = Disabled; return nil } // e may be nil here
/// </code>
///
/// The evidence is the type's own code: at least <see cref="MinChecked"/> methods, and at
/// least half of its pointer methods, check the receiver first. A type with one or two
/// defensive checks makes no such promise.
/// </summary>
public sealed class NilReceivers
{
    /// <summary>The fewest methods that must check their receiver first for the type to promise nil-safety.</summary>
    public const int MinChecked = 3;

    private readonly Dictionary<GoNamed, (int Checked, int Total)> counts = [];

    public NilReceivers(IEnumerable<FunctionBody> bodies)
    {
        foreach (var b in bodies)
        {
            // Generated code follows its generator's conventions (protobuf getters test `m != nil`,
            // while Reset on a nil message panics by design): it neither promises nor is reported.
            if (b.Func is not { IsMethod: true } f || b.Decl.Body is null || b.Decl.SourceFile.IsTest
                || Vigil.Filtering.GeneratedFiles.IsGenerated(b.Decl.SourceFile, Vigil.Config.GeneratedMode.Lax)) continue;
            if (f.Signature.Recv?.Type?.Underlying is not GoPointer || f.ReceiverNamed is not { } named) continue;
            if (b.Decl.Recv?.List is not [{ Names: [var recv] }] || recv.Name == "_") continue;
            var (c, t) = counts.GetValueOrDefault(named);
            counts[named] = (c + (ChecksFirst(b.Decl.Body, recv.Name) ? 1 : 0), t + 1);
        }
    }

    /// <summary>
    /// The body starts by returning when the receiver is nil (`if e == nil { return e }`,
    /// `if e == nil || e.done { return }`): a nil receiver is a no-op by design.
    /// </summary>
    private static bool ChecksFirst(BlockStmt body, string recv) =>
        body.List is [IfStmt { Cond: { } cond, Body.List: [.., ReturnStmt] }, ..] && Tests(cond, recv);

    private static bool Tests(Expr e, string recv) => e switch
    {
        ParenExpr p => Tests(p.X!, recv),
        BinaryExpr { Op: Token.LOr, X: { } l, Y: { } r } => Tests(l, recv) || Tests(r, recv),
        BinaryExpr { Op: Token.Eql, X: Ident { Name: var x }, Y: Ident { Name: "nil" } } => x == recv,
        _ => false,
    };

    /// <summary>
    /// For an exported pointer method of a type that promises nil-safety: how many of its
    /// pointer methods check the receiver first, and how many there are; else null.
    /// </summary>
    public (int Checked, int Total)? Promised(GoFunc method)
    {
        // Decoders (encoding/json, YAML, encoding.TextUnmarshaler...) call Unmarshal* on a target
        // they own, never on a nil pointer: only the marshal side meets a nil field.
        if (method.Name.StartsWith("Unmarshal", StringComparison.Ordinal)) return null;
        if (!method.Exported || method.Signature.Recv?.Type?.Underlying is not GoPointer || method.ReceiverNamed is not { } named || !counts.TryGetValue(named, out var c)) return null;
        return c.Checked >= MinChecked && 2 * c.Checked >= c.Total ? c : null;
    }
}
