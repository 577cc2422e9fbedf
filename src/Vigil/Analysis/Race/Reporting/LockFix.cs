using Vigil.Findings;
using Vigil.Fixes;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// The suggested fix of an access that breaks a type's lock discipline: take
/// the guarding lock for the whole method, at its top,
/// <code>
/// c.mu.Lock()
/// defer c.mu.Unlock()
/// </code>
/// (<c>RLock</c>/<c>RUnlock</c> of an RWMutex when the method writes none of the
/// receiver's fields). Offered only when it cannot deadlock or change what
/// the method means, as far as the package shows: the access is in the method's
/// own body (not a function literal or goroutine), the method takes or releases
/// no lock itself, makes no call that could take this one (a method of the
/// receiver, a function given the receiver, a function of the package when the
/// lock is package-level, a function value), does not wait (channel operations,
/// select, endless loops) or start goroutines, and is not called by code of the
/// package that takes a lock.
/// </summary>
public static class LockFix
{
    private static readonly HashSet<string> LockMethods = ["Lock", "Unlock", "RLock", "RUnlock", "TryLock", "TryRLock", "RLocker"];

    /// <param name="at">Where the lock is missing (the reported node).</param>
    /// <param name="method">The method whose body holds <paramref name="at"/>.</param>
    /// <param name="guard">The guarding lock, rooted at a receiver of the type or package-level.</param>
    /// <param name="writes">Whether the method writes fields of the receiver (an RWMutex's read side is then not enough).</param>
    public static IReadOnlyList<SuggestedFix> For(Node at, FunctionRef method, Loc guard, bool writes)
    {
        if (method.Node is not FuncDecl { Body: { } body, Recv.List: [{ Names: [{ Name: not "_" } recvName] }] } decl) return [];
        var pkg = method.Package;
        var info = pkg.Info;
        if (at.SourceFile != decl.SourceFile || at.Pos.Offset < body.Pos.Offset || at.End.Offset > body.End.Offset) return [];
        if (at.Ancestor<FuncLit>() is { } lit && lit.Pos.Offset > body.Pos.Offset) return [];
        if (info.DefOf(recvName) is not GoVar receiver || info.DefOf(decl.Name!) is not GoFunc fn) return [];
        if (LockText(guard, recvName.Name, pkg) is not { } lockExpr || MutexKind(guard) is not { } kind) return [];
        bool read = kind == "RWMutex" && !writes;
        if (TakesLocks(body) || MayBlock(body, info) || MayLock(body, receiver, guard.Root.IsPackageLevel, pkg) || CalledUnderLock(fn, pkg)) return [];
        if (FixSource.Of(decl.SourceFile) is not { } src) return [];

        var (lockCall, unlockCall) = read ? ("RLock", "RUnlock") : ("Lock", "Unlock");
        var nl = src.Newline;
        TextEdit edit;
        var first = body.List.Count > 0 ? body.List[0] : null;
        if (first is not null && src.Line(first) > src.Line(body) && src.IndentBefore(first.Pos.Offset) is { } indent)
            edit = src.Insert(src.LineStart(first.Pos.Offset), $"{indent}{lockExpr}.{lockCall}(){nl}{indent}defer {lockExpr}.{unlockCall}(){nl}");
        else if (first is not null)
        {
            // A body on the line of its brace ("{ return c.n }"): the lock goes on lines of its own, and so does the statement.
            var inner = src.LineIndent(decl.Pos.Offset) + "\t";
            edit = new TextEdit(src.File.Path, body.Pos.Offset + 1, first.Pos.Offset, $"{nl}{inner}{lockExpr}.{lockCall}(){nl}{inner}defer {lockExpr}.{unlockCall}(){nl}{inner}");
        }
        else return [];
        return [new SuggestedFix($"hold {lockExpr} in {decl.Name!.Name} ({lockExpr}.{lockCall}(); defer {lockExpr}.{unlockCall}())", [edit])];
    }

