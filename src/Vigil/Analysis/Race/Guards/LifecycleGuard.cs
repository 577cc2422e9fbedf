using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>
/// A method that refuses to run once the value was started:
///
/// <code>
/// func (c *Cmd) Start() error { ...; c.Process = p; ...; go c.copy() }
/// func (c *Cmd) StdinPipe() (io.WriteCloser, error) {
///     if c.Process != nil { return nil, errors.New("exec: StdinPipe after process started") }
///     ... c.parentIOPipes = append(c.parentIOPipes, wc)   // never while the goroutine runs
/// }
/// </code>
///
/// The starter sets a field of the receiver before the go statement, on every path to it; the other
/// method returns early when that field is set (non-nil, true, non-zero); and no other method writes the
/// field. Then the other method's accesses after the early return run only before the start.
/// </summary>
public static class LifecycleGuard
{
    /// <summary>For each receiver field (by its origin), the places its methods write it, in unexported helpers included.</summary>
    public static Dictionary<GoVar, HashSet<Node>> Writers(List<PointerMethods.Method> methods, Summaries sums)
    {
        var writers = new Dictionary<GoVar, HashSet<Node>>();
        foreach (var m in methods)
            foreach (var e in PointerMethods.EventsOf(sums, m.Ref))
                if (e.Kind == EventKind.Access && e.Write && FieldOfReceiver(e.Loc!, m.Receiver) is { } f)
                {
                    if (!writers.TryGetValue(f, out var set)) writers[f] = set = [];
                    set.Add(e.Origin);
                }
        return writers;
    }

    /// <summary>True when <paramref name="p"/>, in <paramref name="other"/>, comes after an early return taken once the start happened.</summary>
    public static bool RulesOut(Event p, PointerMethods.Method other, Event start, PointerMethods.Method starter,
        IReadOnlyList<Event> starterEvents, Dictionary<GoVar, HashSet<Node>> writers)
    {
        if (other.Ref.Body is not { } body) return false;
        foreach (var stmt in body.List)
        {
            if (stmt.Pos.Offset >= p.Site.Pos.Offset) break;
            if (stmt is not IfStmt { Init: null, Else: null, Cond: { } cond, Body.List: [.., ReturnStmt] }) continue;
            if (SetField(cond, other) is not { } field) continue;
            // It is written before the start on every path, and nowhere but in the starter's code (constructors aside;
            // methods that call the starter write it there).
            var own = starterEvents.Where(e => e.Kind == EventKind.Access && e.Write && FieldOfReceiver(e.Loc!, starter.Receiver) == field).ToList();
            if (!own.Any(e => !e.Nil && e.Seq < start.Seq && e.Unconditional && e.AtTop)) continue;
            if (writers.TryGetValue(field, out var sites) && sites.IsSubsetOf(own.Select(e => e.Origin))) return true;
        }
        return false;
    }

    /// <summary>The receiver field a condition says is set: <c>r.f != nil</c>, <c>r.f</c>, <c>r.f != 0</c>, <c>r.f != ""</c>.</summary>
    private static GoVar? SetField(Expr cond, PointerMethods.Method m)
    {
        var info = m.Ref.Package.Info;
        Expr? x = cond switch
        {
            BinaryExpr { Op: Token.Neq, X: { } l, Y: { } r } when IsZero(r, info) => l,
            BinaryExpr { Op: Token.Neq, X: { } l, Y: { } r } when IsZero(l, info) => r,
            _ => cond,
        };
        while (x is ParenExpr pe) x = pe.X;
        if (x is not SelectorExpr { X: Ident recv, Sel: { } sel } || info.ObjectOf(recv) != m.Receiver) return null;
        if (info.ObjectOf(sel) is not GoVar { IsField: true } f) return null;
        if (x == cond && f.Type?.Underlying is not GoBasic { Name: "bool" }) return null;
        return f.Origin;
    }

    private static bool IsZero(Expr e, TypeInfo info) =>
        info.ModeOf(e).HasFlag(ExprMode.Nil) || info.ConstValue(e) is "0" or "\"\"" or "false";

    private static GoVar? FieldOfReceiver(Loc l, GoVar receiver) =>
        l.Root == receiver && l.Steps.Count == 2 && l.Steps[0].Kind == StepKind.Deref && l.Steps[1] is { Kind: StepKind.Field, Field: { } f } ? f.Origin : null;
}
