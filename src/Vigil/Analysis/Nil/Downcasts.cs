using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Nil;

/// <summary>
/// Checked downcasts of a receiver: a method without parameters that returns its receiver
/// reinterpreted through `unsafe.Pointer` (or a field of that view) when the receiver's own tag
/// says so, and nil otherwise:
/// `func (t *Type) MapType() *MapType { if t.Kind() != Map { return nil }; return (*MapType)(unsafe.Pointer(t)) }`.
/// Every condition in it reads only the receiver (its fields, its getters without arguments,
/// constants). Its nil answers "the receiver is not of that kind", which the caller knows from
/// where the value came from (a static type, a switch in its own caller, a `mustBe` check), as
/// with an unchecked type assertion; the result is not a nil source for callers.
/// A view of anything else than the receiver itself (`(*hdr)(unsafe.Pointer(&amp;b.data[0]))` after a
/// length check) or a getter without `unsafe` (an AST node's `AsCall()`) is not one: those
/// nils stay reported when the caller did not examine the receiver (FunctionAnalysis.StateGuards.cs).
/// </summary>
public sealed class Downcasts
{
    private readonly HashSet<string> downcasts = new(StringComparer.Ordinal);

    public Downcasts(IEnumerable<FunctionBody> bodies)
    {
        foreach (var b in bodies)
            if (b.Func is { IsMethod: true } f && f.Signature.Params.Count == 0 && f.Signature.Results.Count == 1
                && f.Signature.Results[0].Type?.Underlying is GoPointer
                && b.Decl is { Body: { } body, Recv.List: [{ Names: [var recvName] }] }
                && b.Package.Info.DefOf(recvName) is { } recv
                && new Shape(b.Package.Info, recv).Matches(body))
                downcasts.Add(f.Origin.Key);
    }

    /// <summary>True when <paramref name="f"/> is a checked downcast of its receiver.</summary>
    public bool IsDowncast(GoFunc f) => downcasts.Contains(f.Origin.Key);

    private sealed class Shape(TypeInfo info, GoObject recv)
    {
        private readonly HashSet<GoObject> views = [];
        private bool nilReturn, viewReturn;

        public bool Matches(BlockStmt body) => Block(body.List) && nilReturn && viewReturn;

        private bool Block(IEnumerable<Stmt> list) => list.All(Statement);

        private bool Statement(Stmt s) => s switch
        {
            ReturnStmt { Results: [var r] } => Return(r),
            IfStmt { Init: null, Cond: { } c } i => ReceiverOnly(c) && Block(i.Body!.List) && (i.Else is null || Statement(i.Else)),
            BlockStmt blk => Block(blk.List),
            SwitchStmt { Init: null } sw => (sw.Tag is null || ReceiverOnly(sw.Tag))
                && sw.Body!.List.OfType<CaseClause>().All(cc => cc.List.All(ReceiverOnly) && Block(cc.Body)),
            DeclStmt { Decl: GenDecl { Tok: Token.Type } } => true, // a local struct type laid over the receiver
            AssignStmt { Tok: Token.Define, Lhs: [Ident id], Rhs: [var rhs] } when View(rhs) && info.DefOf(id) is { } o => views.Add(o),
            _ => false,
        };

        private bool Return(Expr r)
        {
            r = Unparen(r);
            if (info.IsNilLiteral(r)) return nilReturn = true;
            bool view = View(r);
            viewReturn |= view;
            return view;
        }

        /// <summary>`(*T)(unsafe.Pointer(recv))`, a field of it (or of a local holding it), or that field's address.</summary>
        private bool View(Expr e)
        {
            e = Unparen(e);
            switch (e)
            {
                case UnaryExpr { Op: Token.And, X: { } x }: return Unparen(x) is SelectorExpr && View(x);
                case SelectorExpr { X: { } x }: return Unparen(x) is Ident xi && info.UseOf(xi) is { } o && views.Contains(o) || View(x);
                case CallExpr { Args: [var inner], Fun: { } fun } when info.IsType(Unparen(fun)):
                    return Unparen(inner) is CallExpr { Args: [var p], Fun: SelectorExpr { Sel.Name: "Pointer", X: Ident { Name: "unsafe" } } up }
                        && info.IsType(up) && Unparen(p) is Ident pi && info.UseOf(pi) == recv;
                default: return false;
            }
        }

        /// <summary>Constants, the receiver, its fields and its getters without arguments, through operators.</summary>
        private bool ReceiverOnly(Expr e)
        {
            if (info.ConstValue(e) is not null) return true;
            switch (Unparen(e))
            {
                case BasicLit: return true;
                case Ident id: return info.UseOf(id) is var o && (o == recv || o is GoConst);
                case SelectorExpr { X: { } x } sel: return info.UseOf(sel.Sel!) is GoConst || ReceiverOnly(x);
                case CallExpr { Args.Count: 0, Fun: SelectorExpr { X: { } x } }: return ReceiverOnly(x);
                case BinaryExpr b: return ReceiverOnly(b.X!) && ReceiverOnly(b.Y!);
                case UnaryExpr { Op: Token.Not } u: return ReceiverOnly(u.X!);
                default: return false;
            }
        }
    }

}
