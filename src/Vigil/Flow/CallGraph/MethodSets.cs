using System.Collections.Concurrent;
using Vigil.Semantics;

namespace Vigil.Flow.CallGraph;

/// <summary>
/// Method sets of named types and pointers to them, promoted methods of
/// embedded fields included (go/types' MethodSet rules: the shallowest
/// embedding depth wins, a name found twice at one depth is ambiguous and
/// excluded, and a field of the same name hides a method). Thread-safe, cached.
/// </summary>
public sealed class MethodSets
{
    private readonly ConcurrentDictionary<(GoNamed, bool), IReadOnlyDictionary<string, GoFunc>> sets = new();
    private readonly ConcurrentDictionary<(GoNamed, bool, GoInterface), bool> implements = new();

    /// <summary>The method set of N (pointer false) or *N (pointer true), by name.</summary>
    public IReadOnlyDictionary<string, GoFunc> Of(GoNamed named, bool pointer) =>
        sets.TryGetValue((named, pointer), out var known) ? known : sets.GetOrAdd((named, pointer), k => Compute(k.Item1, k.Item2));

    /// <summary>Whether N or *N has every method of the interface, with identical signatures.</summary>
    public bool Implements(GoNamed named, bool pointer, GoInterface iface)
    {
        // A lookup first: GetOrAdd with this lambda makes a delegate per call (it reads this instance).
        if (implements.TryGetValue((named, pointer, iface), out var known)) return known;
        var set = Of(named, pointer);
        bool all = true;
        foreach (var m in iface.Methods)
            if (!set.TryGetValue(m.Name, out var f) || !TypeIdentity.IdenticalSignatures(f.Signature, m.Signature)) { all = false; break; }
        return implements.GetOrAdd((named, pointer, iface), all);
    }

    private static Dictionary<string, GoFunc> Compute(GoNamed root, bool pointer)
    {
        var result = new Dictionary<string, GoFunc>(StringComparer.Ordinal);
        var decided = new HashSet<string>(StringComparer.Ordinal); // names settled at a shallower depth
        var seen = new HashSet<GoNamed>();
        var level = new List<(GoType Type, bool ViaPointer)> { (root, pointer) };
        while (level.Count > 0)
        {
            var found = new Dictionary<string, (GoFunc? Func, int Count)>(StringComparer.Ordinal);
            var next = new List<(GoType, bool)>();
            void Found(string name, GoFunc? f)
            {
                if (decided.Contains(name)) return;
                found[name] = found.TryGetValue(name, out var old) ? (null, old.Count + 1) : (f, 1);
            }
            foreach (var (type, viaPointer) in level)
            {
                var t = type.Unalias();
                if (t is GoNamed n)
                {
                    if (!seen.Add(n)) continue;
                    foreach (var m in n.Methods)
                    {
                        bool ptrRecv = m.Signature.Recv?.Type?.Unalias() is GoPointer;
                        // A pointer method is not in the value type's set, but its name still hides deeper ones.
                        Found(m.Name, ptrRecv && !viaPointer ? null : m);
                    }
                }
                switch (t.Underlying)
                {
                    case GoInterface it:
                        foreach (var m in it.Methods) Found(m.Name, m);
                        break;
                    case GoStruct st:
                        foreach (var f in st.Fields)
                        {
                            Found(f.Name, null); // a field hides (or, at the same depth, conflicts with) a method
                            if (!f.Embedded || f.Type is null) continue;
                            var ft = f.Type.Unalias();
                            bool isPtr = ft is GoPointer;
                            next.Add((isPtr ? ((GoPointer)ft).Elem : ft, viaPointer || isPtr));
                        }
                        break;
                }
            }
            foreach (var (name, (f, count)) in found)
            {
                decided.Add(name);
                if (count == 1 && f is not null) result[name] = f;
            }
            level = next;
        }
        return result;
    }
}
