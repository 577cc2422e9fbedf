using Vigil.Facts;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

internal sealed partial class FunctionWalker
{
    /// <summary>
    /// A call of a dependency's function known from its race facts only (go vet's -facts=vetx loads dependencies
    /// from export data): its events at the call, in this frame (the receiver and the arguments bound as
    /// <see cref="BindParams"/> binds them, under the locks held here and the callee's), each naming where it
    /// happens in the dependency; then its effect on the caller's locks and channels, as <see cref="InlineCall"/>.
    /// </summary>
    private void ImportedCall(GoFunc callee, RaceFunctionFact fact, CallExpr c, Binding? recv)
    {
        var sig = callee.Signature;
        var bindings = new Dictionary<GoVar, Binding>();
        for (int i = 0; i < c.Args.Count; i++)
        {
            bool wasArgs = evaluatingArgs;
            evaluatingArgs = true;
            var b = Eval(c.Args[i]);
            evaluatingArgs = wasArgs;
            bool variadic = sig.Variadic && !c.Ellipsis.IsValid && i >= sig.Params.Count - 1;
            if (i < sig.Params.Count && !variadic && b != null) bindings[sig.Params[i]] = b;
        }
        if (recv != null && sig.Recv != null) bindings[sig.Recv] = recv;
        var imports = sums.Imported!;
        var subst = new Substitution(bindings, new FunctionRef(c, fn.Package), sums);
        // A path through a parameter the call does not bind is private to the call (Substitution drops the callee's locals).
        Loc? InCallee(RacePath p) =>
            p.Root.Param == RaceRoot.GlobalVar || (p.Root.Param == RaceRoot.Receiver ? sig.Recv : p.Root.Param < sig.Params.Count ? sig.Params[p.Root.Param] : null) is { } v && bindings.ContainsKey(v)
                ? imports.Resolve(p, callee, sums.Program) : null;
        List<HeldLock> LocksOf(IEnumerable<RaceLock> ls) =>
            [.. ls.Select(l => (l, at: InCallee(l.Lock))).Where(x => x.at != null).Select(x => new HeldLock(x.at!, x.l.ReadOnly, x.l.Once))];
        if (!lockOnly)
            foreach (var e in fact.Events)
            {
                if (InCallee(e.Loc) is not { } l) continue;
                var loc = e.Kind == EventKind.Access ? subst.Memory(l) : subst.Object(l, e.Sync);
                if (loc is null) continue;
                Add(new Event
                {
                    Kind = e.Kind, Sync = e.Sync, Loc = loc, Write = e.Write, Atomic = e.Atomic, Fresh = e.Fresh, Nil = e.Nil, JoinOnly = e.JoinOnly,
                    Locks = Substitution.Union(Held, subst.Locks(LocksOf(e.Locks))), Site = c, Origin = c, Imported = new Location(e.Path, e.Line, e.Column, 0),
                    Unconditional = e.Sure, AtTop = condDepth == 0 && e.Sure, Deferred = DeferredNow,
                });
            }
        ApplyExit(new FunctionEvents
        {
            Events = [],
            ExitHeld = LocksOf(fact.ExitHeld),
            ExitReleased = [.. fact.ExitReleased.Select(InCallee).OfType<Loc>()],
            ExitReceived = [.. fact.ExitReceived.Select(InCallee).OfType<Loc>()],
            ExitSent = [.. fact.ExitSent.Select(InCallee).OfType<Loc>()],
        }, subst, c);
    }
}
