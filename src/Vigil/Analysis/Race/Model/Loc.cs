using System.Text;
using Vigil.Semantics;

namespace Vigil.Analysis.Race;

public enum StepKind { Field, Deref, Elem, MapElem }

/// <summary>One step of a memory path: a field, a pointer dereference, an element.</summary>
/// <param name="Key">For elements: identity of the index ("c:3" constant, "v:ID" variable), null when unknown.</param>
/// <param name="Display">How the index is written in the source.</param>
public readonly record struct Step(StepKind Kind, GoVar? Field = null, string? Key = null, string? Display = null, GoVar? KeyVar = null)
{
    public string Identity => Kind switch
    {
        StepKind.Field => "." + Field!.Id,
        StepKind.Deref => "*",
        StepKind.Elem => "[" + (Key ?? "?") + "]",
        _ => "[map]",
    };
}

/// <summary>
/// An abstract memory location: a variable (local, captured or global) and the
/// path from it through fields, dereferences and elements. Two goroutines touch
/// the same memory when their locations, expressed in one frame, overlap.
/// </summary>
public sealed class Loc : IEquatable<Loc>
{
    public Loc(GoVar root, IReadOnlyList<Step> steps)
    {
        Root = root;
        Steps = steps;
    }

    public GoVar Root { get; }
    public IReadOnlyList<Step> Steps { get; }
    /// <summary>Structural identity (used for equality, sync objects and lock names).</summary>
    /// <remarks>Built on first use: most locations (those of plain accesses) are never compared by key.</remarks>
    public string Key => key ??= KeyOf(Root, Steps);
    private string? key;

    private static string KeyOf(GoVar root, IReadOnlyList<Step> steps)
    {
        if (steps.Count == 0) return root.Id.ToString();
        var sb = new StringBuilder();
        sb.Append(root.Id);
        foreach (var s in steps) sb.Append(s.Identity);
        return sb.ToString();
    }

    public static Loc Of(GoVar v) => new(v, []);
    public Loc With(Step s) => new(Root, [.. Steps, s]);
    /// <summary>A field step; fields of instantiated generic types are named by their generic field.</summary>
    public Loc Field(GoVar f) => With(new Step(StepKind.Field, f.Origin));
    public Loc Deref() => With(new Step(StepKind.Deref));

    /// <summary>This path followed by <paramref name="more"/> without its first <paramref name="skip"/> steps.</summary>
    public Loc Append(IReadOnlyList<Step> more, int skip = 0)
    {
        if (more.Count <= skip) return new(Root, Steps);
        var steps = new Step[Steps.Count + more.Count - skip];
        for (int i = 0; i < Steps.Count; i++) steps[i] = Steps[i];
        for (int i = skip; i < more.Count; i++) steps[Steps.Count + i - skip] = more[i];
        return new(Root, steps);
    }

    /// <summary>True when the path goes through a pointer, slice or map: memory not copied with its root.</summary>
    public bool IsIndirect
    {
        get
        {
            for (int i = 0; i < Steps.Count; i++)
                if (Steps[i].Kind is StepKind.Deref or StepKind.MapElem) return true;
            return false;
        }
    }

    /// <summary>Whether two locations may denote overlapping memory (one contains the other).</summary>
    public static bool Overlap(Loc a, Loc b, Func<GoVar, bool>? distinctVar = null)
    {
        if (a.Root != b.Root) return false;
        int n = Math.Min(a.Steps.Count, b.Steps.Count);
        for (int i = 0; i < n; i++)
        {
            var x = a.Steps[i];
            var y = b.Steps[i];
            if (x.Kind != y.Kind) return false;
            if (x.Kind == StepKind.Field && x.Field != y.Field) return false;
            if (x.Kind == StepKind.Elem && x.Key is not null && y.Key is not null && Disjoint(x.Key, y.Key)) return false;
            if (x.Kind == StepKind.Elem && x.Key is not null && y.Key is not null)
            {
                if (x.Key != y.Key && x.Key.StartsWith("c:") && y.Key.StartsWith("c:")) return false;
                if (x.Key == y.Key && x.KeyVar is not null && distinctVar != null && distinctVar(x.KeyVar)) return false;
            }
        }
        static bool Disjoint(string a, string b)
        {
            // "c:N" one element, "r:LO:HI" elements LO..HI-1.
            static (long, long)? Span(string k)
            {
                if (k.StartsWith("c:") && long.TryParse(k[2..], out long c)) return (c, c + 1);
                var p = k.Split(':');
                if (p.Length == 3 && p[0] == "r" && long.TryParse(p[1], out long lo) && long.TryParse(p[2], out long hi)) return (lo, hi);
                return null;
            }
            if (Span(a) is not var (a0, a1) || Span(b) is not var (b0, b1)) return false;
            return a1 <= b0 || b1 <= a0;
        }
        // A pointer (or slice or map header) variable is not the memory it points to, and a struct holding
        // a pointer is not the memory behind it: reading p does not touch *p.s1.
        var longer = a.Steps.Count > n ? a : b;
        for (int i = n; i < longer.Steps.Count; i++)
            if (longer.Steps[i].Kind == StepKind.Deref) return false;
        return true;
    }

    /// <summary>The location as Go source would write it: c.mu, win.From, out[i], *p.</summary>
    public override string ToString()
    {
        var s = Root.Name;
        for (int i = 0; i < Steps.Count; i++)
        {
            var st = Steps[i];
            switch (st.Kind)
            {
                case StepKind.Field: s += "." + st.Field!.Name; break;
                case StepKind.Deref:
                    bool last = i == Steps.Count - 1;
                    if (last) s = "*" + s;
                    break;
                case StepKind.Elem: s += "[" + (st.Display ?? "_") + "]"; break;
                case StepKind.MapElem: s += "[" + (st.Display ?? "_") + "]"; break;
            }
        }
        return s;
    }

    // Keys start with the root's id (digits, then a step's first character): different roots, different keys.
    public bool Equals(Loc? other) => other is not null && (ReferenceEquals(other, this) || other.Root.Id == Root.Id && other.Key == Key);
    public override bool Equals(object? obj) => obj is Loc l && Equals(l);
    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);
}

/// <summary>What a parameter (or a captured function variable) is bound to at a call or go statement.</summary>
public abstract record Binding
{
    /// <summary>The address of a caller location (&amp;x, or x for a pointer-receiver method).</summary>
    public sealed record AddrOf(Loc Loc) : Binding;
    /// <summary>A copy of the value stored at a caller location.</summary>
    public sealed record ValueOf(Loc Loc) : Binding;
    /// <summary>The read side of a caller's RWMutex as a <c>sync.Locker</c> (<c>mu.RLocker()</c>): its Lock is RLock.</summary>
    public sealed record ReadLocker(Loc Mutex) : Binding;
    /// <summary>A function value: a literal, a declared function, or a method value with its receiver bound.</summary>
    public sealed record Func(FunctionRef Function, Binding? Receiver = null) : Binding;
}
