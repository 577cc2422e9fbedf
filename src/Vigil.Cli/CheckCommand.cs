using System.CommandLine;
using System.Text;
using Vigil.Analysis;
using Vigil.Config;
using Vigil.Filtering;
using Vigil.Loading;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>`vigil check`: analyze, filter, and write the findings in one or more formats.</summary>
internal static class CheckCommand
{
    /// <param name="available">The checks offered (Registry.Checks; tests pass their own).</param>
    public static Command Create(IReadOnlyList<Analyzer>? available = null, TextWriter? stdout = null, TextWriter? stderr = null, bool? stdoutIsTerminal = null)
    {
        available ??= Registry.Checks;
        var o = new RunOptions(available);
        var format = new Option<string[]>("--format")
        {
            Description = "Output format, repeatable: NAME or NAME=FILE. Names: text (go vet style, the default), json (go vet -json shape), "
                + "sarif (SARIF 2.1.0 for code scanning), checkstyle (XML), github (GitHub Actions annotations), rdjson (reviewdog), "
                + "codeclimate (GitLab code quality), junit (JUnit XML for CI dashboards), html (one self-contained page to open in a browser: "
                + "findings by package and check with filters, source around every trace step, diagrams of nil flows, races and escape chains). "
                + "Without =FILE a format goes to stdout; at most one may. Example: --format text --format sarif=vigil.sarif",
        };
        var baseline = new Option<string?>("--baseline") { Description = "Hide the findings recorded in this baseline file (vigil baseline write) and list its stale entries." };
        var newFromRev = new Option<string?>("--new-from-rev") { Description = "Report only findings on lines added since REV (git diff REV, untracked files count as new)." };
        var newFromMergeBase = new Option<string?>("--new-from-merge-base") { Description = "Report only findings on lines added since the merge base of HEAD and BRANCH." };
        var newFromPatch = new Option<string?>("--new-from-patch") { Description = "Report only findings on lines this unified diff (a file) adds." };
        var newScope = new Option<string>("--new-scope")
        {
            Description = "With --new-from-*: line (the finding's line was added) or trace (also when any step of its trace was added).",
            DefaultValueFactory = _ => "line",
        };
        newScope.AcceptOnlyFromAmong("line", "trace");
        var timeout = new Option<string?>("--timeout") { Description = "Stop the run with exit status 2 after this long (a Go duration: 90s, 5m, 1h30m). Default: no limit." };

        var cmd = new Command("check", """
            Load the packages and report nil panics, data races and broken escape promises.

            Suppress a finding in the source with //nolint:vigil-CHECK // reason or
            //lint:ignore vigil-CHECK reason; settings live in vigil.yaml (see docs/output.md).
            --fix applies the findings' suggested fixes, --diff prints them as a diff (docs/fixes.md).

            Exit status: 0 no findings, 1 findings (in every format), 2 the run could not be
            done (or a package did not load).
            """);
        o.AddTo(cmd);
        cmd.Options.Add(format);
        cmd.Options.Add(baseline);
        cmd.Options.Add(newFromRev);
        cmd.Options.Add(newFromMergeBase);
        cmd.Options.Add(newFromPatch);
        cmd.Options.Add(newScope);
        cmd.Options.Add(timeout);
        var fixes = new FixMode();
        fixes.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var output = stdout ?? Console.Out;
            var errors = stderr ?? Console.Error;
            return Guard(errors, () =>
            {
                using var limit = RunTimeout.Start(r.GetValue(timeout), errors);
                var outputs = ParseFormats(r.GetValue(format) ?? [], o.WorkingDirectory(r));
                fixes.Validate(r, outputs, r.GetValue(format) is { Length: > 0 });
                if (r.GetValue(fixes.Diff)) outputs.RemoveAll(x => x.File is null); // stdout is the diff's
                var common = o.Settings(r);
                var settings = new CheckSettings
                {
                    Load = common.Load,
                    OnlyFiles = common.OnlyFiles,
                    TestsExplicit = common.TestsExplicit,
                    Checks = common.Checks,
                    ConfigPath = common.ConfigPath,
                    Jobs = common.Jobs,
                    NilEvidence = common.NilEvidence,
                    UseCache = common.UseCache,
                    BaselinePath = r.GetValue(baseline),
                    NewFromRev = r.GetValue(newFromRev),
                    NewFromMergeBase = r.GetValue(newFromMergeBase),
                    NewFromPatch = r.GetValue(newFromPatch),
                    NewScope = r.GetValue(newScope) == "trace" ? NewScope.Trace : NewScope.Line,
                };
                var outcome = new CheckRun(available, errors).Run(settings);
                if (r.GetValue(fixes.Fix) || r.GetValue(fixes.Diff)) outcome = fixes.Run(r, outcome, o.WorkingDirectory(r), output, errors);
                WriteOutputs(outputs, outcome, output, stdoutIsTerminal ?? !Console.IsOutputRedirected);
                foreach (var e in outcome.Filtered.StaleBaseline)
                    errors.WriteLine($"vigil: stale baseline entry ({e.Count} fewer finding{(e.Count == 1 ? "" : "s")} than recorded): {e.File}: {(e.Function.Length > 0 ? e.Function + ": " : "")}{e.Message} ({e.Check}); rewrite the baseline with 'vigil baseline write'");
                if (outcome.LoadStatus == 2) return 2;
                return outcome.Filtered.Reported.Any(f => outcome.Context.Severities.Fails(f.Check)) ? 1 : 0;
            });
        });
        return cmd;
    }

    /// <summary>Writes every requested format: stdout (text coloured only on a terminal) or its file, UTF-8 without BOM.</summary>
    private static void WriteOutputs(List<(string Name, string? File)> outputs, CheckOutcome outcome, TextWriter stdout, bool stdoutIsTerminal)
    {
        foreach (var (name, file) in outputs)
        {
            var format = Formats.Create(name, color: file is null && TextFormat.ShouldColor(!stdoutIsTerminal))!;
            if (file is null)
            {
                format.Write(stdout, outcome.Filtered.Reported, outcome.Context);
                continue;
            }
            using var writer = new StreamWriter(file, false, new UTF8Encoding(false)) { NewLine = "\n" };
            format.Write(writer, outcome.Filtered.Reported, outcome.Context);
        }
    }

    /// <summary>
    /// Turns the errors a run can meet in its inputs into a message and exit
    /// status 2. (Exceptions that leave a command action are caught by
    /// System.CommandLine's default handler, which prints a stack trace and
    /// exits 1, before Program.cs's own handler could see them.)
    /// </summary>
    internal static int Guard(TextWriter stderr, Func<int> run)
    {
        try { return run(); }
        catch (Exception e) when (e is ConfigException or ChangedLinesException or BaselineException or UsageException or Loading.LoadException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"vigil: {e.Message}");
            return 2;
        }
    }

    /// <summary>"--format text --format sarif=out.sarif" → [(text, null), (sarif, /abs/out.sarif)].</summary>
    internal static List<(string Name, string? File)> ParseFormats(string[] specs, string cwd)
    {
        if (specs.Length == 0) return [("text", null)];
        var result = new List<(string, string?)>();
        foreach (var spec in specs)
        {
            int eq = spec.IndexOf('=');
            var name = eq < 0 ? spec : spec[..eq];
            var file = eq < 0 || spec[(eq + 1)..] is "" or "-" ? null : Path.GetFullPath(spec[(eq + 1)..], cwd);
            if (!Formats.Names.Contains(name))
                throw new UsageException($"unknown format \"{name}\" in --format {spec}; the formats are: {string.Join(", ", Formats.Names)}");
            if (file is not null && !Directory.Exists(Path.GetDirectoryName(file)))
                throw new UsageException($"--format {spec}: no directory {Path.GetDirectoryName(file)} to write {Path.GetFileName(file)} in");
            result.Add((name, file));
        }
        if (result.Count(r => r.Item2 is null) > 1)
            throw new UsageException("only one --format may go to stdout; give the others a file: --format sarif=vigil.sarif");
        return result;
    }
}

