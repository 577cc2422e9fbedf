using System.Text.RegularExpressions;
using Vigil.Findings;

namespace Vigil.Analysis.Nil;

/// <summary>
/// What to do about a nil panic (Finding.Advice), chosen by where the nil comes from: a finding should say how to act, not
/// only what is wrong (go vet's and staticcheck's messages do). The source is
/// read from the steps the analysis wrote (their wording is this check's own);
/// a finding whose nil cannot be told apart gets the general advice. Every
/// piece of advice ends with the way to say the nil cannot happen, so that a
/// reader who knows better has an action too.
/// </summary>
internal static partial class NilAdvice
{
    private const string Otherwise = "; if it cannot be nil here, say why: //nolint:vigil-nil // reason";

    /// <summary>The advice for a finding with this trace, whose message names <paramref name="subject"/>.</summary>
    public static string For(IReadOnlyList<RelatedLocation> trace, string subject) => What(trace, subject) + Otherwise;

    private static string What(IReadOnlyList<RelatedLocation> trace, string subject)
    {
        string it = subject.Length > 0 ? subject : "the value";
        if (trace.Any(s => s.Message.Contains("is compared with nil here, after the dereference", StringComparison.Ordinal)))
            return $"move the nil check of {it} before this dereference";
        foreach (var step in trace)
        {
            string m = step.Message;
            if (m.EndsWith("is nil when the key is missing", StringComparison.Ordinal))
                return "use the comma-ok form (v, ok := m[k]) and handle a missing key";
            if (m.Contains("closed channel", StringComparison.Ordinal))
                return "receive with v, ok := <-ch and stop when ok is false";
            if (m.EndsWith("returns nil when its error is not nil", StringComparison.Ordinal))
                return $"check the error before using {it}";
            if (m.StartsWith("its error discarded", StringComparison.Ordinal))
                return $"keep the error (not _) and check it before using {it}";
            if (m.Contains("check their receiver for nil first", StringComparison.Ordinal))
                return $"check {it} for nil at the top of the method, as the type's other methods do";
            if (m.Contains(" is nil when ", StringComparison.Ordinal))
                return $"check the ok result before using {it}";
            if (m.EndsWith("nil on this branch", StringComparison.Ordinal) || m.EndsWith("is nil in this case", StringComparison.Ordinal))
                return $"this branch runs only when {it} is nil: return early or use another value here";
            if (m.EndsWith("is declared without a value (nil)", StringComparison.Ordinal) || m.EndsWith("starts as nil", StringComparison.Ordinal))
                return $"give {it} a value on every path before this";
            if (FieldSource().Match(m) is { Success: true } fm)
                return $"check {it} for nil before this, or set field {fm.Groups["field"].Value} wherever the value is made";
            if (Returned().Match(m) is { Success: true } rm)
                return $"check {it} != nil before this, or make {rm.Groups["fn"].Value} never return nil";
            if (Passed().Match(m) is { Success: true } pm)
                return $"pass a non-nil value to {pm.Groups["fn"].Value}, or make it check for nil";
        }
        return $"check {it} != nil before this, or make sure no nil reaches it";
    }

    [GeneratedRegex(@"^(?:field (?<field>\S+) (?:of \S+ )?(?:is not set|can be nil)|stored into field (?<field>\S+))")]
    private static partial Regex FieldSource();

    [GeneratedRegex(@"^(?:nil returned from (?<fn>\S+)|(?<fn>\S+) can return nil)$")]
    private static partial Regex Returned();

    [GeneratedRegex(@"^passed to (?<fn>\S+), which dereferences it")]
    private static partial Regex Passed();
}