    /// <summary>The lock as the method writes it: its receiver's name and the field path, or the package-level variable.</summary>
    private static string? LockText(Loc guard, string receiver, Package pkg)
    {
        if (guard.Root.IsPackageLevel)
            return guard.Root.Package?.Path == pkg.Types?.Path && guard.Steps.All(s => s.Kind == StepKind.Field) ? guard.ToString() : null;
        if (guard.Steps.Count < 2 || guard.Steps[0].Kind != StepKind.Deref || guard.Steps.Skip(1).Any(s => s.Kind != StepKind.Field)) return null;
        return receiver + string.Concat(guard.Steps.Skip(1).Select(s => "." + s.Field!.Name));
    }

    /// <summary>"Mutex" or "RWMutex" for a lock of type sync.Mutex or sync.RWMutex; null for anything else (a Locker, a pointer).</summary>
    private static string? MutexKind(Loc guard)
    {
        var type = guard.Steps.Count > 0 ? guard.Steps[^1].Field?.Type : guard.Root.Type;
        return type?.Unalias() is GoNamed { Obj: { Package.Path: "sync", Name: "Mutex" or "RWMutex" } mutex } ? mutex.Name : null;
    }

    private static bool TakesLocks(Node body) =>
        body.Descendants().Any(n => n is CallExpr { Fun: SelectorExpr { Sel.Name: var name } } && LockMethods.Contains(name));

    /// <summary>
    /// Whether the body can wait (a channel operation, select, a loop without a condition) or starts goroutines:
    /// holding the lock across that would stall every other method (a run loop started with go would hold it forever).
    /// </summary>
    private static bool MayBlock(Node body, TypeInfo info) =>
        body.Descendants().Any(n => n is SelectStmt or SendStmt or GoStmt or ForStmt { Cond: null } or UnaryExpr { Op: Token.Arrow }
            || n is RangeStmt { X: { } x } && info.TypeOf(x)?.Underlying is GoChan or GoSignature);

    /// <summary>Whether a call of the body could take the lock (or a lock at all) while the method holds it.</summary>
    private static bool MayLock(BlockStmt body, GoVar receiver, bool packageLevel, Package pkg)
    {
        var info = pkg.Info;
        foreach (var call in body.Descendants().OfType<CallExpr>())
        {
            if (call.Fun is null || info.IsType(call.Fun)) continue; // a conversion
            var callee = Unparen(call.Fun) switch
            {
                Ident id => info.ObjectOf(id),
                SelectorExpr s => info.SelectionOf(s)?.Obj ?? (s.Sel is { } sel ? info.ObjectOf(sel) : null),
                _ => null,
            };
            if (callee is GoBuiltin) continue;
            if (callee is not GoFunc f) return true; // a function value: could be anything
            if (Mentions(call.Fun, receiver, info)) return true; // a method of the receiver or of its fields
            if (call.Args.Any(a => Mentions(a, receiver, info) && info.TypeOf(a)?.Underlying is not GoBasic)) return true;
            if (packageLevel && f.Package?.Path == pkg.Types?.Path) return true;
        }
        return false;
    }

    private static bool Mentions(Node n, GoVar v, TypeInfo info) =>
        n.Descendants().Any(x => x is Ident id && info.ObjectOf(id) == v);

    /// <summary>The method is used (called, or taken as a value) in a function of the package that takes a lock: holding the lock, it would deadlock.</summary>
    private static bool CalledUnderLock(GoFunc fn, Package pkg)
    {
        foreach (var file in pkg.Files)
            foreach (var id in file.Syntax.Descendants().OfType<Ident>())
            {
                if (id.Name != fn.Name || pkg.Info.UseOf(id) is not GoFunc used || used.Origin != fn) continue;
                Node? user = (Node?)id.Ancestor<FuncDecl>() ?? id.Ancestor<FuncLit>();
                if (user is null || TakesLocks(user)) return true;
            }
        return false;
    }
}
