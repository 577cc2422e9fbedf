using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;
using static Vigil.Syntax.Parens;

namespace Vigil.Analysis.Race;

/// <summary>
/// A lock wrapper that can be switched off: <c>func (mw *MutexWrap) Lock() { if !mw.disabled { mw.lock.Lock() } }</c>
/// (logrus's <c>MutexWrap</c>, whose <c>SetNoLock</c> is for loggers used by one goroutine). The solver joins the two
/// ways out of the <c>if</c> and finds the lock not held at exit, so callers locking through the wrapper looked
/// unlocked. The switch is a mode chosen when the value is set up; where locking is on, the wrapper takes the lock for
/// its caller, and where it is off the program promised not to share the value: callers count the lock as held.
/// (The matching <c>Unlock</c> wrapper already releases the caller's lock: an unlock is recorded on any path.)
/// </summary>
internal sealed partial class FunctionWalker
{
    /// <summary>The lock the function takes for its caller when its whole body is <c>if cond { x.Lock() }</c>, or null.</summary>
    private HeldLock? OptionalLockTaken()
    {
        if (fn.Body is not { List: [IfStmt { Init: null, Else: null, Body.List: [ExprStmt { X: CallExpr call }] }] }) return null;
        if (Unparen(call.Fun) is not SelectorExpr s || info.SelectionOf(s) is not { Kind: SelectionKind.MethodVal, Obj: GoFunc f } sel) return null;
        var kind = SyncApi.Classify(f);
        if (kind is not (ApiKind.Lock or ApiKind.RLock)) return null;
        bool was = emit;
        emit = false;
        try { return Object(s.X, sel) is { } mutex ? new HeldLock(mutex, kind == ApiKind.RLock) : null; }
        finally { emit = was; }
    }
}
