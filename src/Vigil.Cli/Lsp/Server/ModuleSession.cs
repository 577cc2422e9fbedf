using Vigil.Analysis;
using Vigil.Cli.Lsp.Protocol;
using Vigil.Config;
using Vigil.Findings;
using Vigil.Loading;

namespace Vigil.Cli.Lsp.Server;

/// <summary>A finding as last published, with the diagnostic it became.</summary>
internal sealed record PublishedFinding(Finding Finding, Diagnostic Diagnostic);

/// <summary>What the client was last told about a module: findings by file, and the file contents their positions refer to.</summary>
internal sealed record ModuleFindings(IReadOnlyDictionary<string, List<PublishedFinding>> ByFile, SourceTexts Texts);

/// <summary>Where the server's messages go: diagnostics, and what it has to say to the user or the log.</summary>
internal interface IClient
{
    void Publish(string path, List<Diagnostic> diagnostics);
    /// <summary>window/showMessage: 1 error, 2 warning, 3 info.</summary>
    void Show(int type, string message);
    /// <summary>window/logMessage: 1 error, 2 warning, 3 info, 4 log.</summary>
    void Log(int type, string message);
    /// <summary>The files the editor has open (each gets its diagnostics after every analysis, an empty list included).</summary>
    IEnumerable<string> OpenFiles { get; }
}

/// <summary>
/// One Go module the editor works in: analyzes its packages (./... from the
/// directory of its go.mod) with `vigil check`'s pipeline and result cache,
/// so a save re-analyzes only the packages whose content (or whose
/// dependencies' facts) changed, and publishes the findings of every file,
/// with an empty list for each file whose findings are gone and for each
/// open file of the module without findings (the editor then knows the
/// file was analyzed).
/// </summary>
internal sealed class ModuleSession
{
    private readonly IReadOnlyList<Analyzer> available;
    private readonly IClient client;
    private readonly AnalysisQueue queue;
    private string? lastProblem;

    public ModuleSession(string root, IReadOnlyList<Analyzer> available, IClient client)
    {
        Root = root;
        this.available = available;
        this.client = client;
        queue = new AnalysisQueue(Analyze);
    }

    /// <summary>The module's directory (where its go.mod is).</summary>
    public string Root { get; }

    /// <summary>The findings last published (empty before the first analysis ends).</summary>
    public ModuleFindings Published { get; private set; } = new(new Dictionary<string, List<PublishedFinding>>(), new SourceTexts());

    public void Reanalyze() => queue.Request();

    /// <summary>Stops analyzing (exit); false when the analysis did not stop within the limit.</summary>
    public bool Stop(TimeSpan limit) => queue.Stop(limit);

    private void Analyze(CancellationToken cancel, Func<bool> stillNewest)
    {
        var messages = new StringWriter();
        CheckOutcome outcome;
        try
        {
            var settings = new CheckSettings
            {
                Load = new LoadOptions { Patterns = ["./..."], WorkingDirectory = Root, Facts = FactScope.Project },
                Cancel = cancel,
            };
            outcome = new CheckRun(available, messages).Run(settings);
        }
        catch (OperationCanceledException)
        {
            return; // a newer save asked for a fresh run
        }
        catch (Exception e) when (e is LoadException or ConfigException or UsageException or IOException or UnauthorizedAccessException or StreamFormatException)
        {
            if (!cancel.IsCancellationRequested) Problem($"vigil: {Root}: {e.Message}");
            return;
        }
        catch (Exception e)
        {
            // A bug of Vigil's own must not take the editor's server down: say it, and keep serving.
            client.Log(1, $"vigil: analysis of {Root} failed: {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            Problem($"vigil: the analysis of {Root} failed ({e.GetType().Name}: {e.Message}); the log has the details");
            return;
        }
        if (!stillNewest()) return;
        lastProblem = null;
        foreach (var line in messages.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)) client.Log(3, line);
        foreach (var e in outcome.Context.ToolErrors) client.Log(2, $"vigil: {e}");
        Publish(outcome);
    }

    /// <summary>Shows a problem that stops the module's analysis once (not again on every save while it lasts), and logs it each time.</summary>
    private void Problem(string message)
    {
        client.Log(1, message);
        if (message == lastProblem) return;
        lastProblem = message;
        client.Show(1, message);
    }

    private void Publish(CheckOutcome outcome)
    {
        var texts = new SourceTexts();
        var mapper = new DiagnosticMapper(outcome.Context.Severities, texts);
        var byFile = outcome.Filtered.Reported
            .Where(f => f.Location.Path.Length > 0)
            .GroupBy(f => f.Location.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => new PublishedFinding(f, mapper.Map(f))).ToList(), StringComparer.Ordinal);
        var before = Published.ByFile;
        Published = new ModuleFindings(byFile, texts);
        foreach (var (path, findings) in byFile.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            client.Publish(path, findings.Select(f => f.Diagnostic).ToList());
        var prefix = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        var clean = before.Keys.Concat(client.OpenFiles.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)))
            .Where(p => !byFile.ContainsKey(p)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var path in clean)
            client.Publish(path, []);
    }
}