/// <summary>The options `vigil check` and `vigil baseline write` share: loading, checks, config, jobs.</summary>
internal sealed class RunOptions(IReadOnlyList<Analyzer> available)
{
    public readonly CommonOptions Common = new();
    public readonly Option<string?> Checks = new("--checks")
    {
        Description = "Comma-separated checks to run: " + string.Join(",", available.Select(c => c.Name).Append("directive"))
            + "; \"all\", \"none\" (only load), \"-name\" to leave one out. Default: vigil.yaml's checks, else all.",
    };
    public readonly Option<string?> Config = new("--config") { Description = "The vigil.yaml to use (default: the nearest one in the working directory or above)." };
    public readonly Option<int> Jobs = new("--jobs")
    {
        Description = "Packages analyzed in parallel (default: the number of CPUs). Output does not depend on it.",
        DefaultValueFactory = _ => 0,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n)) return n;
            r.AddError($"--jobs takes how many packages to analyze at once: a whole number, 1 or more (0 means one per CPU), not \"{text}\"");
            return 0;
        },
    };
    public readonly Option<string?> NilEvidence = new("--nil-evidence")
    {
        Description = "What makes a returned nil reportable: documented (default: the doc comment says nil, a caller checks it, and the nil is not only for rejected arguments), preconditions (also a nil returned only for rejected arguments) or returns (also a literal nil return). Wins over vigil.yaml's options.nil.evidence.",
    };
    public readonly Option<string> Facts = new("--facts")
    {
        Description = "Dependencies analyzed for facts (never reported), so that a package's findings do not depend on what else is matched: "
            + "project (those in a matched package's module, std or GOPATH; the default), all, or none (faster, misses findings that need a dependency's summaries). See docs/facts.md.",
        DefaultValueFactory = _ => "project",
    };
    public readonly Option<bool> Cache = new("--cache")
    {
        Description = "Serve unchanged packages from the result cache ($VIGIL_CACHE, default ~/.cache/vigil; VIGIL_CACHE=off turns it off). See 'vigil cache'.",
        DefaultValueFactory = _ => true,
    };
    public readonly Argument<string[]> Patterns = new("patterns") { Description = "Package patterns, as go list takes them (./..., std, import paths). Default: \".\"", Arity = ArgumentArity.ZeroOrMore };

    public void AddTo(Command cmd)
    {
        Common.AddTo(cmd);
        cmd.Options.Add(Checks);
        cmd.Options.Add(Config);
        cmd.Options.Add(Jobs);
        cmd.Options.Add(NilEvidence);
        Facts.AcceptOnlyFromAmong("project", "all", "none");
        cmd.Options.Add(Facts);
        cmd.Options.Add(Cache);
        cmd.Arguments.Add(Patterns);
    }

    public string WorkingDirectory(ParseResult r) => r.GetValue(Common.Dir) is { } d ? Path.GetFullPath(d) : Environment.CurrentDirectory;

    public CheckSettings Settings(ParseResult r)
    {
        var (patterns, files) = NamedFiles(r);
        return new()
        {
            Load = Common.Load(r, patterns, Enum.Parse<Loading.FactScope>(r.GetValue(Facts) ?? "project", ignoreCase: true)),
            OnlyFiles = files,
            TestsExplicit = r.GetResult(Common.Tests) is { Implicit: false },
            Checks = r.GetValue(Checks),
            ConfigPath = r.GetValue(Config),
            Jobs = r.GetValue(Jobs),
            NilEvidence = r.GetValue(NilEvidence),
            UseCache = r.GetValue(Cache),
        };
    }

    /// <summary>Named .go files become their directories' packages (see FileArguments).</summary>
    private (IReadOnlyList<string>, IReadOnlySet<string>?) NamedFiles(ParseResult r)
    {
        try { return FileArguments.Map(r.GetValue(Patterns) ?? [], WorkingDirectory(r)); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }
}
