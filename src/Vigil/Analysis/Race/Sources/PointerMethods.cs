using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>The pointer-receiver methods with a body of a package's struct types: the entries callers have into a type's state.</summary>
public static class PointerMethods
{
    /// <summary>
    /// How deep the rules about a type's methods inline callees (a goroutine's root goes to <see cref="Summaries.MaxCallDepth"/>):
    /// a method's own accesses and its helpers' are what its lock discipline is about.
    /// </summary>
    public const int SummaryDepth = 4;

    /// <summary>A method's events at <see cref="SummaryDepth"/>.</summary>
    public static IReadOnlyList<Event> EventsOf(Summaries sums, FunctionRef fn) => sums.EventsOf(fn, SummaryDepth).Events;

    public sealed record Method(FunctionRef Ref, GoVar Receiver, GoFunc Func)
    {
        public CommentGroup? Doc => (Ref.Node as FuncDecl)?.Doc;

        /// <summary>
        /// An entry callers have while the value is shared: exported, and not an <c>Init</c> method, which by Go
        /// convention prepares a value before use (<c>list.List.Init</c>, <c>poll.FD.Init</c>), like a constructor.
        /// </summary>
        public bool IsEntry => Func.Exported && Func.Name != "Init";
    }

    /// <summary>The method assigns its receiver variable (before the event numbered <paramref name="before"/>): from there on the name is another value's.</summary>
    public static bool Repoints(IReadOnlyList<Event> events, GoVar receiver, int before = int.MaxValue) =>
        events.Any(e => e.Kind == EventKind.Access && e.Write && e.Seq < before && e.Loc!.Root == receiver && e.Loc.Steps.Count == 0);

    /// <summary>By receiver type (generic types by their origin), types in the order of their first method, methods in source order.</summary>
    public static List<(GoNamed Type, List<Method> Methods)> ByType(Package pkg)
    {
        var byType = new Dictionary<GoNamed, List<Method>>();
        var order = new List<GoNamed>();
        foreach (var file in pkg.Files)
            foreach (var decl in file.Syntax.Decls)
            {
                if (decl is not FuncDecl { Body: not null, Recv.List: [{ Names: [var recvName] }] } fd) continue;
                if (pkg.Info.DefOf(recvName) is not GoVar receiver || pkg.Info.DefOf(fd.Name!) is not GoFunc func) continue;
                if (receiver.Type?.Unalias() is not GoPointer { Elem: var elem } || elem.Unalias() is not GoNamed named) continue;
                named = named.Origin;
                if (named.Underlying is not GoStruct) continue;
                if (!byType.TryGetValue(named, out var list))
                {
                    byType[named] = list = [];
                    order.Add(named);
                }
                list.Add(new Method(new FunctionRef(fd, pkg), receiver, func.Origin));
            }
        return order.Select(t => (t, byType[t])).ToList();
    }

    /// <summary>
    /// Another method's events as if called on the starter's receiver: its receiver's memory is the starter's,
    /// its own locals drop out (no other goroutine can reach them), package-level memory stays.
    /// </summary>
    public static List<Event> Rebind(IReadOnlyList<Event> events, Method method, GoVar receiver)
    {
        var list = new List<Event>();
        foreach (var e in events)
        {
            if (e.Kind == EventKind.Spawn) continue;
            Loc? loc = e.Loc is null ? null : Move(e.Loc, method, receiver);
            if (e.Loc != null && loc is null) continue;
            var locks = e.Locks.Select(h => Move(h.Lock, method, receiver) is { } l ? h with { Lock = l } : (HeldLock?)null)
                .OfType<HeldLock>().ToList();
            var moved = e.With(e.Site, e.Chain, loc, locks, e.Unconditional, e.AtTop, e.Deferred);
            moved.Seq = e.Seq;
            list.Add(moved);
        }
        return list;
    }

    private static Loc? Move(Loc l, Method method, GoVar receiver)
    {
        if (l.Root == method.Receiver) return new Loc(receiver, l.Steps);
        if (l.Root.IsPackageLevel) return l;
        return null;
    }
}
