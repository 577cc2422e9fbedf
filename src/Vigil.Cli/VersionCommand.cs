using System.CommandLine;
using System.Reflection;
using Vigil.Loading;

namespace Vigil.Cli;

internal static class VersionCommand
{
    public static Command Create()
    {
        var cmd = new Command("version", "Print Vigil's version, its front-end's source hash and the Go toolchain it uses.");
        cmd.SetAction(_ =>
        {
            var v = typeof(Loader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
            Console.WriteLine($"vigil {v}");
            Console.WriteLine($"front-end {FrontendCache.SourceHash()}");
            try
            {
                var go = GoToolchain.Find();
                Console.WriteLine($"go {go.Version} ({go.GoPath})");
            }
            catch (LoadException e)
            {
                Console.WriteLine($"go: {e.Message}");
            }
            return 0;
        });
        return cmd;
    }
}
