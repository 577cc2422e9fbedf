using System.Collections.Concurrent;
using Vigil.Loading;

namespace Vigil.Analysis.Escape;

/// <summary>
/// Starts the escape check's compile while the program is still loading.
/// The compile needs only package paths, not the typed model, so it need not
/// wait for type checking: a quick listing of the patterns (go list without
/// -export, which compiles nothing) and a textual scan of the files for
/// annotations give the packages that have them and, with the loaded
/// packages they import, most of what <see cref="EscapeModel"/> will find it
/// needs. When the model is built it takes this compile, restricted to its
/// plan, and compiles only the packages it still misses; as the compiler
/// works one package at a time, the findings are those of one compile of
/// the plan. A compile nobody takes is killed at exit.
/// </summary>
public static class EarlyCompile
{
    public sealed record Result(CompilePlan Plan, CompilerOutput Output);

    private sealed class Started
    {
        public readonly CancellationTokenSource Cancel = new();
        public readonly TaskCompletionSource<CompilePlan?> Plan = new(TaskCreationOptions.RunContinuationsAsynchronously);
        /// <summary>Created before it runs, so that whoever sees the plan sees this task too.</summary>
        public readonly Task<CompilerOutput?> Output;

        public Started(LoadOptions options, bool allPackages)
        {
            Output = new Task<CompilerOutput?>(() =>
            {
                try
                {
                    // With a cold build cache, loading compiles the dependencies; compiling them at the same
                    // time here would do it twice (concurrent go commands do not share work): wait for loading.
                    var listing = PackageListing.List(options);
                    var plan = listing.DependenciesCached ? Guess(listing.Packages, options.Tests, allPackages) : new CompilePlan([], false);
                    Plan.SetResult(plan.IsEmpty ? null : plan);
                    return plan.IsEmpty ? null : plan.Compile(options.Tags, Cancel.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or IOException
                                          or System.ComponentModel.Win32Exception or System.Text.Json.JsonException)
                {
                    Plan.TrySetResult(null);
                    return null;
                }
                catch
                {
                    Plan.TrySetResult(null);
                    throw;
                }
            });
        }
    }

    private static readonly ConcurrentDictionary<string, Started> running = new(StringComparer.Ordinal);
    private static readonly ConcurrentBag<string> served = [];

    /// <summary>Whether a compile started for these options was taken by a model (for tests and diagnostics).</summary>
    public static bool WasServed(LoadOptions options) => served.Contains(Key(options));

    static EarlyCompile()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var s in running.Values) s.Cancel.Cancel();
        };
    }

    /// <summary>Starts the compile for a load that is about to run (in the background; returns at once).</summary>
    public static void Start(LoadOptions options) => Start(options, allPackages: false);

    /// <summary>
    /// Starts the compile for a load that is about to run; with
    /// <paramref name="allPackages"/>, of every matched package (for `vigil
    /// escapes`, which reports on functions whether annotated or not).
    /// </summary>
    public static void Start(LoadOptions options, bool allPackages)
    {
        var started = new Started(options, allPackages);
        if (running.TryAdd(Key(options), started)) started.Output.Start();
    }

    /// <summary>
    /// The compile started for <paramref name="options"/>, waited for, when
    /// it can serve <paramref name="needed"/> (it compiled some of its
    /// packages, with tests if it needs them); null when none was started, it
    /// cannot serve (it is then killed), or it failed.
    /// </summary>
    public static Result? Take(LoadOptions options, CompilePlan needed)
    {
        if (!running.TryRemove(Key(options), out var started)) return null;
        try
        {
            var plan = started.Plan.Task.GetAwaiter().GetResult();
            if (plan is null || (needed.Tests && !plan.Tests) || !plan.Paths.Intersect(needed.Paths).Any())
            {
                started.Cancel.Cancel();
                return null;
            }
            if (started.Output.GetAwaiter().GetResult() is not { } output) return null;
            served.Add(Key(options));
            return new Result(plan, output);
        }
        finally
        {
            // Waits for a cancelled compile to end before disposing what it uses.
            try { started.Output.Wait(); } catch (AggregateException) { }
            started.Cancel.Dispose();
        }
    }

    private static string Key(LoadOptions o) =>
        string.Join("\0", [o.WorkingDirectory, o.Tags ?? "", o.Tests ? "tests" : "", .. o.Patterns]);

    /// <summary>
    /// The packages whose files mention an annotation, and the loaded packages
    /// they import directly (where most callees are; callees further down
    /// are compiled after loading, see <see cref="CompilePlan.Without"/>).
    /// </summary>
    internal static CompilePlan Guess(IReadOnlyList<ListedPackage> listed, bool withTests, bool allPackages = false)
    {
        var byPath = listed.ToDictionary(p => p.ImportPath, StringComparer.Ordinal);
        var chosen = new List<ListedPackage>();
        bool tests = false;
        foreach (var p in listed)
        {
            bool inTests = withTests && p.TestFiles.Any(MentionsAnnotation);
            if (!inTests && !(allPackages ? p.Files.Count > 0 : p.Files.Any(MentionsAnnotation))) continue;
            tests |= inTests;
            chosen.Add(p);
            foreach (var dep in inTests ? p.Imports.Concat(p.TestImports) : p.Imports)
                if (byPath.TryGetValue(dep, out var d)) chosen.Add(d);
        }
        return new CompilePlan(chosen.Select(p => (CompilerRun.ModuleRoot(p.Dir), p.ImportPath)), tests);
    }

    /// <summary>
    /// Whether a file may hold a promise or an exemption: a superset of what
    /// <see cref="AnnotationParser.Classify"/> accepts ("// +checkescape",
    /// "// +mustescape", "// escapes:"), found without parsing.
    /// </summary>
    internal static bool MentionsAnnotation(string path)
    {
        ReadOnlySpan<byte> text;
        try { text = File.ReadAllBytes(path); }
        catch (IOException) { return true; } // unreadable now: let the model decide
        catch (UnauthorizedAccessException) { return true; }
        return text.IndexOf("// +checkescape"u8) >= 0 || text.IndexOf("// +mustescape"u8) >= 0 || text.IndexOf("// escapes:"u8) >= 0;
    }
}
