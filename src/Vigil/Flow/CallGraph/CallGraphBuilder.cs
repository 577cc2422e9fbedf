using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Flow.CallGraph;

/// <summary>
/// Builds the <see cref="CallGraph"/> of a loaded program.
/// <list type="bullet">
/// <item>Calls by name (functions, concrete methods including promoted ones,
/// method expressions, generic instantiations, literals called in place) are
/// <see cref="CallKind.Static"/> edges to the generic origin.</item>
/// <item>Interface method calls (and calls through a type parameter's
/// constraint) are <see cref="CallKind.Interface"/> edges to every method of
/// a named type (or pointer to one) that implements the interface, among the
/// types converted to an interface in source code or used as type arguments,
/// plus every type of packages not loaded from source (whose conversions are
/// invisible): class-hierarchy analysis refined by conversions.</item>
/// <item>Calls of function values follow the value back, flow-insensitively,
/// through local and package variables, struct fields, parameters (the
/// arguments at every resolved call of the function), method values and
/// function literals: <see cref="CallKind.FuncValue"/> edges. Whatever cannot
/// be followed adds one <see cref="CallKind.Dynamic"/> edge with the reason.</item>
/// </list>
/// </summary>
public static class CallGraphBuilder
{
    public static CallGraph Build(GoProgram program) => new Builder(program).Run();

