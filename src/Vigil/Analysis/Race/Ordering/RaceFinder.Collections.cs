using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// One goroutine per element, joined by a second loop over the same collection:
/// <code>
/// for i := range s.lns { go func(i int) { serve(&amp;s.lns[i]); close(s.lns[i].done) }(i) }
/// for i := range s.lns { &lt;-s.lns[i].done }     // or: for _, l := range s.lns { &lt;-l.done }
/// s.lns = nil
/// </code>
/// The instance for element i releases the channel of element i after its accesses; the second loop receives
/// from the channel of every element, on every iteration: after it, every instance has ended. The channels
/// differ per element, so no single receive matches a release by location; the two loops pair them up.
/// </summary>
public sealed partial class RaceFinder
{
    /// <summary>
    /// Child access <paramref name="c"/> happens before parent access <paramref name="p"/> through a receive, in a
    /// loop over the collection the go statement <paramref name="s"/> ranges over, from the channel of the element
    /// the instance released after c.
    /// </summary>
    private bool JoinedOverSameCollection(Event c, Event p, Event s, IReadOnlyList<Event> parent)
    {
        if (s.Site != s.Origin || hb.LoopOf(s.Site) is not RangeStmt starts || KeyVar(starts) is not { } startKey) return false;
        var releases = hb.SyncEvents(s.Spawn!.Child).Releases
            .Where(r => r.Sync is SyncKind.Chan or SyncKind.ChanClosed && hb.Follows(r, c) && !hb.InLoop(r.Origin)).ToList();
        if (releases.Count == 0) return false;
        foreach (var q in hb.SyncEvents(parent).Acquires)
        {
            if (q.Seq < s.Seq || q.Site != q.Origin || q.Sync is not (SyncKind.Chan or SyncKind.ChanClosed)) continue;
            if (hb.LoopOf(q.Site) is not RangeStmt waits || waits == starts || !WaitsEveryIteration(q, waits, p)) continue;
            if (!SameCollection(starts.X, waits.X)) continue;
            if (releases.Any(r => SameElementChannel(r.Loc!, startKey, q.Loc!, waits))) return true;
        }
        return false;
    }

    /// <summary>
    /// <paramref name="q"/> runs at the top of every iteration of <paramref name="loop"/> (nothing skips or leaves
    /// it), and <paramref name="p"/> comes after the loop on every path.
    /// </summary>
    private bool WaitsEveryIteration(Event q, RangeStmt loop, Event p) =>
        loop.Body is { } body && SyntacticOrder.Unconditional(q.Site, body) && !LoopFacts.BreaksOut(body, loop)
        && !LoopFacts.ContinuesOut(body, loop) && !HappensBefore.Within(p.Site, loop) && hb.MustPrecede(loop.X!, p.Site);

    /// <summary>
    /// The release's channel is element [startKey] of some path P, followed by steps S; the receive's channel is the
    /// same P indexed by the waiting loop's key, followed by S, or the waiting loop's value variable followed by S.
    /// </summary>
    private static bool SameElementChannel(Loc released, GoVar startKey, Loc received, RangeStmt waits)
    {
        int k = -1;
        for (int i = 0; i < released.Steps.Count; i++)
            if (released.Steps[i] is { Kind: StepKind.Elem } st && st.KeyVar == startKey) { k = i; break; }
        if (k < 0) return false;
        var suffix = released.Steps.Skip(k + 1).ToList();
        if (ObjectOf(waits.Value) is { } value && received.Root == value)
            return StepsEqual(received.Steps, suffix) && PathIs(released.Root, released.Steps.Take(k).ToList(), waits.X!);
        if (KeyVar(waits) is not { } waitKey || received.Root != released.Root || received.Steps.Count != released.Steps.Count) return false;
        if (received.Steps[k] is not { Kind: StepKind.Elem } rk || rk.KeyVar != waitKey) return false;
        return StepsEqual(received.Steps.Take(k).ToList(), released.Steps.Take(k).ToList())
            && StepsEqual(received.Steps.Skip(k + 1).ToList(), suffix);
    }

    private static bool StepsEqual(IReadOnlyList<Step> a, IReadOnlyList<Step> b) =>
        a.Count == b.Count && a.Zip(b).All(x => x.First.Identity == x.Second.Identity);

    /// <summary>The path root.steps names the expression <paramref name="x"/> (variables and fields, dereferences aside).</summary>
    private static bool PathIs(GoVar root, IReadOnlyList<Step> steps, Expr x)
    {
        var fields = steps.Where(s => s.Kind != StepKind.Deref).ToList();
        if (fields.Any(s => s.Kind != StepKind.Field)) return false;
        return Chain(x) is var (r, fs) && r == root && fs.Count == fields.Count && fs.Zip(fields).All(z => z.First.Origin == z.Second.Field);
    }

    /// <summary>Both loops range over the same variable or field chain (<c>s.lns</c> and <c>s.lns</c>).</summary>
    private static bool SameCollection(Expr? a, Expr? b) =>
        a != null && b != null && Chain(a) is var (ra, fa) && Chain(b) is var (rb, fb) && ra == rb && fa.SequenceEqual(fb);

    /// <summary>A variable followed by field selections: its root and fields; null for anything else (calls, indexes).</summary>
    private static (GoVar, List<GoVar>)? Chain(Expr x)
    {
        var fields = new List<GoVar>();
        while (true)
        {
            switch (x)
            {
                case ParenExpr pe: x = pe.X!; continue;
                case StarExpr se: x = se.X!; continue;
                case SelectorExpr sel when sel.SourceFile.Package.Info.ObjectOf(sel.Sel!) is GoVar { IsField: true } f:
                    fields.Insert(0, f.Origin);
                    x = sel.X!;
                    continue;
                case Ident id when id.SourceFile.Package.Info.ObjectOf(id) is GoVar v:
                    return (v, fields);
                default:
                    return null;
            }
        }
    }

    private static GoVar? KeyVar(RangeStmt r) => ObjectOf(r.Key);

    private static GoVar? ObjectOf(Expr? e) => e is Ident id && id.Name != "_" ? id.SourceFile.Package.Info.ObjectOf(id) as GoVar : null;
}
