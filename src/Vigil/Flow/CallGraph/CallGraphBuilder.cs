using System.Collections.Concurrent;
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

    /// <summary>Whether a range statement ranges over a function (an iterator it calls with the loop body as yield).</summary>
    public static bool IsRangeOverFunc(RangeStmt r, TypeInfo info) => r.X is not null && info.TypeOf(r.X)?.Underlying is GoSignature;

    private sealed class Builder(GoProgram program)
    {
        // Written by the sequential merge steps only, read in parallel after;
        // nodes alone also grow during resolution (functions not loaded from
        // source get their node when first called), hence concurrent.
        private readonly ConcurrentDictionary<string, CallGraphNode> nodes = new(StringComparer.Ordinal);
        private readonly Dictionary<Node, CallGraphNode> bySyntax = new();
        private readonly Dictionary<Node, List<CallEdge>> bySite = new();
        private readonly Dictionary<GoVar, CallGraphNode> paramOwner = new();
        private readonly ProgramFacts facts = new();
        private readonly Dictionary<CallGraphNode, List<ReturnStmt>> returns = new();
        private readonly MethodSets methodSets = new();
        private readonly ConcurrentDictionary<(GoInterface, string), List<GoFunc>> implementations = new();
        private Dictionary<string, List<(GoNamed Named, bool Pointer, GoFunc Method)>> methodIndex = null!;
        private HashSet<string> sourcePackages = null!;

        /// <summary>
        /// Three phases, each parallel over packages and merged in package
        /// order, so the graph (down to the order of every edge list) is the
        /// same whatever the scheduling: walk each package (nodes, facts, call
        /// sites); add the arguments of calls by name to the parameters'
        /// sources; resolve every call site. Resolution needs the first two
        /// program-wide, so each phase ends before the next starts.
        /// </summary>
        public CallGraph Run()
        {
            var packages = SourcePackages(program);
            sourcePackages = packages.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
            var walks = InParallel(packages, Walk);
            foreach (var w in walks) Merge(w);
            var arguments = InParallel(walks, w => w.Calls.SelectMany(c => c.Site is CallExpr call ? ParameterSources(call, w.Package) : []).ToList());
            foreach (var list in arguments)
                foreach (var (param, arg, pkg) in list) facts.AddSource(param, arg, pkg);
            methodIndex = BuildMethodIndex();
            var planned = InParallel(walks, w => w.Calls.Select(c => Plan(c.Site, w.Package)).ToList());
            for (int i = 0; i < walks.Count; i++)
                for (int j = 0; j < walks[i].Calls.Count; j++)
                {
                    var (site, caller) = walks[i].Calls[j];
                    foreach (var e in planned[i][j]) AddEdge(caller, e, site);
                }
            return new CallGraph(new Dictionary<string, CallGraphNode>(nodes, StringComparer.Ordinal), bySyntax, bySite);
        }

        private static List<TOut> InParallel<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> work)
        {
            var results = new TOut[items.Count];
            Parallel.For(0, items.Count, i => results[i] = work(items[i]));
            return [.. results];
        }

        // ---- nodes

        private CallGraphNode NodeFor(GoFunc f)
        {
            var origin = f.Origin;
            return nodes.GetOrAdd(origin.Key, (_, o) => new CallGraphNode(o.Key, o, null, null), origin);
        }

        /// <summary>What one package's walk found, merged into the builder in package order.</summary>
        private sealed class PackageWalk(Package package)
        {
            public readonly Package Package = package;
            public readonly List<CallGraphNode> Nodes = [];
            public readonly List<(Node Syntax, CallGraphNode Node)> Syntax = [];
            public readonly List<(GoVar Param, CallGraphNode Owner)> Params = [];
            public readonly Dictionary<CallGraphNode, List<ReturnStmt>> Returns = [];
            /// <summary>Call sites: every CallExpr, and every range over a function (which calls the iterator).</summary>
            public readonly List<(Node Site, CallGraphNode Caller)> Calls = [];
            public readonly ProgramFacts Facts = new();
        }

        private void Merge(PackageWalk w)
        {
            // Keys are unique across packages (they start with the package path);
            // within one, a function declared twice (code that does not type
            // check) keeps its first node, as the declaration order gives.
            foreach (var n in w.Nodes) nodes.TryAdd(n.Key, n);
            foreach (var (syntax, node) in w.Syntax) bySyntax[syntax] = node;
            foreach (var (param, owner) in w.Params) paramOwner[param] = owner;
            foreach (var (fn, list) in w.Returns) returns[fn] = list;
            facts.Merge(w.Facts);
        }

        private PackageWalk Walk(Package pkg)
        {
            var w = new PackageWalk(pkg);
            var local = new Dictionary<string, CallGraphNode>(StringComparer.Ordinal);
            CallGraphNode Declare(string key, GoFunc? func, Node? syntax)
            {
                if (local.TryGetValue(key, out var existing)) return existing;
                var node = new CallGraphNode(key, func, syntax, pkg);
                local[key] = node;
                w.Nodes.Add(node);
                return node;
            }
            var info = pkg.Info;
            var owners = new Stack<CallGraphNode>();
            var ordinals = new Stack<int>();
            var init = Declare(pkg.Path + ".<init>", null, pkg.Files.FirstOrDefault()?.Syntax);
            int initLiterals = 0; // literals of package-level declarations, numbered across them
            var walk = new SyntaxWalk(n =>
            {
                switch (n)
                {
                    case FuncDecl fd:
                        var owner = info.DefOf(fd.Name!) is GoFunc f ? Declare(f.Origin.Key, f.Origin, fd) : init;
                        if (owner != init)
                        {
                            owner.Syntax = fd;
                            w.Syntax.Add((fd, owner));
                            foreach (var p in Params(fd.Type, info)) w.Params.Add((p, owner));
                            if (fd.Recv is not null) foreach (var p in Params(fd.Recv, info)) w.Params.Add((p, owner));
                        }
                        owners.Push(owner);
                        ordinals.Push(owner == init ? initLiterals : 0);
                        break;
                    case GenDecl when n.Parent is Syntax.File:
                        // Package-level declarations: their literals and calls belong to the initializer.
                        owners.Push(init);
                        ordinals.Push(initLiterals);
                        break;
                    case FuncLit lit:
                        var parent = owners.Count > 0 ? owners.Peek() : init;
                        int ordinal = ordinals.Count > 0 ? ordinals.Pop() + 1 : 1;
                        ordinals.Push(ordinal);
                        var node = Declare($"{parent.Key}${ordinal}", null, lit);
                        w.Syntax.Add((lit, node));
                        foreach (var p in Params(lit.Type, info)) w.Params.Add((p, node));
                        owners.Push(node);
                        ordinals.Push(0);
                        break;
                    case CallExpr call:
                        w.Calls.Add((call, owners.Count > 0 ? owners.Peek() : init));
                        break;
                    case RangeStmt r when IsRangeOverFunc(r, info):
                        w.Calls.Add((r, owners.Count > 0 ? owners.Peek() : init));
                        break;
                    case ReturnStmt ret when owners.Count > 0:
                        // What a function returns, for calls of function values it produces (mk()()).
                        var fn = owners.Peek();
                        if (!w.Returns.TryGetValue(fn, out var list)) w.Returns[fn] = list = [];
                        list.Add(ret);
                        break;
                    case CommentGroup or Comment or ImportSpec:
                        return false;
                }
                w.Facts.Visit(n, pkg, info);
                return true;
            }, n =>
            {
                if (n is FuncDecl or FuncLit || n is GenDecl && n.Parent is Syntax.File)
                {
                    var owner = owners.Pop();
                    int count = ordinals.Pop();
                    if (owner == init) initLiterals = count;
                }
            });
            foreach (var file in pkg.Files) walk.Walk(file.Syntax);
            return w;
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

        /// <summary>The function-typed parameters a call by name passes arguments to, with the arguments.</summary>
        private IEnumerable<(GoVar Param, Expr Arg, Package Package)> ParameterSources(CallExpr call, Package pkg)
        {
            if (call.Args.Count == 0) yield break;
            var info = pkg.Info;
            CallGraphNode? target = Callees.CalleeExpr(call, info) is FuncLit lit ? bySyntax.GetValueOrDefault(lit)
                : Callees.StaticCallee(call, info) is { } f ? nodes.GetValueOrDefault(f.Origin.Key) : null;
            if (target?.Syntax is null) yield break;
            var ps = ParamsOf(target);
            for (int i = 0; i < call.Args.Count && i < ps.Count; i++)
            {
                bool variadicTail = i == ps.Count - 1 && SignatureOf(target)?.Variadic == true && !call.Ellipsis.IsValid;
                if (!variadicTail && ProgramFacts.IsFunc(ps[i].Type)) yield return (ps[i], call.Args[i], pkg);
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

        /// <summary>One edge a call site will get, decided in parallel and added in order.</summary>
        private readonly record struct PlannedEdge(CallGraphNode? Callee, CallKind Kind, CallMode Mode, UnresolvedReason Why, IReadOnlyList<GoType> TypeArgs);

        /// <summary>
        /// The edges of one call site, in the order they are added. Reads the
        /// facts only (safe in parallel); the one thing it may create is the
        /// node of a function not loaded from source.
        /// </summary>
        private List<PlannedEdge> Plan(Node site, Package pkg)
        {
            var info = pkg.Info;
            var edges = new List<PlannedEdge>(1);
            if (site is RangeStmt range)
            {
                FunctionValueEdges(range.X!, pkg, CallMode.Call, edges);
                return edges;
            }
            var call = (CallExpr)site;
            if (call.Fun is null || info.IsType(call.Fun)) return edges; // a conversion
            var mode = call.Parent switch
            {
                GoStmt g when g.Call == call => CallMode.Go,
                DeferStmt d when d.Call == call => CallMode.Defer,
                _ => CallMode.Call,
            };
            void Add(CallGraphNode? callee, CallKind kind, UnresolvedReason why = UnresolvedReason.None, IReadOnlyList<GoType>? typeArgs = null) =>
                edges.Add(new PlannedEdge(callee, kind, mode, why, typeArgs ?? []));
            var calleeExpr = Callees.CalleeExpr(call, info);
            var obj = Callees.CalleeObject(call, info);
            if (obj is GoBuiltin) return edges;
            if (calleeExpr is FuncLit lit && bySyntax.TryGetValue(lit, out var litNode))
            {
                Add(litNode, CallKind.Static);
                return edges;
            }
            if (obj is GoFunc f)
            {
                if (DispatchInterface(call, info) is { } iface)
                {
                    var impls = Implementations(iface, f.Name);
                    foreach (var m in impls) Add(NodeFor(m), CallKind.Interface);
                    if (impls.Count == 0) Add(null, CallKind.Dynamic, UnresolvedReason.NoImplementation);
                    return edges;
                }
                Add(NodeFor(f), CallKind.Static, typeArgs: TypeArgsOf(calleeExpr, info));
                return edges;
            }
            FunctionValueEdges(calleeExpr!, pkg, mode, edges);
            return edges;
        }

        /// <summary>The edges of a call of a function value: one per function it may hold, and a dynamic one when some are not known.</summary>
        private void FunctionValueEdges(Expr value, Package pkg, CallMode mode, List<PlannedEdge> edges)
        {
            var values = new ValueSet();
            ResolveValue(value, pkg, values, []);
            foreach (var (target, kind) in values.Targets.OrderBy(t => t.Node.Key, StringComparer.Ordinal))
                edges.Add(new PlannedEdge(target, kind == CallKind.Static ? CallKind.FuncValue : kind, mode, UnresolvedReason.None, []));
            var reason = values.Reasons.Count > 0 ? values.Reasons.Min()
                : values.Targets.Count == 0 ? UnresolvedReason.Variable : UnresolvedReason.None;
            if (reason != UnresolvedReason.None) edges.Add(new PlannedEdge(null, CallKind.Dynamic, mode, reason, []));
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

        private void AddEdge(CallGraphNode caller, PlannedEdge planned, Node site)
        {
            var e = new CallEdge(caller, planned.Callee, site, planned.Kind, planned.Mode, planned.Why) { TypeArgs = planned.TypeArgs };
            caller.outEdges.Add(e);
            planned.Callee?.inEdges.Add(e);
            if (!bySite.TryGetValue(site, out var list)) bySite[site] = list = [];
            list.Add(e);
        }

        // ---- function values

        private sealed class ValueSet
        {
            public readonly HashSet<(CallGraphNode Node, CallKind Kind)> Targets = [];
            public readonly HashSet<UnresolvedReason> Reasons = [];
            /// <summary>The functions whose results are being followed (mk()() inside mk), against recursion.</summary>
            public readonly HashSet<CallGraphNode> Returning = [];
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
                case IndexExpr { X: var container }:
                    Elements(ProgramFacts.VarOf(container, info), into, visiting);
                    return;
                case UnaryExpr { Op: Token.Arrow, X: var channel }:
                    Elements(ProgramFacts.VarOf(channel, info), into, visiting);
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
                || !returns.TryGetValue(callee, out var rets) || !into.Returning.Add(callee))
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
            finally { into.Returning.Remove(callee); }
        }

        /// <summary>The function values a container variable or field holds (see ProgramFacts.Elements).</summary>
        private void Elements(GoVar? container, ValueSet into, HashSet<GoVar> visiting)
        {
            if (container is null || !ProgramFacts.IsFuncContainer(container.Type)) { into.Reasons.Add(UnresolvedReason.Element); return; }
            container = container.Origin;
            if (!visiting.Add(container)) return;
            bool elsewhere = container.Package is null || !sourcePackages.Contains(container.Package.Path);
            if (elsewhere || facts.OpaqueContainers.Contains(container) || paramOwner.ContainsKey(container)
                || !facts.ElementSources.TryGetValue(container, out var values))
            {
                into.Reasons.Add(UnresolvedReason.Element);
                return;
            }
            foreach (var (value, pkg) in values) ResolveValue(value, pkg, into, visiting);
        }

        private void Variable(GoVar v, ValueSet into, HashSet<GoVar> visiting)
        {
            v = v.Origin;
            if (!visiting.Add(v)) return;
            if (facts.RangesOver.TryGetValue(v, out var container))
            {
                // for _, f := range hooks: f holds the elements (and whatever else is assigned to it).
                Elements(container, into, visiting);
                if (facts.Sources.TryGetValue(v, out var assigned))
                    foreach (var (value, pkg) in assigned) ResolveValue(value, pkg, into, visiting);
                return;
            }
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
            var list = Implementations(iface, method, []);
            return implementations.GetOrAdd((iface, method), list);
        }

        /// <summary>
        /// The concrete methods a call of <paramref name="method"/> through the
        /// interface may run. A type that has the method only by embedding an
        /// interface (struct{ io.Reader }) forwards the call to whatever the
        /// field holds: the implementations of the embedded interface's method.
        /// <paramref name="visiting"/> stops cycles of such embeddings; results
        /// of inner steps are not cached, since a cycle leaves them partial.
        /// </summary>
        private List<GoFunc> Implementations(GoInterface iface, string method, HashSet<GoInterface> visiting)
        {
            if (!visiting.Add(iface)) return [];
            var result = new Dictionary<string, GoFunc>(StringComparer.Ordinal);
            if (methodIndex.TryGetValue(method, out var candidates))
                foreach (var (named, ptr, m) in candidates)
                {
                    if (!methodSets.Implements(named, ptr, iface)) continue;
                    if (m.Signature.Recv?.Type?.Underlying is GoInterface embedded)
                    {
                        var inner = implementations.TryGetValue((embedded, method), out var done) ? done : Implementations(embedded, method, visiting);
                        foreach (var f in inner) result.TryAdd(f.Key, f);
                    }
                    else result.TryAdd(m.Origin.Key, m.Origin);
                }
            visiting.Remove(iface);
            return result.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value).ToList();
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
                    if (!index.TryGetValue(name, out var list)) index[name] = list = [];
                    list.Add((named, ptr, m));
                }
            }
            return index;
        }
    }
}
