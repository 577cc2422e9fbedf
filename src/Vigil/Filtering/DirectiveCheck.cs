using Vigil.Analysis;

namespace Vigil.Filtering;

/// <summary>
/// vigil-directive: the check that reports broken and unused suppression
/// directives. It runs inside the filters, not as a package analyzer; this
/// Analyzer only carries its name and documentation (for `vigil explain`,
/// SARIF rules and the checks list of vigil.yaml).
/// </summary>
public static class DirectiveCheck
{
    public static readonly Analyzer Analyzer = new()
    {
        Name = "directive",
        Run = _ => null,
        Doc = """
            reports suppression directives that are malformed, lack a required reason, or suppress nothing

            Vigil honours golangci-lint's and staticcheck's suppression comments:

                x := m[k] //nolint:vigil-nil // k is always present: filled in init
                //nolint:vigil-race // guarded by the caller's lock
                func (c *Cache) peek() int { return c.n }
                //lint:ignore vigil-nil the registry is populated before Serve
                h := registry[name]
                //lint:file-ignore vigil-race this file is single-threaded test setup

            //nolint:vigil hides every Vigil check; a bare //nolint or //nolint:all
            hides every linter's. A trailing comment covers its line; a comment on its
            own line covers the declaration or statement below it; one above the
            package clause covers the file. //lint:ignore covers the line below and
            needs a reason; //lint:file-ignore covers the file.

            This check reports, so that suppressions stay honest:
            - a malformed directive, e.g. "//nolint:vigil-nil," or "//lint:ignore vigil-nil"
              without the reason staticcheck requires;
            - a name that is not a Vigil check, e.g. //nolint:vigil-nill;
            - "// nolint" with a space, which gofmt-style tools treat as prose;
            - a directive naming Vigil checks that hid no finding of a check that ran
              ("suppresses no finding; remove it"). Bare //nolint and //nolint:all are
              shared with other linters and never reported as unused.

            With directives.require-reason: true in vigil.yaml, //nolint needs a
            "// reason" too.
            """,
    };
}
