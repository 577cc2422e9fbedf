using System.Diagnostics;

namespace Vigil.Loading;

/// <summary>
/// The front-end's command line for a load option set: `MODE -C DIR [-tags T]
/// -tests=B -facts=F -- PATTERNS`, with the go binary and a local toolchain.
/// One place for `load` (the stream) and `keys` (the cache's package keys), so
/// both see the same packages. A load of a go vet unit runs `unit -id ID
/// -fortest P VET.CFG` instead.
/// </summary>
internal static class FrontendCommand
{
    public static ProcessStartInfo For(string frontend, string mode, LoadOptions options, GoToolchain go)
    {
        var psi = new ProcessStartInfo(frontend)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory,
        };
        psi.Environment["VIGIL_GO"] = go.GoPath;
        psi.Environment["GOTOOLCHAIN"] = "local";
        if (mode == "load" && options.VetUnit is { } unit)
        {
            foreach (var a in new[] { "unit", "-id", unit.Id, "-fortest", unit.ForTest, unit.ConfigFile }) psi.ArgumentList.Add(a);
            return psi;
        }
        psi.ArgumentList.Add(mode);
        psi.ArgumentList.Add("-C");
        psi.ArgumentList.Add(options.WorkingDirectory);
        if (!string.IsNullOrEmpty(options.Tags)) { psi.ArgumentList.Add("-tags"); psi.ArgumentList.Add(options.Tags); }
        psi.ArgumentList.Add($"-tests={(options.Tests ? "true" : "false")}");
        psi.ArgumentList.Add($"-facts={options.Facts.ToString().ToLowerInvariant()}");
        psi.ArgumentList.Add("--");
        foreach (var p in options.Patterns) psi.ArgumentList.Add(p);
        return psi;
    }
}
