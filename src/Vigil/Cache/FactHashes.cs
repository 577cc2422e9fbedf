using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Vigil.Analysis;
using Vigil.Analysis.Nil;
using Vigil.Analysis.Race;
using Vigil.Flow.Cfg;
using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Cache;

/// <summary>
/// A package's fact hash: the hash of everything about it that the analysis
/// of a package importing it can read, so that a dependent keyed by its
/// dependencies' fact hashes (not their content) is served from the cache
/// after an edit that leaves them unchanged — early cut-off. It covers:
/// <list type="bullet">
/// <item>the package's text outside function bodies (declarations, types,
/// signatures, package-level initializers) with every comment (doc comments,
/// directives) and the lines each body spans, so that positions after an
/// edited body stay covered;</item>
/// <item>nil: each function's summary (which results can be nil and the flow
/// that makes them so, which parameters it dereferences, whether it returns),
/// the field sites, channel closes and pools its code makes, the constructor
/// facts of its functions, and the callees whose nil results it checks;</item>
/// <item>race: each function's own events (accesses, locks, synchronization,
/// goroutines started, with positions), the skeleton that decides how its
/// callees' events are inlined (calls with their callees and arguments,
/// control flow and conditions, assignments and returns of reference values
/// or constants), and the channel capacities its code sets;</item>
/// <item>both: the functions that never return, and what its code tells the
/// call graph (function values stored, types converted to interfaces).</item>
/// </list>
/// Escape promises read the compiler's decisions in callees, which are not
/// summarized here: a package whose files mention escape annotations keeps
/// the content key (<see cref="KeyedPackage.MentionsEscapes"/>).
/// </summary>
public static class FactHashes
{
    /// <summary>
    /// The fact hash of every package of the load (dependency-only ones too), by id; empty when the
    /// analyses a hash needs did not complete (then nothing is keyed by facts: dependents are analyzed).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Of(GoProgram program, ProgramCache cache, IReadOnlyList<Analyzer> analyzers)
    {
        var names = Driver.TopologicalOrder(analyzers).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        Inference? nil = null;
        if (names.Contains("nil") && (nil = cache.Find<Inference>("vigil-nil/inference")) is null) return new Dictionary<string, string>();
        Summaries? race = names.Contains("race") ? Summaries.For(cache, program) : null;
        var noReturn = NoReturnAnalysis.For(cache, program);
        var graph = race is not null ? Vigil.Flow.CallGraph.CallGraph.For(cache, program) : null;
        var result = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        bool failed = false;
        BigStack.Run(() => Parallel.ForEach(program.Packages, pkg =>
        {
            try
            {
                var lines = new List<string>();
                if (!Surface(pkg, lines)) return;
                Functions(pkg, noReturn, lines);
                if (nil is not null) NilFacts(pkg, nil, lines);
                if (race is not null && !Summaries.IsRuntimeInternal(pkg.Path)) RaceFacts(pkg, race, graph!, lines);
                if (nil is not null || race is not null) lines.AddRange(Vigil.Flow.CallGraph.ProgramFacts.DescribePackage(pkg));
                var text = string.Join('\n', lines);
                if (Environment.GetEnvironmentVariable("VIGIL_DEBUG_FACTS") is { Length: > 0 } dir)
                    System.IO.File.WriteAllText(Path.Combine(dir, pkg.Id.Replace('/', '_') + $".{Environment.ProcessId}.facts"), text);
                result[pkg.Id] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
            }
            catch (Exception)
            {
                failed = true; // a package whose facts cannot be described is never keyed by them
            }
        }));
        return failed ? new Dictionary<string, string>() : result;
    }

