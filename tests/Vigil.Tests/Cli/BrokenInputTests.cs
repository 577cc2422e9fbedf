using Vigil.Tests.Harness;

namespace Vigil.Tests.Cli;

/// <summary>Bad input gets one clear message and exit status 2, never a stack trace, and loses no other result.</summary>
public class BrokenInputTests
{
    private static void NoStackTrace(CliRunner.Result r) =>
        Assert.False(r.Stderr.Contains("   at ", StringComparison.Ordinal) || r.Stderr.Contains("Exception", StringComparison.Ordinal), r.ToString());

    [Fact]
    public void SyntaxErrorIsReportedAndOtherFilesAndPackagesStillLoad()
    {
        var dir = CliRunner.TempModule(new Dictionary<string, string>
        {
            ["a/good.go"] = "package a\n\nfunc Good() int { return 1 }\n",
            ["a/bad.go"] = "package a\n\nfunc Bad( {\n",
            ["b/b.go"] = "package b\n\nfunc B() int { return 2 }\n",
        });
        var r = CliRunner.Run(dir, ["check", "--checks", "none", "./..."]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.go:3:", r.Stderr);
        NoStackTrace(r);
        // The other file of the package and the other package are still in the model.
        var types = CliRunner.Run(dir, ["dump", "types", "./a"]);
        Assert.Contains("Good def func func() int", types.Stdout);
        var other = CliRunner.Run(dir, ["dump", "types", "./b"]);
        Assert.Equal(0, other.ExitCode);
        Assert.Contains("B def func func() int", other.Stdout);
    }

    [Fact]
    public void TypeErrorIsReportedWithItsPosition()
    {
        var dir = CliRunner.TempModule(new Dictionary<string, string>
        {
            ["a/a.go"] = "package a\n\nfunc F() int { return \"s\" }\n",
        });
        var r = CliRunner.Run(dir, ["check", "--checks", "none", "./..."]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("a.go:3:", r.Stderr);
        Assert.Contains("type error", r.Stderr);
        NoStackTrace(r);
    }

    [Fact]
    public void PatternMatchingNothingIsAnError()
    {
        var dir = CliRunner.TempModule(new Dictionary<string, string> { ["a/a.go"] = "package a\n" });
        var r = CliRunner.Run(dir, ["check", "./nothing/..."]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("matched no packages", r.Stderr);
        Assert.Contains("./nothing", r.Stderr);
        NoStackTrace(r);
    }

    [Fact]
    public void DirectoryThatIsNotAModuleIsAnError()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vigil-nomod-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.go"), "package a\n");
        var r = CliRunner.Run(dir, ["check", "./..."], new Dictionary<string, string?> { ["GO111MODULE"] = "on", ["GOFLAGS"] = null });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("go.mod", r.Stderr);
        NoStackTrace(r);
    }

    [Fact]
    public void DirectoryFlagNamingAFileSaysItIsNotADirectory()
    {
        var dir = CliRunner.TempModule(new Dictionary<string, string> { ["a/a.go"] = "package a\n" });
        var r = CliRunner.Run(dir, ["check", "-C", Path.Combine(dir, "go.mod"), "./..."]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("go.mod is a file, not a directory", r.Stderr);
        Assert.DoesNotContain("does not exist", r.Stderr);
        NoStackTrace(r);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void JobsMustBeACount(string jobs)
    {
        var dir = CliRunner.TempModule(new Dictionary<string, string> { ["a/a.go"] = "package a\n" });
        var r = CliRunner.Run(dir, ["check", "--jobs", jobs, "./..."]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"--jobs takes how many packages to analyze at once: a whole number, 1 or more (0 means one per CPU), not \"{jobs}\"", r.Stderr);
        Assert.DoesNotContain("System.Int32", r.Stderr);
        NoStackTrace(r);
    }

    [Fact]
    public void UnusableCacheIsAClearError()
    {
        var dir = CliRunner.TempModule(new Dictionary<string, string> { ["a/a.go"] = "package a\n" });
        var file = Path.Combine(dir, "cache-file");
        File.WriteAllText(file, "");
        var r = CliRunner.Run(dir, ["check", "./..."], new Dictionary<string, string?> { ["VIGIL_CACHE"] = file });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"cannot use {file} (from VIGIL_CACHE) as Vigil's cache", r.Stderr);
        Assert.Contains("it is a file, not a directory; set VIGIL_CACHE to a writable directory, or unset it", r.Stderr);
        NoStackTrace(r);
        // A file system that takes no new directories.
        var proc = CliRunner.Run(dir, ["check", "./..."], new Dictionary<string, string?> { ["VIGIL_CACHE"] = "/proc/vigil-cache" });
        Assert.Equal(2, proc.ExitCode);
        Assert.Contains("cannot use /proc/vigil-cache (from VIGIL_CACHE) as Vigil's cache", proc.Stderr);
        Assert.Contains("the directory cannot be created there", proc.Stderr);
        NoStackTrace(proc);
    }

    [Fact]
    public void UnknownFlagIsAnError()
    {
        var r = CliRunner.Run(Repo.Root, ["check", "--no-such-flag", "./..."]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--no-such-flag", r.Stderr);
        NoStackTrace(r);
        var r2 = CliRunner.Run(Repo.Root, ["check", "--checks", "nosuch", "./..."]);
        Assert.Equal(2, r2.ExitCode);
        Assert.Contains("unknown check", r2.Stderr);
    }

    [Fact]
    public void CorruptedFrontEndCacheIsRebuilt()
    {
        var cache = Path.Combine(Path.GetTempPath(), "vigil-cache-" + Guid.NewGuid().ToString("N")[..8]);
        var env = new Dictionary<string, string?> { ["VIGIL_CACHE"] = cache };
        var dir = CliRunner.TempModule(new Dictionary<string, string> { ["a/a.go"] = "package a\n\nfunc F() {}\n" });
        Assert.Equal(0, CliRunner.Run(dir, ["check", "--checks", "none", "./..."], env).ExitCode);
        var bin = Directory.GetFiles(cache, "vigil-frontend", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(bin, [0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 2, 3]); // truncated garbage
        var r = CliRunner.Run(dir, ["check", "--checks", "none", "./..."], env);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.True(new FileInfo(bin).Length > 1000, "the front-end was not rebuilt");
    }

    [Fact]
    public void MissingGoIsAClearError()
    {
        var dir = CliRunner.TempModule(new Dictionary<string, string> { ["a/a.go"] = "package a\n" });
        var r = CliRunner.Run(dir, ["check", "./..."], new Dictionary<string, string?>
        {
            ["VIGIL_GO"] = null,
            ["PATH"] = Path.GetDirectoryName(Environment.ProcessPath) ?? "/usr/bin/nonexistent",
            ["VIGIL_GO_LIBDIR"] = "/nonexistent",
        });
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("go was not found", r.Stderr);
        NoStackTrace(r);
    }

    /// <summary>
    /// Debian's golang-go on PATH can be older than the golang-1.NN installed from backports, which
    /// lives only in /usr/lib/go-1.NN: Vigil takes the newest of those rather than refusing.
    /// </summary>
    [Fact]
    public void GoOnPathTooOldFallsBackToDebiansVersionedToolchain()
    {
        if (OperatingSystem.IsWindows()) return; // Debian's layout; the fake go is a shell script
        var dir = CliRunner.TempModule(new Dictionary<string, string> { ["a/a.go"] = "package a\n\nfunc F() int { return 1 }\n" });
        var fakeBin = Directory.CreateTempSubdirectory("vigil-oldgo").FullName;
        var oldGo = Path.Combine(fakeBin, "go");
        File.WriteAllText(oldGo, "#!/bin/sh\necho go1.19.8\n");
        File.SetUnixFileMode(oldGo, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var libDir = Directory.CreateTempSubdirectory("vigil-golib").FullName;
        Directory.CreateDirectory(Path.Combine(libDir, "go-1.21", "bin")); // too old, and empty: skipped
        Directory.CreateDirectory(Path.Combine(libDir, "go-1.99"));
        File.CreateSymbolicLink(Path.Combine(libDir, "go-1.99", "bin"), Path.GetDirectoryName(Vigil.Loading.GoToolchain.Find().GoPath)!);
        var env = new Dictionary<string, string?>
        {
            ["VIGIL_GO"] = null,
            ["PATH"] = fakeBin + ":/usr/bin:/bin",
            ["VIGIL_GO_LIBDIR"] = libDir,
        };
        var r = CliRunner.Run(dir, ["check", "./..."], env);
        Assert.True(r.ExitCode == 0, r.Stderr);

        env["VIGIL_GO_LIBDIR"] = "/nonexistent";
        var refused = CliRunner.Run(dir, ["check", "./..."], env);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("is go1.19.8, but Vigil needs Go 1.22 or newer", refused.Stderr);
        NoStackTrace(refused);
    }
}
