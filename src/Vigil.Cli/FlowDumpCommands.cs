using System.CommandLine;
using Vigil.Flow.Cfg;
using Vigil.Loading;

namespace Vigil.Cli;

/// <summary>`vigil dump cfg` and `vigil dump callgraph`: the program representation the checks share.</summary>
internal static class FlowDumpCommands
{
    /// <summary>Adds the flow dumps under the existing `dump` command.</summary>
    public static void AddTo(RootCommand root)
    {
        var dump = root.Subcommands.First(c => c.Name == "dump");
        dump.Subcommands.Add(Cfg());
        dump.Subcommands.Add(CallGraphCommand());
    }

    private static Command CallGraphCommand()
    {
        var common = new CommonOptions();
        var patterns = new Argument<string[]>("packages") { Description = "Package patterns (e.g. ./...): the call graph of the whole load is built, and the calls made in these packages are printed.", Arity = ArgumentArity.ZeroOrMore };
        var cmd = new Command("callgraph", "Print the call graph: for each function, its call sites and their possible targets, with the kind of each edge (static, interface, funcvalue, dynamic: reason) and go/defer.");
        common.AddTo(cmd);
        cmd.Arguments.Add(patterns);
        cmd.SetAction(r => Guarded(() =>
        {
            using var progress = new Progress();
            var program = Cli.LoadOrExplain(common.Load(r, r.GetValue(patterns) ?? []), progress);
            progress.Dispose();
            Cli.ReportLoadProblems(program);
            var graph = Vigil.Flow.CallGraph.CallGraphBuilder.Build(program);
            Vigil.Flow.CallGraph.CallGraphPrinter.Write(Console.Out, graph, program.Packages);
            return 0;
        }));
        return cmd;
    }

    private static Command Cfg()
    {
        var common = new CommonOptions();
        var pattern = new Argument<string>("package") { Description = "One package: import path or directory pattern (e.g. ./internal/x)." };
        var func = new Argument<string?>("function") { Description = "Only this function (and its function literals): F, T.M or (*T).M.", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("cfg", "Print control-flow graphs: blocks with their statements in evaluation order, edges with their kind and branch condition, and defers.");
        common.AddTo(cmd);
        cmd.Arguments.Add(pattern);
        cmd.Arguments.Add(func);
        cmd.SetAction(r => Guarded(() =>
        {
            var (program, pkg) = Load(common.Load(r, [r.GetValue(pattern)!]));
            var name = r.GetValue(func);
            if (!CfgDump.Write(Console.Out, program, pkg, name))
                throw new UsageException($"no function {name} in {pkg.Path}");
            return 0;
        }));
        return cmd;
    }

    /// <summary>
    /// Reports usage and load errors as Program.cs intends (message, exit 2):
    /// System.CommandLine catches exceptions thrown by actions before they
    /// reach Program.cs's handler, printing a stack trace instead.
    /// </summary>
    private static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is LoadException or UsageException)
        {
            Console.Error.WriteLine($"vigil: {e.Message}");
            return 2;
        }
    }

    /// <summary>Loads and picks the package to show: the first matched, preferring the test variant (as DumpCommand does).</summary>
    internal static (Loading.GoProgram, Loading.Package) Load(Loading.LoadOptions load)
    {
        using var progress = new Progress();
        var program = Cli.LoadOrExplain(load, progress);
        progress.Dispose();
        Cli.ReportLoadProblems(program);
        var pkg = Cli.PickPackage(program);
        return (program, pkg);
    }
}
