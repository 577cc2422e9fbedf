namespace Vigil.Analysis.Nil;

/// <summary>
/// A guard: a variable (an `ok`, an `err`, a flag or a counter) whose value
/// tells whether another variable holds a value. After `v, ok := m[k]`, `ok`
/// true means `v` was found; after `v, err := f()`, `err == nil` means `v` is
/// usable. A value guard (not <paramref name="IsError"/>) reads "when the guard
/// variable is not <paramref name="Except"/>, the target is not nil": `ok`
/// guards have Except 0 (false); `isNil := p == nil` guards p with Except 1
/// (true: p is set when isNil is false); `n := 0; if p != nil { n = p.Len() }`
/// guards p with Except 0 (n != 0 only when p is set). Booleans are 0 and 1.
/// </summary>
public sealed record Guard(string Target, bool IsError, long Except = 0);

/// <summary>
/// The facts at one program point: nilness per access path (a local variable,
/// or a variable followed by fields), and the guards in force. Immutable-ish:
/// every change copies, so branches never share mutable state.
/// </summary>
public sealed class FlowState
{
    private readonly Dictionary<string, Fact> facts;
    private readonly Dictionary<string, List<Guard>> guards;

    // Copies: a local path holding the same value as another (`y := x`, `y := I(x)` between
    // interfaces): a nil check of one says the same of the other, until either is assigned.
    private readonly Dictionary<string, string> copies;

    // Constants: a local boolean or integer known to hold one value here (`found := false`,
    // `n := 0`, the true edge of `if ok`), booleans as 0 and 1. They make the guards above:
    // at a merge, a value nil on one side where a constant holds, and set on the other side
    // where it does not, is set whenever the variable differs from that constant.
    private readonly Dictionary<string, long> consts;
    /// <summary>False when no path reaches this point (after return, panic, break...).</summary>
    public bool Reachable { get; }

    public static readonly FlowState Unreachable = new(new(), new(), false, new(), new());

    /// <summary>The suffix of the marker path set when a method is called on a value (it may set the value's fields).</summary>
    public const string Touched = "#touched";

    private FlowState(Dictionary<string, Fact> facts, Dictionary<string, List<Guard>> guards, bool reachable, Dictionary<string, string> copies, Dictionary<string, long> consts)
    {
        this.facts = facts;
        this.guards = guards;
        this.copies = copies;
        this.consts = consts;
        Reachable = reachable;
    }

    public static FlowState Entry() => new(new(StringComparer.Ordinal), new(StringComparer.Ordinal), true, new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    /// <summary>The constant a local boolean (0/1) or integer holds here, or null.</summary>
    public long? ConstOf(string path) => consts.TryGetValue(path, out var c) ? c : null;

    /// <summary>Records that <paramref name="path"/> holds <paramref name="value"/> (or forgets it, for null).</summary>
    public FlowState WithConst(string path, long? value)
    {
        if (!Reachable || ConstOf(path) == value) return this;
        var nk = new Dictionary<string, long>(consts, StringComparer.Ordinal);
        if (value is { } v) nk[path] = v; else nk.Remove(path);
        return new FlowState(facts, guards, true, copies, nk);
    }

    /// <summary>The value guards of <paramref name="guardPath"/>: (target, the value the guard says nothing for).</summary>
    public IEnumerable<Guard> ValueGuards(string guardPath) =>
        guards.TryGetValue(guardPath, out var gs) ? gs.Where(g => !g.IsError) : [];

    /// <summary>Paths whose value may be nil here, or is an unchanged parameter.</summary>
    public IEnumerable<string> UncheckedPaths() =>
        facts.Where(kv => kv.Value.Kind != Nilness.NonNil && !kv.Key.Contains('#')).Select(kv => kv.Key).Order(StringComparer.Ordinal);

    /// <summary>The path <paramref name="path"/> is a copy of (same value), or null.</summary>
    public string? CopyOf(string path) => copies.GetValueOrDefault(path);

    /// <summary>Records that <paramref name="copy"/> now holds the value of <paramref name="source"/>.</summary>
    public FlowState AddCopy(string copy, string source)
    {
        if (!Reachable || copy == source) return this;
        var nc = new Dictionary<string, string>(copies, StringComparer.Ordinal) { [copy] = copies.GetValueOrDefault(source) ?? source };
        return new FlowState(facts, guards, true, nc, consts);
    }

    private Dictionary<string, string> DropCopies(string path)
    {
        // Loops, not LINQ: this runs on every assignment, and most states have no copy at all.
        if (copies.Count == 0) return copies;
        bool mentioned = false;
        foreach (var (k, v) in copies)
            if (k == path || v == path) { mentioned = true; break; }
        if (!mentioned) return copies;
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in copies)
            if (k != path && v != path) kept[k] = v;
        return kept;
    }

