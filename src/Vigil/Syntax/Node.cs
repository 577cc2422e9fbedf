namespace Vigil.Syntax;

/// <summary>
/// A node of Go's syntax tree, as go/ast defines it. The concrete classes are
/// generated from go/ast (Nodes.g.cs); this base holds what every node has:
/// its number within its package, its parent, its file and its extent.
/// Its public properties are kept by trimming and Native AOT: `vigil dump
/// syntax` prints each node's fields by reflection.
/// </summary>
[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
public abstract class Node
{
    /// <summary>The node's number within its package (pre-order, from 1).</summary>
    public int Id { get; internal set; }
    public Node? Parent { get; internal set; }
    public SourceFile SourceFile { get; internal set; } = null!;
    /// <summary>go/ast's Pos(): the first byte of the node.</summary>
    public Pos Pos { get; internal set; }
    /// <summary>go/ast's End(): the byte just after the node.</summary>
    public Pos End { get; internal set; }
    public abstract NodeKind Kind { get; }

    /// <summary>Calls <paramref name="visit"/> on each direct child, in source order.</summary>
    public abstract void VisitChildren(Action<Node> visit);

    public Location Location => SourceFile.Location(Pos);

    /// <summary>All nodes of this subtree in pre-order, this node first.</summary>
    public IEnumerable<Node> Descendants()
    {
        var stack = new Stack<Node>();
        stack.Push(this);
        var children = new List<Node>();
        Action<Node> add = children.Add; // one delegate for the walk, not one per node
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            children.Clear();
            n.VisitChildren(add);
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    /// <summary>The nearest ancestor of type <typeparamref name="T"/>, or null.</summary>
    public T? Ancestor<T>() where T : Node
    {
        for (var p = Parent; p != null; p = p.Parent)
            if (p is T t) return t;
        return null;
    }

    public override string ToString() => $"{Kind}@{Location}";
}

public abstract class Expr : Node { }
public abstract class Stmt : Node { }
public abstract class Decl : Node { }
public abstract class Spec : Node { }

/// <summary>A byte offset within a file, or no position (go/token's NoPos).</summary>
public readonly record struct Pos(int Raw)
{
    public static readonly Pos None = default;
    public bool IsValid => Raw > 0;
    /// <summary>The 0-based byte offset within the file.</summary>
    public int Offset => Raw - 1;
    public static Pos FromOffset(int offset) => new(offset + 1);
    public override string ToString() => IsValid ? Offset.ToString() : "-";
}
