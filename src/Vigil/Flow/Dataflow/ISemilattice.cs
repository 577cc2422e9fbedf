namespace Vigil.Flow.Dataflow;

/// <summary>
/// A join-semilattice of analysis states, the domain a data-flow analysis
/// computes over. The solvers are correct (they terminate with the least
/// fixed point) only if these laws hold for all states a, b, c:
/// <list type="bullet">
/// <item><b>Idempotence</b>: Join(a, a) equals a.</item>
/// <item><b>Commutativity</b>: Join(a, b) equals Join(b, a).</item>
/// <item><b>Associativity</b>: Join(Join(a, b), c) equals Join(a, Join(b, c)).</item>
/// <item><b>Bottom is the identity</b>: Join(Bottom, a) equals a.</item>
/// <item><b>Equals is an equivalence</b> (reflexive, symmetric, transitive) that Join respects.</item>
/// <item><b>Finite height</b>: every strictly increasing chain a ⊏ Join(a, b) ⊏ ... is finite, or the
/// solver stops at its budget and reports the result incomplete.</item>
/// </list>
/// The order is a ⊑ b iff Join(a, b) equals b. Transfer functions must be
/// monotone in it. <c>LatticeLaws</c> in the tests checks a lattice against
/// these laws with random states (FsCheck); do the same for a new lattice.
/// States are treated as values: the solver never mutates them, so a
/// transfer function must return a new state rather than change its input.
/// </summary>
public interface ISemilattice<T>
{
    /// <summary>The least state: "no information yet" (the state of unreached code).</summary>
    T Bottom { get; }
    /// <summary>The least upper bound of two states (where control-flow paths meet).</summary>
    T Join(T a, T b);
    bool Equals(T a, T b);
}