    /// <summary>True when a parameter is known nil here (a branch of `if p == nil`): nil returned here is "nil in, nil out".</summary>
    public bool AnyParamKnownNil() => facts.Values.Any(f => f.Kind == Nilness.Nilable && f.ParamIndex >= 0);

    public Fact Get(string path) => facts.TryGetValue(path, out var f) ? f : Fact.NonNil;

    public IEnumerable<string> GuardedBy(string guardPath, bool isError) =>
        guards.TryGetValue(guardPath, out var gs) ? gs.Where(g => g.IsError == isError).Select(g => g.Target) : [];

    /// <summary>Sets a path; everything below it (its fields) and every guard on it is forgotten.</summary>
    public FlowState Set(string path, Fact f)
    {
        if (!Reachable) return this;
        var nf = new Dictionary<string, Fact>(facts, StringComparer.Ordinal);
        string prefix = path + ".";
        foreach (var k in facts.Keys)
            if (k.StartsWith(prefix, StringComparison.Ordinal)) nf.Remove(k);
        // A field set to a non-nil value stays known non-nil (std knowledge about the field no longer applies).
        if (f.Kind == Nilness.NonNil && !f.IsAllocated && !path.Contains('.')) nf.Remove(path);
        else nf[path] = f.Kind == Nilness.NonNil && !f.IsAllocated ? Fact.Checked : f;
        var ng = DropGuards(path);
        return new FlowState(nf, ng, true, DropCopies(path), DropConst(path));
    }

    /// <summary>Sets a guard variable to a value that keeps its meaning (ok = false): its guards stay.</summary>
    public FlowState SetKeepingGuards(string path, Fact f)
    {
        if (!Reachable) return this;
        var nf = new Dictionary<string, Fact>(facts, StringComparer.Ordinal);
        if (f.Kind == Nilness.NonNil && !f.IsAllocated && !f.IsFreshError) nf.Remove(path); else nf[path] = f;
        return new FlowState(nf, guards, true, DropCopies(path), consts);
    }

    /// <summary>Refines a path without touching what is below it (a nil check says nothing of fields).</summary>
    public FlowState Refine(string path, Fact f)
    {
        if (!Reachable) return this;
        if (f.IsChecked && Get(path).IsAllocated) return this; // a check says less than an allocation
        // Nothing changes (states are read-only: this one serves as the refined one).
        if (f.Kind == Nilness.NonNil && !f.IsChecked ? !facts.ContainsKey(path) : facts.TryGetValue(path, out var old) && ReferenceEquals(old, f))
            return this;
        var nf = new Dictionary<string, Fact>(facts, StringComparer.Ordinal);
        if (f.Kind == Nilness.NonNil && !f.IsChecked) nf.Remove(path); else nf[path] = f;
        return new FlowState(nf, guards, true, copies, consts);
    }

