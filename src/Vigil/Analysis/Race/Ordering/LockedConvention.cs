using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// The Go convention that a method named <c>fooLocked</c> is called with its receiver's lock held
/// (<c>func (db *DB) startCleanerLocked()</c>: "db.mu must be held"), or whose doc comment says so. The lock is the receiver's mutex field:
/// its only <c>sync.Mutex</c>/<c>sync.RWMutex</c> field, or the one named <c>mu</c> when there are several.
/// The method's own analysis takes it as held (the write side); where the method is inlined into a caller, or started
/// as a goroutine, the caller's real locks replace it, so a caller that forgets the lock is still reported.
/// </summary>
internal static class LockedConvention
{
    /// <summary>The locks a function may assume held on entry (empty unless it is a pointer method named *Locked).</summary>
    public static IReadOnlyList<HeldLock> AssumedHeld(FunctionRef fn)
    {
        if (fn.Node is not FuncDecl { Name: { } name, Recv.List: [{ Names: [var recvName] }] } fd)
            return [];
        bool byName = name.Name.Length > "Locked".Length && name.Name.EndsWith("Locked", StringComparison.Ordinal);
        if (!byName && !SaysLockHeld(fd.Doc)) return [];
        if (fn.Package.Info.DefOf(recvName) is not GoVar recv || recv.Type?.Unalias() is not GoPointer { Elem: var elem }
            || elem.Underlying is not GoStruct st)
            return [];
        var mutexes = st.Fields.Where(f => IsMutex(f.Type)).ToList();
        var mu = mutexes.Count == 1 ? mutexes[0] : mutexes.FirstOrDefault(f => f.Name == "mu");
        return mu is null ? [] : [new HeldLock(Loc.Of(recv).Deref().Field(mu), ReadOnly: false, Assumed: true)];
    }

    /// <summary>
    /// The same convention written in the doc comment: "Lock should be held", "c.mu must be held", "The caller must
    /// hold the lock", "must be called with mu held", "Lock is assumed held upon entering" (not "must not be held").
    /// </summary>
    private static bool SaysLockHeld(CommentGroup? doc) =>
        doc is not null && saysLockHeld.GetValue(doc, d => SaysLockHeldUncached(d) ? True : False) == True;

    // A function's summary is computed at several depth budgets: its doc comment is read once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CommentGroup, object> saysLockHeld = new();
    private static readonly object True = true, False = false;

    private static bool SaysLockHeldUncached(CommentGroup doc)
    {
        var text = string.Join(" ", doc.List.Select(c => c.Text));
        return LockHeld.IsMatch(text) && !NotHeld.IsMatch(text);
    }

    private static readonly System.Text.RegularExpressions.Regex LockHeld = new(
        @"\b(lock|mu|mutex|\w+mu)\b[^.]{0,20}\b(is|should be|must be|is assumed)\s+held|caller must hold|must be called with\b[^.]{0,30}\bheld|called (while|with) holding",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly System.Text.RegularExpressions.Regex NotHeld = new(
        @"\bnot\b[^.]{0,25}\b(held|hold|holding)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static bool IsMutex(GoType? t) =>
        t?.Unalias() is GoNamed { Obj: { Name: "Mutex" or "RWMutex" } obj } && obj.Package?.Path == "sync";
}
