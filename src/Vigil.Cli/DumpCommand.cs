using System.CommandLine;
using Vigil.Dump;
using Vigil.Loading;
using Vigil.Syntax;

namespace Vigil.Cli;

internal static class DumpCommand
{
    public static Command Create()
    {
        var dump = new Command("dump", "Print Vigil's model of a package, for people debugging Vigil and for golden tests.");
        dump.Subcommands.Add(Model("syntax", "Print the syntax tree of a package (or one function): one node a line, with positions, types and objects.", SyntaxDump.Write));
        dump.Subcommands.Add(Model("types", "Print every identifier of a package (or one function) with its role, object kind and type, as go/types sees it.", TypesDump.Write));
        return dump;
    }

    internal static Command Model(string name, string description, Action<TextWriter, Package, Node?> write)
    {
        var common = new CommonOptions();
        var pattern = new Argument<string>("package") { Description = "One package: import path or directory pattern (e.g. ./internal/x)." };
        var func = new Argument<string?>("function") { Description = "Only this function: F, T.M or (*T).M.", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command(name, description);
        common.AddTo(cmd);
        cmd.Arguments.Add(pattern);
        cmd.Arguments.Add(func);
        cmd.SetAction(r =>
        {
            var (pkg, node) = LoadOne(common.Load(r, [r.GetValue(pattern)!]), r.GetValue(func));
            write(Console.Out, pkg, node);
            return 0;
        });
        return cmd;
    }

    /// <summary>Loads one package (the first matched, preferring the test variant) and finds a function in it.</summary>
    internal static (Package, FuncDecl?) LoadOne(LoadOptions load, string? function)
    {
        using var progress = new Progress();
        var program = Cli.LoadOrExplain(load, progress);
        progress.Dispose();
        Cli.ReportLoadProblems(program);
        var pkg = Cli.PickPackage(program);
        if (function is null) return (pkg, null);
        foreach (var p in program.Packages)
            if (FunctionFinder.Find(p, function) is { } fd) return (p, fd);
        throw new UsageException($"no function {function} in {pkg.Path}");
    }
}