    /// <summary>
    /// For the false edge of the second operand of &&: this state with every path whose
    /// nilness the first operand decided (nilable on its <paramref name="nilEdge"/>, not on its
    /// <paramref name="otherEdge"/>) put back as it was before the condition, or as the other
    /// edge has it. Such a nil holds only together with the second operand's outcome, a
    /// correlation the analysis does not track: silence rather than a guess.
    /// </summary>
    public FlowState WithoutNilsDecidedBy(FlowState nilEdge, FlowState otherEdge)
    {
        if (!Reachable || !nilEdge.Reachable) return this;
        var st = this;
        foreach (var (k, f) in nilEdge.facts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            if (f.IsNilable && !otherEdge.Get(k).IsNilable && st.Get(k) is { IsNilable: true } now)
                // A parameter compared with nil goes back to being the parameter; any other
                // value was nilable before the condition (inside && a comparison makes no new
                // source) and is taken as the other edge has it: checked.
                st = st.Refine(k, now.ParamIndex >= 0 ? Fact.OfParam(now.ParamIndex) : otherEdge.Get(k));
        return st;
    }

    public FlowState AddGuard(string guardPath, Guard g)
    {
        if (!Reachable) return this;
        var ng = new Dictionary<string, List<Guard>>(guards, StringComparer.Ordinal);
        var existing = ng.GetValueOrDefault(guardPath) ?? [];
        if (existing.Contains(g)) return this;
        ng[guardPath] = [.. existing, g];
        return new FlowState(facts, ng, true, copies, consts);
    }

    /// <summary>Forgets every field path (a call may have changed any field).</summary>
    public FlowState ForgetFields()
    {
        if (!Reachable || !facts.Any(kv => kv.Key.Contains('.') && !kv.Value.IsChecked && !kv.Key.Contains('#'))) return this;
        var nf = new Dictionary<string, Fact>(StringComparer.Ordinal);
        foreach (var (k, v) in facts)
            if (!k.Contains('.') || v.IsChecked || k.Contains('#')) nf[k] = v; // checks survive calls: assume callees do not undo them; so do marks (a closed channel)
        return new FlowState(nf, guards, true, copies, consts);
    }

    private Dictionary<string, long> DropConst(string path)
    {
        if (!consts.ContainsKey(path)) return consts;
        var nk = new Dictionary<string, long>(consts, StringComparer.Ordinal);
        nk.Remove(path);
        return nk;
    }

    private Dictionary<string, List<Guard>> DropGuards(string path)
    {
        // Most sets touch no guard: share the dictionary (states never change one in place).
        if (!GuardsMention(path)) return guards;
        var ng = new Dictionary<string, List<Guard>>(StringComparer.Ordinal);
        foreach (var (k, gs) in guards)
        {
            if (k == path) continue;
            var kept = gs.Where(g => g.Target != path).ToList();
            if (kept.Count > 0) ng[k] = kept;
        }
        return ng;
    }

    private bool GuardsMention(string path)
    {
        if (guards.Count == 0) return false;
        if (guards.ContainsKey(path)) return true;
        foreach (var gs in guards.Values)
            foreach (var g in gs)
                if (g.Target == path) return true;
        return false;
    }

    public static FlowState Join(FlowState a, FlowState b)
    {
        if (!a.Reachable) return b;
        if (!b.Reachable) return a;
        // Sized for the larger side (no regrowth); the keys are visited as a Union of both
        // sides would give them (a's in order, then b's others), which fixes the new state's
        // enumeration order (guards are made from it), without the Union's set.
        var nf = new Dictionary<string, Fact>(Math.Max(a.facts.Count, b.facts.Count), StringComparer.Ordinal);
        void JoinKey(string k)
        {
            // "A method was called on it" holds past a merge if it holds on either side: the
            // method may have set its fields (`if r.r == nil { r.start() }; r.r.Read(p)`).
            if (k.EndsWith(Touched, StringComparison.Ordinal)) { nf[k] = Fact.Checked; return; }
            var j = Fact.Join(a.Get(k), b.Get(k));
            if (j.Kind != Nilness.NonNil || j.IsChecked) nf[k] = j;
        }
        foreach (var k in a.facts.Keys) JoinKey(k);
        foreach (var k in b.facts.Keys)
            if (!a.facts.ContainsKey(k)) JoinKey(k);
        // A guard survives a merge if the other side has it too, or if on the other
        // side its target is not nil anyway (there the guard has nothing to say).
        var ng = new Dictionary<string, List<Guard>>(StringComparer.Ordinal);
        void Keep(FlowState from, FlowState other)
        {
            foreach (var (k, gs) in from.guards)
                foreach (var g in gs)
                {
                    // Also when the guard itself is known non-nil there (`err != nil` was checked):
                    // "err == nil means the target is set" then holds vacuously on that side.
                    bool holds = (other.guards.TryGetValue(k, out var og) && og.Contains(g)) || other.Get(g.Target).Kind == Nilness.NonNil
                        || (g.IsError && other.Get(k).IsChecked)
                        || (!g.IsError && other.ConstOf(k) == g.Except); // the guard variable holds the value that says nothing
                    if (!holds) continue;
                    if (!ng.TryGetValue(k, out var list)) ng[k] = list = [];
                    if (!list.Contains(g)) list.Add(g);
                }
        }
        Keep(a, b);
        Keep(b, a);
        Correlate(a, b, ng);
        Correlate(b, a, ng);
        CorrelateErrors(a, b, ng);
        CorrelateErrors(b, a, ng);
        // A copy survives a merge only where both sides made it.
        var nc = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in a.copies)
            if (b.copies.TryGetValue(k, out var w) && w == v) nc[k] = v;
        // A constant survives where both sides agree.
        var nk = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (k, v) in a.consts)
            if (b.consts.TryGetValue(k, out var w) && w == v) nk[k] = v;
        return new FlowState(nf, ng, true, nc, nk);
    }

    /// <summary>
    /// The relations a merge creates: on side <paramref name="nilSide"/> a constant c holds
    /// and a path may be nil; on <paramref name="setSide"/> the path is set and the variable
    /// is not known to be c. Past the merge, the variable differing from c means the path is
    /// set (`ok := false; if p != nil { ok = true }`, `n := 0; if reg != nil { n = reg.Len() }`).
    /// </summary>
    private static void Correlate(FlowState nilSide, FlowState setSide, Dictionary<string, List<Guard>> into)
    {
        if (nilSide.consts.Count == 0) return;
        List<string>? paths = null;
        foreach (var (k, f) in nilSide.facts)
            if (f.Kind != Nilness.NonNil && !k.Contains('#') && !f.FieldCheck && setSide.Get(k).Kind == Nilness.NonNil)
                (paths ??= []).Add(k);
        if (paths is null) return;
        foreach (var (v, c) in nilSide.consts)
        {
            if (setSide.ConstOf(v) == c) continue;
            foreach (var t in paths)
            {
                if (t == v) continue;
                var g = new Guard(t, IsError: false, Except: c);
                if (!into.TryGetValue(v, out var list)) into[v] = list = [];
                if (!list.Contains(g)) list.Add(g);
            }
        }
    }

    /// <summary>
    /// The error guards a merge creates: on <paramref name="nilSide"/> an error variable was just
    /// given a new error (<see cref="Fact.IsFreshError"/>) and a path may be nil; on
    /// <paramref name="setSide"/> the path is set. Past the merge, a nil error means the path is
    /// set (`if imp == nil &amp;&amp; err == nil { err = fmt.Errorf(…) }`, `if p == nil { err = errNotFound }`
    /// with a new error): the nil comes only together with an error, which `if err != nil {
    /// return }` stops. Sound on both sides: where the path may be nil the error is not.
    /// </summary>
    private static void CorrelateErrors(FlowState nilSide, FlowState setSide, Dictionary<string, List<Guard>> into)
    {
        List<string>? errs = null;
        foreach (var (k, f) in nilSide.facts)
            if (f.IsFreshError && !k.Contains('#')) (errs ??= []).Add(k);
        if (errs is null) return;
        foreach (var (t, f) in nilSide.facts)
        {
            if (f.Kind != Nilness.Nilable || t.Contains('#') || f.FieldCheck || setSide.Get(t).Kind != Nilness.NonNil) continue;
            foreach (var e in errs)
            {
                if (e == t) continue;
                var g = new Guard(t, IsError: true);
                if (!into.TryGetValue(e, out var list)) into[e] = list = [];
                if (!list.Contains(g)) list.Add(g);
            }
        }
    }

    /// <summary>The same facts with no guard (and no constant, which make guards at merges).</summary>
    public FlowState WithoutGuards() => Reachable ? new FlowState(facts, new(StringComparer.Ordinal), true, copies, new(StringComparer.Ordinal)) : this;

    /// <summary>For debugging and test failures: the facts and guards, sorted.</summary>
    public override string ToString()
    {
        if (!Reachable) return "unreachable";
        var fs = facts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value.Kind}{(kv.Value.IsAllocated ? "+" : kv.Value.IsChecked ? "!" : "")}{(kv.Value.ParamIndex >= 0 ? kv.Value.ParamIndex.ToString() : "")}{(kv.Value.FieldCheck ? "f" : "")}");
        var gs = guards.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value.Select(g => $"{kv.Key}->{g.Target}{(g.IsError ? "(err)" : g.Except != 0 ? "(unless " + g.Except + ")" : "")}").Order(StringComparer.Ordinal));
        var cs = copies.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}");
        var ks = consts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}:={kv.Value}");
        return "{" + string.Join(" ", fs) + " | " + string.Join(" ", gs) + (copies.Count > 0 ? " | " + string.Join(" ", cs) : "")
            + (consts.Count > 0 ? " | " + string.Join(" ", ks) : "") + "}";
    }

    /// <summary>
    /// True when both states hold the same kinds of facts and the same guards
    /// (the solver's fixed-point test; traces are explanations, not facts: the
    /// first one found is kept; which nil a merge keeps, reportable or not, is a
    /// fact: see <see cref="Fact.SameAs"/>).
    /// </summary>
    public bool SameAs(FlowState o)
    {
        if (Reachable != o.Reachable) return false;
        if (facts.Count != o.facts.Count || guards.Count != o.guards.Count || copies.Count != o.copies.Count || consts.Count != o.consts.Count) return false;
        foreach (var (k, v) in consts)
            if (!o.consts.TryGetValue(k, out var w) || w != v) return false;
        foreach (var (k, v) in copies)
            if (!o.copies.TryGetValue(k, out var w) || w != v) return false;
        foreach (var (k, v) in facts)
            if (!o.facts.TryGetValue(k, out var w) || !v.SameAs(w)) return false;
        foreach (var (k, gs) in guards)
            if (!o.guards.TryGetValue(k, out var ogs) || gs.Count != ogs.Count || gs.Any(g => !ogs.Contains(g))) return false; // guard lists hold no duplicates
        return true;
    }
}

/// <summary>
/// The nil facts of a function as a lattice for the shared data-flow solver:
/// bottom is the unreachable state, the join is <see cref="FlowState.Join"/>
/// (nil on either path makes a value nilable; guards survive where both sides
/// agree, or where the side without one makes it hold vacuously), equality
/// ignores traces. The facts obey every lattice law; with guards, the join is
/// not associative (vacuity is decided against the other side's facts at each
/// merge), which the solver tolerates: it joins predecessors in a fixed order.
/// The laws are checked in tests/Vigil.Tests/Nil/FlowLatticeTests.cs.
/// </summary>
public sealed class FlowLattice : Vigil.Flow.Dataflow.ISemilattice<FlowState>
{
    public static FlowLattice Instance { get; } = new();
    public FlowState Bottom => FlowState.Unreachable;
    public FlowState Join(FlowState a, FlowState b) => FlowState.Join(a, b);
    public bool Equals(FlowState a, FlowState b) => a.SameAs(b);
}
