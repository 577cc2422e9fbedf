using Vigil.Analysis;

namespace Vigil.Tests.Framework;

/// <summary>Analyzers for testing the framework itself (calls to bad: Report.TestChecks.Bad).</summary>
public static class TestAnalyzers
{
    public static readonly Analyzer Throws = new()
    {
        Name = "throws",
        Doc = "always fails",
        Run = _ => throw new InvalidOperationException("boom"),
    };
}