    /// <summary>
    /// The packages whose code the graph describes: one per import path, the
    /// variant with the most files (a package's test variant has its files
    /// and its in-package tests; "q [p.test]", q recompiled for p's tests,
    /// has the same files as q). Walking each file once keeps edges single.
    /// </summary>
    public static List<Package> SourcePackages(GoProgram program) =>
        program.Packages.GroupBy(p => p.Path, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => p.Files.Count).ThenBy(p => p.Index).First())
            .OrderBy(p => p.Index).ToList();

    private sealed class Builder(GoProgram program)
    {
        private readonly Dictionary<string, CallGraphNode> nodes = new(StringComparer.Ordinal);
        private readonly Dictionary<Node, CallGraphNode> bySyntax = new();
        private readonly Dictionary<CallExpr, List<CallEdge>> bySite = new();
        private readonly Dictionary<GoVar, CallGraphNode> paramOwner = new();
        private readonly ProgramFacts facts = new();
        private readonly Dictionary<string, int> literalCounts = new(StringComparer.Ordinal);
        private readonly Dictionary<CallGraphNode, List<ReturnStmt>> returns = new();
        private readonly MethodSets methodSets = new();
        private readonly Dictionary<(GoInterface, string), List<GoFunc>> implementations = new();
        private Dictionary<string, List<(GoNamed Named, bool Pointer, GoFunc Method)>>? methodIndex;
        private HashSet<string> sourcePackages = null!;

        public CallGraph Run()
        {
            var packages = SourcePackages(program);
            sourcePackages = packages.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
            // One walk of every package declares the nodes, gathers the facts
            // and lists the call sites; resolution needs all three, program-wide.
            var calls = new List<(CallExpr Call, CallGraphNode Caller, Package Package)>();
            foreach (var pkg in packages) Walk(pkg, calls);
            foreach (var (call, _, pkg) in calls) ParameterSources(call, pkg);
            foreach (var (call, caller, pkg) in calls) Resolve(call, caller, pkg);
            return new CallGraph(nodes, bySyntax, bySite);
        }

        // ---- nodes

        private CallGraphNode NodeFor(GoFunc f)
        {
            var origin = f.Origin;
            if (!nodes.TryGetValue(origin.Key, out var n))
                nodes[origin.Key] = n = new CallGraphNode(origin.Key, origin, null, null);
            return n;
        }

        private CallGraphNode InitNode(Package pkg)
        {
            string key = pkg.Path + ".<init>";
            if (!nodes.TryGetValue(key, out var n))
                nodes[key] = n = new CallGraphNode(key, null, pkg.Files.FirstOrDefault()?.Syntax, pkg);
            return n;
        }

        private void Walk(Package pkg, List<(CallExpr, CallGraphNode, Package)> calls)
        {
            var info = pkg.Info;
            var owners = new Stack<CallGraphNode>();
            var ordinals = new Stack<int>();
            var init = InitNode(pkg);
            var walk = new SyntaxWalk(n =>
            {
                switch (n)
                {
                    case FuncDecl fd:
                        var owner = info.DefOf(fd.Name!) is GoFunc f ? NodeFor(f) : init;
                        if (owner != init)
                        {
                            owner.Syntax = fd;
                            owner.Package = pkg;
                            bySyntax[fd] = owner;
                            foreach (var p in Params(fd.Type, info)) paramOwner[p] = owner;
                            if (fd.Recv is not null) foreach (var p in Params(fd.Recv, info)) paramOwner[p] = owner;
                        }
                        owners.Push(owner);
                        ordinals.Push(owner == init ? literalCounts.GetValueOrDefault(init.Key) : 0);
                        break;
                    case GenDecl when n.Parent is Syntax.File:
                        // Package-level declarations: their literals and calls belong to the initializer.
                        owners.Push(init);
                        ordinals.Push(literalCounts.GetValueOrDefault(init.Key));
                        break;
                    case FuncLit lit:
                        var parent = owners.Count > 0 ? owners.Peek() : init;
                        int ordinal = ordinals.Count > 0 ? ordinals.Pop() + 1 : 1;
                        ordinals.Push(ordinal);
                        var key = $"{parent.Key}${ordinal}";
                        var node = new CallGraphNode(key, null, lit, pkg);
                        nodes[key] = node;
                        bySyntax[lit] = node;
                        foreach (var p in Params(lit.Type, info)) paramOwner[p] = node;
                        owners.Push(node);
                        ordinals.Push(0);
                        break;
                    case CallExpr call:
                        calls.Add((call, owners.Count > 0 ? owners.Peek() : init, pkg));
                        break;
                    case ReturnStmt ret when owners.Count > 0:
                        // What a function returns, for calls of function values it produces (mk()()).
                        var fn = owners.Peek();
                        if (!returns.TryGetValue(fn, out var list)) returns[fn] = list = [];
                        list.Add(ret);
                        break;
                    case CommentGroup or Comment or ImportSpec:
                        return false;
                }
                facts.Visit(n, pkg, info);
                return true;
            }, n =>
            {
                if (n is FuncDecl or FuncLit || n is GenDecl && n.Parent is Syntax.File)
                {
                    var owner = owners.Pop();
                    int count = ordinals.Pop();
                    if (owner == init) literalCounts[init.Key] = count;
                }
            });
            foreach (var file in pkg.Files) walk.Walk(file.Syntax);
        }

        private static IEnumerable<GoVar> Params(Node? typeOrFields, TypeInfo info)
        {
            var fields = typeOrFields switch { FuncType ft => ft.Params, FieldList fl => fl, _ => null };
            if (fields is null) yield break;
            foreach (var field in fields.List)
                foreach (var name in field.Names)
                    if (info.DefOf(name) is GoVar v) yield return v;
        }

        // ---- parameters: the arguments of every call resolved by name

        private void ParameterSources(CallExpr call, Package pkg)
        {
            var info = pkg.Info;
            CallGraphNode? target = Callees.CalleeExpr(call, info) is FuncLit lit ? bySyntax.GetValueOrDefault(lit)
                : Callees.StaticCallee(call, info) is { } f ? nodes.GetValueOrDefault(f.Origin.Key) : null;
            if (target?.Syntax is null) return;
            var ps = ParamsOf(target);
            for (int i = 0; i < call.Args.Count && i < ps.Count; i++)
            {
                bool variadicTail = i == ps.Count - 1 && SignatureOf(target)?.Variadic == true && !call.Ellipsis.IsValid;
                if (!variadicTail) facts.AddSource(ps[i], call.Args[i], pkg);
            }
        }

        private List<GoVar> ParamsOf(CallGraphNode n) => n.Syntax switch
        {
            FuncDecl fd => Params(fd.Type, n.Package!.Info).ToList(),
            FuncLit fl => Params(fl.Type, n.Package!.Info).ToList(),
            _ => [],
        };

        private static GoSignature? SignatureOf(CallGraphNode n) => n.Func?.Signature
            ?? (n.Syntax is FuncLit fl ? n.Package?.Info.TypeOf(fl) as GoSignature : null);

        // ---- edges

        private void Resolve(CallExpr call, CallGraphNode caller, Package pkg)
        {
            var info = pkg.Info;
            if (call.Fun is null || info.IsType(call.Fun)) return; // a conversion
            var mode = call.Parent switch
            {
                GoStmt g when g.Call == call => CallMode.Go,
                DeferStmt d when d.Call == call => CallMode.Defer,
                _ => CallMode.Call,
            };
            var calleeExpr = Callees.CalleeExpr(call, info);
            var obj = Callees.CalleeObject(call, info);
            if (obj is GoBuiltin) return;
            if (calleeExpr is FuncLit lit && bySyntax.TryGetValue(lit, out var litNode))
            {
                AddEdge(caller, litNode, call, CallKind.Static, mode);
                return;
            }
            if (obj is GoFunc f)
            {
                if (DispatchInterface(call, info) is { } iface)
                {
                    var impls = Implementations(iface, f.Name);
                    foreach (var m in impls) AddEdge(caller, NodeFor(m), call, CallKind.Interface, mode);
                    if (impls.Count == 0) AddEdge(caller, null, call, CallKind.Dynamic, mode, UnresolvedReason.NoImplementation);
                    return;
                }
                var e = AddEdge(caller, NodeFor(f), call, CallKind.Static, mode);
                e.TypeArgs = TypeArgsOf(calleeExpr, info);
                return;
            }
            var values = new ValueSet();
            ResolveValue(calleeExpr!, pkg, values, []);
            foreach (var (target, kind) in values.Targets.OrderBy(t => t.Node.Key, StringComparer.Ordinal))
                AddEdge(caller, target, call, kind == CallKind.Static ? CallKind.FuncValue : kind, mode);
            var reason = values.Reasons.Count > 0 ? values.Reasons.Min()
                : values.Targets.Count == 0 ? UnresolvedReason.Variable : UnresolvedReason.None;
            if (reason != UnresolvedReason.None) AddEdge(caller, null, call, CallKind.Dynamic, mode, reason);
        }

        /// <summary>The interface a method call dispatches through: x.M with x of interface or type-parameter type, or I.M(x).</summary>
        private static GoInterface? DispatchInterface(CallExpr call, TypeInfo info)
        {
            if (Callees.CalleeExpr(call, info) is not SelectorExpr sel || info.SelectionOf(sel) is not { } s) return null;
            if (s.Kind is not (SelectionKind.MethodVal or SelectionKind.MethodExpr)) return null;
            var recv = s.Recv.Unalias();
            if (recv is GoPointer p && s.Kind == SelectionKind.MethodExpr) recv = p.Elem;
            return recv.Underlying as GoInterface;
        }

        private static IReadOnlyList<GoType> TypeArgsOf(Expr? callee, TypeInfo info)
        {
            var id = callee switch { Ident i => i, SelectorExpr s => s.Sel, _ => null };
            return id is not null && info.InstanceOf(id) is { } inst ? inst.TypeArgs : [];
        }

        private CallEdge AddEdge(CallGraphNode caller, CallGraphNode? callee, CallExpr site, CallKind kind, CallMode mode, UnresolvedReason why = UnresolvedReason.None)
        {
            var e = new CallEdge(caller, callee, site, kind, mode, why);
            caller.outEdges.Add(e);
            callee?.inEdges.Add(e);
            if (!bySite.TryGetValue(site, out var list)) bySite[site] = list = [];
            list.Add(e);
            return e;
        }

        // ---- function values

        private sealed class ValueSet
        {
            public readonly HashSet<(CallGraphNode Node, CallKind Kind)> Targets = [];
            public readonly HashSet<UnresolvedReason> Reasons = [];
        }

        private void ResolveValue(Expr e, Package pkg, ValueSet into, HashSet<GoVar> visiting)
        {
            var info = pkg.Info;
            switch (e)
            {
                case ParenExpr p when p.X is not null:
                    ResolveValue(p.X, pkg, into, visiting);
                    return;
                case FuncLit lit:
                    if (bySyntax.TryGetValue(lit, out var n)) into.Targets.Add((n, CallKind.Static));
                    return;
                case Ident id:
                    switch (info.ObjectOf(id))
                    {
                        case GoFunc f: into.Targets.Add((NodeFor(f), CallKind.Static)); return;
                        case GoVar v: Variable(v, into, visiting); return;
                        case GoNil: return;
                    }
                    into.Reasons.Add(UnresolvedReason.Other);
                    return;
                case SelectorExpr sel:
                    var s = info.SelectionOf(sel);
                    if (s is null)
                    {
                        switch (info.UseOf(sel.Sel!))
                        {
                            case GoFunc f: into.Targets.Add((NodeFor(f), CallKind.Static)); return;
                            case GoVar v: Variable(v, into, visiting); return;
                        }
                        into.Reasons.Add(UnresolvedReason.Other);
                        return;
                    }
                    if (s.Kind == SelectionKind.FieldVal) { Variable((GoVar)s.Obj, into, visiting); return; }
                    var m = (GoFunc)s.Obj;
                    var recv = s.Recv.Unalias();
                    if (recv is GoPointer rp && s.Kind == SelectionKind.MethodExpr) recv = rp.Elem;
                    if (recv.Underlying is GoInterface iface)
                    {
                        var impls = Implementations(iface, m.Name);
                        foreach (var impl in impls) into.Targets.Add((NodeFor(impl), CallKind.Interface));
                        if (impls.Count == 0) into.Reasons.Add(UnresolvedReason.NoImplementation);
                    }
                    else into.Targets.Add((NodeFor(m), CallKind.Static));
                    return;
                case IndexExpr ix when ix.X is not null && info.TypeOf(ix.X)?.Underlying is GoSignature:
                    ResolveValue(ix.X, pkg, into, visiting); // F[int] used as a value
                    return;
                case IndexListExpr il when il.X is not null:
                    ResolveValue(il.X, pkg, into, visiting);
                    return;
                case IndexExpr or UnaryExpr { Op: Token.Arrow }:
                    into.Reasons.Add(UnresolvedReason.Element);
                    return;
                case CallExpr call:
                    Returned(call, pkg, into, visiting);
                    return;
            }
            into.Reasons.Add(UnresolvedReason.Other);
        }

        /// <summary>
        /// The function values a call returns: the single results of the
        /// return statements of its callee, when the callee is known by name
        /// (or is a literal called in place) and loaded from source.
        /// </summary>
        private void Returned(CallExpr call, Package pkg, ValueSet into, HashSet<GoVar> visiting)
        {
            var info = pkg.Info;
            CallGraphNode? callee = Callees.CalleeExpr(call, info) is FuncLit lit ? bySyntax.GetValueOrDefault(lit)
                : Callees.StaticCallee(call, info) is { } f ? nodes.GetValueOrDefault(f.Origin.Key) : null;
            if (callee?.Syntax is null || callee.Package is null || SignatureOf(callee)?.Results.Count != 1
                || !returns.TryGetValue(callee, out var rets) || !returning.Add(callee))
            {
                into.Reasons.Add(UnresolvedReason.CallResult);
                return;
            }
            try
            {
                foreach (var ret in rets)
                {
                    if (ret.Results.Count == 1) ResolveValue(ret.Results[0], callee.Package, into, visiting);
                    else if (SignatureOf(callee)!.Results[0] is { Name.Length: > 0 } named) Variable(named, into, visiting); // bare return of a named result
                    else into.Reasons.Add(UnresolvedReason.CallResult);
                }
            }
            finally { returning.Remove(callee); }
        }

        private readonly HashSet<CallGraphNode> returning = [];

        private void Variable(GoVar v, ValueSet into, HashSet<GoVar> visiting)
        {
            v = v.Origin;
            if (!visiting.Add(v)) return;
            if (facts.Sources.TryGetValue(v, out var sources))
                foreach (var (value, pkg) in sources) ResolveValue(value, pkg, into, visiting);
            if (facts.Opaque.TryGetValue(v, out var why)) into.Reasons.Add(why);
            if (paramOwner.TryGetValue(v, out var owner))
            {
                if (!AllCallersKnown(owner)) into.Reasons.Add(UnresolvedReason.Parameter);
            }
            else if (v.IsField)
            {
                if (v.Package is null || !sourcePackages.Contains(v.Package.Path) || sources is null) into.Reasons.Add(UnresolvedReason.Field);
            }
            else if (v.IsPackageLevel && (v.Package is null || !sourcePackages.Contains(v.Package.Path)))
                into.Reasons.Add(UnresolvedReason.Variable);
            else if (sources is null && !facts.Opaque.ContainsKey(v))
                into.Reasons.Add(v.IsPackageLevel ? UnresolvedReason.Variable : UnresolvedReason.Other);
        }

        /// <summary>Whether every call of a function is a call by name in loaded code (so its arguments are all seen).</summary>
        private bool AllCallersKnown(CallGraphNode n)
        {
            if (n.Func is not { } f) return false; // a literal: called through values
            if (f.IsMethod || f.Exported || f.Name == "main" || facts.UsedAsValue.Contains(n.Key)) return false;
            return true;
        }

        // ---- interfaces

        private List<GoFunc> Implementations(GoInterface iface, string method)
        {
            if (implementations.TryGetValue((iface, method), out var cached)) return cached;
            methodIndex ??= BuildMethodIndex();
            var result = new Dictionary<string, GoFunc>(StringComparer.Ordinal);
            if (methodIndex.TryGetValue(method, out var candidates))
                foreach (var (named, ptr, m) in candidates)
                    if (methodSets.Implements(named, ptr, iface)) result.TryAdd(m.Origin.Key, m.Origin);
            var list = result.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToList();
            implementations[(iface, method)] = list;
            return list;
        }

        /// <summary>Method name → the candidate types (converted to interfaces, or from packages not loaded from source) having it.</summary>
        private Dictionary<string, List<(GoNamed, bool, GoFunc)>> BuildMethodIndex()
        {
            var candidates = new HashSet<(GoNamed, bool)>(facts.Converted);
            foreach (var t in program.AllTypes)
                if (t is GoNamed n && n.Obj.Package is { } p && !sourcePackages.Contains(p.Path))
                {
                    candidates.Add((n, false));
                    candidates.Add((n, true));
                }
            var index = new Dictionary<string, List<(GoNamed, bool, GoFunc)>>(StringComparer.Ordinal);
            foreach (var (named, ptr) in candidates)
            {
                if (named.Underlying is GoInterface) continue;
                if (named.TypeParams.Count > 0 && named.TypeArgs.Count == 0) continue; // an uninstantiated generic
                foreach (var (name, m) in methodSets.Of(named, ptr))
                {
                    if (m.Signature.Recv?.Type?.Underlying is GoInterface) continue; // promoted from an embedded interface: dynamic again
                    if (!index.TryGetValue(name, out var list)) index[name] = list = [];
                    list.Add((named, ptr, m));
                }
            }
            return index;
        }
    }
}
