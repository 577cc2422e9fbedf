using System.CommandLine;
using Vigil.Analysis;
using Vigil.Filtering;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>`vigil explain CHECK`: the check's documentation with examples (the text SARIF's rule help carries).</summary>
internal static class ExplainCommand
{
    public static Command Create(IReadOnlyList<Analyzer>? available = null, TextWriter? stdout = null)
    {
        available ??= Registry.Checks;
        var check = new Argument<string>("check") { Description = "A check: nil or vigil-nil, race, escape, directive." };
        var cmd = new Command("explain", "Print what a check finds, with examples, and how to act on its findings.");
        cmd.Arguments.Add(check);
        cmd.SetAction(r =>
        {
            var name = r.GetValue(check)!;
            var all = available.Append(DirectiveCheck.Analyzer).ToList();
            var a = all.FirstOrDefault(c => c.Name == name || c.CheckId == name);
            if (a is null)
            {
                Console.Error.WriteLine($"vigil: unknown check \"{name}\"; the checks are: {string.Join(", ", all.Select(c => c.CheckId))}");
                return 2;
            }
            (stdout ?? Console.Out).Write(Rule.Of(a).Explanation);
            return 0;
        });
        return cmd;
    }
}
