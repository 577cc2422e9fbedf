using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Analysis.Race;

/// <summary>The pointer-receiver methods with a body of a package's struct types: the entries callers have into a type's state.</summary>
public static class PointerMethods
{
    public sealed record Method(FunctionRef Ref, GoVar Receiver, GoFunc Func)
    {
        public CommentGroup? Doc => (Ref.Node as FuncDecl)?.Doc;
    }

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
}