    /// <summary>
    /// The text outside function bodies, the bodies' spans and every comment; false when a file
    /// no longer has the content it was loaded with (edited during the run: nothing is stored).
    /// </summary>
    private static bool Surface(Package pkg, List<string> lines)
    {
        lines.Add($"package {pkg.Id} {pkg.Name} {pkg.Files.Count}");
        foreach (var file in pkg.Files)
        {
            byte[] text;
            try
            {
                text = System.IO.File.ReadAllBytes(file.Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
            if (!SHA256.HashData(text).AsSpan().SequenceEqual(file.Hash)) return false;
            var outside = new List<byte>(text.Length);
            int at = 0;
            lines.Add("file " + file.Path);
            foreach (var body in Bodies(file.Syntax))
            {
                int start = Math.Clamp(body.Pos.Offset, at, text.Length), end = Math.Clamp(body.End.Offset, start, text.Length);
                outside.AddRange(text.AsSpan(at, start - at).ToArray());
                var from = file.Location(body.Pos);
                var to = file.Location(body.End);
                // The end's column is left out: what follows a body on its last line is a comment (listed
                // with its position below) or, rarely, code that a one-line edit of the body moves sideways.
                lines.Add($"body {from.Line}:{from.Column}-{to.Line}");
                at = end;
            }
            outside.AddRange(text.AsSpan(at).ToArray());
            lines.Add("text " + Convert.ToHexString(SHA256.HashData(outside.ToArray())));
            foreach (var group in file.Syntax.Comments)
                foreach (var c in group.List)
                    lines.Add($"comment {c.Location} {c.Text}");
        }
        return true;
    }

    /// <summary>The bodies of the file's function declarations, in order.</summary>
    private static IEnumerable<BlockStmt> Bodies(Syntax.File file) =>
        file.Decls.OfType<FuncDecl>().Select(d => d.Body).OfType<BlockStmt>().OrderBy(b => b.Pos.Offset);

    /// <summary>The declared functions with bodies, with their objects (in file order).</summary>
    private static IEnumerable<(FuncDecl Decl, GoFunc Func)> Declared(Package pkg) =>
        pkg.Files.SelectMany(f => f.Syntax.Decls.OfType<FuncDecl>())
            .Where(d => d.Body is not null && d.Name is not null)
            .Select(d => (d, pkg.Info.DefOf(d.Name!) as GoFunc)).Where(x => x.Item2 is not null).Select(x => (x.d, x.Item2!));

    private static void Functions(Package pkg, NoReturnOracle noReturn, List<string> lines)
    {
        foreach (var (_, f) in Declared(pkg))
            if (noReturn.Found(f.Key) is { } kind) lines.Add($"noreturn {f.LineKey} {kind}");
    }

    private static void NilFacts(Package pkg, Inference nil, List<string> lines)
    {
        var world = nil.World;
        foreach (var (decl, f) in Declared(pkg))
            lines.Add($"nil {f.LineKey} {(world.SummaryOf(f) is { } s ? Describe(s) : "none")}{(world.PureGetters.IsPure(f) ? " pure" : "")}");
        var fields = new FieldSites();
        var channels = new ClosedChannels();
        var pools = new Pools();
        foreach (var file in pkg.Files)
        {
            fields.Scan(pkg, file.Syntax, file.IsTest);
            channels.Scan(pkg.Info, file.Syntax);
            pools.Scan(pkg.Info, file.Syntax);
        }
        var lineOf = pkg.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        // Field sites name functions by file and offset: by line and column here (stable under edits that keep lines).
        string Function(string key)
        {
            int colon = key.LastIndexOf(':');
            return colon > 0 && int.TryParse(key.AsSpan(colon + 1), out int offset) && lineOf.TryGetValue(key[..colon], out var file)
                ? file.Location(new Pos(offset + 1)).ToString() : key;
        }
        lines.AddRange(fields.Describe(Function));
        lines.AddRange(world.Fields.ConstructorFactsOf(pkg.Id, Function));
        lines.AddRange(channels.Describe());
        lines.AddRange(pools.Describe());
        lines.AddRange(nil.CheckedBy.Where(kv => kv.Value.Contains(pkg.Path)).Select(kv => "checks " + kv.Key).Order(StringComparer.Ordinal));
    }

    private static string Describe(FunctionSummary s)
    {
        var sb = new StringBuilder();
        sb.Append(s.NoReturn ? "noreturn" : "returns");
        for (int i = 0; i < s.Results.Length; i++)
            sb.Append($" r{i}[{Trace(s.Results[i])} notnil={s.ResultNotNil[i]} literal={s.ResultLiteralNil[i]} nilerr={s.ResultNilWithNilError[i]} closed={s.ClosedChannelResults[i]}]");
        for (int i = 0; i < s.Params.Length; i++)
            sb.Append($" p{i}[{Trace(s.Params[i])}]");
        return sb.ToString();
    }

    private static string Trace(IEnumerable<Findings.RelatedLocation>? trace) =>
        trace is null ? "-" : string.Join(" ", trace.Select(t => $"{t.Location}:{t.Message}"));

    /// <summary>
    /// Race facts, kept linear in the package's size: each function's own events (budget 0: no
    /// callee inlined) and the skeleton that decides how callers see its callees' events when
    /// they inline it deeper — every call with its callee and argument texts (from the call
    /// graph), the statements that shape control flow and their conditions, and the expressions
    /// that make aliases: assignments and returns of reference values (pointers, maps, slices,
    /// channels, functions, interfaces) or of constants. An edit elsewhere in a body (a string
    /// built differently, arithmetic on scalars) leaves them unchanged.
    /// </summary>
    private static void RaceFacts(Package pkg, Summaries race, Vigil.Flow.CallGraph.CallGraph graph, List<string> lines)
    {
        var info = pkg.Info;
        string Text(Expr? e) => e is null ? "" : ExprText.Of(e);
        string Aliasing(Expr? e) => e is not null && (IsReference(info.TypeOf(e)) || info.ConstValue(e) is not null) ? Text(e) : "_";
        foreach (var file in pkg.Files)
            foreach (var n in file.Syntax.Descendants())
            {
                if (n is FuncDecl { Body: not null } or FuncLit)
                {
                    var events = race.EventsOf(new FunctionRef(n, pkg), 0);
                    var sb = new StringBuilder($"race {n.Location}");
                    Describe(events.Events, sb);
                    sb.Append(" held ").AppendJoin(",", events.ExitHeld.Select(Describe));
                    sb.Append(" released ").AppendJoin(",", events.ExitReleased.Select(Describe));
                    sb.Append(" received ").AppendJoin(",", events.ExitReceived.Select(Describe));
                    sb.Append(" sent ").AppendJoin(",", events.ExitSent.Select(Describe));
                    lines.Add(sb.ToString());
                    continue;
                }
                string? line = n switch
                {
                    CallExpr c => $"call {Text(c.Fun)}({string.Join(", ", c.Args.Select(Text))}) -> {string.Join(",", graph.EdgesOf(c).Select(e => $"{e.Kind}:{e.Callee?.Key}"))}",
                    ReturnStmt r => $"return {string.Join(", ", r.Results.Select(Aliasing))}",
                    AssignStmt a => $"assign {string.Join(", ", a.Lhs.Select(Text))} {a.Tok} {string.Join(", ", a.Rhs.Select(Aliasing))}",
                    ValueSpec v => $"var {string.Join(", ", v.Names.Select(Text))} = {string.Join(", ", v.Values.Select(Aliasing))}",
                    IfStmt i => $"if {Text(i.Cond)}",
                    ForStmt f => $"for {Text(f.Cond)}",
                    RangeStmt r => $"range {Text(r.Key)} {Text(r.Value)} {r.Tok} {Text(r.X)}",
                    SwitchStmt sw => $"switch {Text(sw.Tag)}",
                    TypeSwitchStmt => "typeswitch",
                    SelectStmt => "select",
                    CaseClause cc => $"case {string.Join(", ", cc.List.Select(Text))}",
                    CommClause => "comm",
                    GoStmt => "go",
                    DeferStmt => "defer",
                    BranchStmt b => $"branch {b.Tok} {b.Label?.Name}",
                    LabeledStmt l => $"label {l.Label?.Name}",
                    BlockStmt => "block",
                    _ => null,
                };
                if (line is not null) lines.Add($"{line} @{n.Location.Line}:{n.Location.Column}");
            }
        lines.AddRange(ChannelCapacities.Gather(pkg).Select(kv => $"capacity {kv.Key.LineKey} {kv.Value}").Order(StringComparer.Ordinal));
    }

    private static bool IsReference(GoType? t) =>
        t?.Underlying is GoPointer or GoMap or GoSlice or GoChan or GoSignature or GoInterface;

    private static void Describe(IReadOnlyList<Event> events, StringBuilder sb)
    {
        sb.Append(" {");
        foreach (var e in events)
        {
            sb.Append($" {e.Kind} {Describe(e.Loc)} w={e.Write} a={e.Atomic} f={e.Fresh} n={e.Nil} j={e.JoinOnly} {e.Sync}")
              .Append(" locks=").AppendJoin(",", e.Locks.Select(Describe))
              .Append($" site={e.Site.Location} origin={e.Origin.Location} chain=").AppendJoin(",", e.Chain.Select(c => c.Location))
              .Append($" d={e.Deferred} u={e.Unconditional} t={e.AtTop} scope={e.Scope?.Location}/{e.ScopeAfter} cond=").AppendJoin("", e.CondPath.Select(b => b ? '1' : '0'))
              .Append($" callee={e.Callee?.LineKey} args={e.Args.Count};");
            if (e.Spawn is { } s)
            {
                sb.Append($" spawn {s.Kind} {s.Start.Location} many={s.Many} {s.FunctionName} per=")
                  .AppendJoin(",", s.PerInstance.Select(v => v.LineKey).Order(StringComparer.Ordinal));
                Describe(s.Child, sb);
            }
        }
        sb.Append(" }");
    }

    private static string Describe(HeldLock l) => $"{Describe(l.Lock)}/{l.ReadOnly}/{l.Once}/{l.Assumed}";

    private static string Describe(Loc? l) => l is null ? "-" : $"{l.Root.Name}@{l.Root.Location}:{l}";
}
