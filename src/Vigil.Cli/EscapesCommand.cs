using System.CommandLine;
using Vigil.Analysis.Escape;

namespace Vigil.Cli;

/// <summary>`vigil escapes PATTERN [FUNC]`: what may allocate in a function and everything it calls, per the compiler.</summary>
internal static class EscapesCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var pattern = new Argument<string>("packages") { Description = "Package pattern (e.g. ./internal/x or ./...)." };
        var func = new Argument<string?>("function") { Description = "Only this function: F, T.M or (*T).M. Default: every function.", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("escapes", """
            Print what may escape to the heap in a function and in everything it calls
            (heap, builtin, interface, dynamic, stack, unknown), each with its call chain,
            as the Go compiler decided it. Use it before writing a +checkescape promise.
            """);
        common.AddTo(cmd);
        cmd.Arguments.Add(pattern);
        cmd.Arguments.Add(func);
        cmd.SetAction(r =>
        {
            var load = common.Load(r, [r.GetValue(pattern)!]);
            EarlyCompile.Start(load, allPackages: true); // compiles while the program loads
            using var progress = new Progress();
            var program = Cli.LoadOrExplain(load, progress);
            progress.Dispose();
            int status = Cli.ReportLoadProblems(program);
            string? name = r.GetValue(func);
            var decls = EscapesReport.Select(program, name);
            if (decls.Count == 0)
            {
                // Reported here: System.CommandLine would print an exception thrown from an action as a crash.
                Console.Error.WriteLine("vigil: " + (name is null ? "no functions with bodies in the matched packages" : $"no function {name} in the matched packages (write F, T.M or (*T).M)"));
                return 2;
            }
            EscapesReport.Write(Console.Out, program, decls, load.WorkingDirectory);
            return status;
        });
        return cmd;
    }
}
