using System.Runtime.InteropServices;

namespace Vigil.Cli;

/// <summary>
/// .NET computes SHA-256 (cache keys, fingerprints, checksums) with the
/// system's OpenSSL on Linux, and without one the runtime aborts the process
/// ("No usable version of libssl was found", exit 134) at the first hash. A
/// minimal image (debian:bookworm-slim with only Go) has none; say so
/// before that happens, with what to install.
/// </summary>
internal static class OpenSslCheck
{
    /// <summary>The sonames .NET looks for, newest first.</summary>
    private static readonly string[] Names = ["libssl.so.3", "libssl.so.1.1", "libssl.so.1.0.2", "libssl.so.1.0.0", "libssl.so.10", "libssl.so"];

    /// <summary>An error message when Vigil cannot run here, else null.</summary>
    public static string? Missing()
    {
        if (!OperatingSystem.IsLinux()) return null;
        foreach (var name in Names)
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                NativeLibrary.Free(handle);
                return null;
            }
        return "vigil: OpenSSL (libssl.so.3) was not found: Vigil's runtime computes SHA-256 with it. Install it (Debian, Ubuntu: apt-get install libssl3; Alpine: apk add libssl3) and retry";
    }
}
