namespace Vigil.Analysis.Escape;

/// <summary>
/// The annotation grammar, kept compatible with gVisor's checkescape:
/// <c>// +checkescape</c>, <c>// +checkescape:R[,R...]</c>,
/// <c>// +mustescape:R[,R...]</c> on a function's doc comment, and
/// <c>// escapes: reason</c> on the line of an escape. Unlike checkescape,
/// every malformed or misplaced annotation is a mistake to report: a promise
/// that silently does nothing is worse than none.
/// </summary>
public static class AnnotationParser
{
    public const string CheckMagic = "+checkescape";
    public const string MustMagic = "+mustescape";
    private const string ExemptPrefix = "// escapes:";

    public enum Kind { None, Check, Must, NearMiss, Exemption, BadExemption }

    /// <summary>The comment text without a trailing comment (e.g. "// +checkescape // note" → "// +checkescape").</summary>
    public static string Strip(string text)
    {
        int cut = text.IndexOf("//", 2, StringComparison.Ordinal);
        return (cut > 0 ? text[..cut] : text).TrimEnd();
    }

    /// <summary>What kind of annotation a comment is, if any.</summary>
    public static Kind Classify(string rawText)
    {
        string text = Strip(rawText);
        if (text.StartsWith("// " + CheckMagic, StringComparison.Ordinal) && IsWordEnd(text, 3 + CheckMagic.Length)) return Kind.Check;
        if (text.StartsWith("// " + MustMagic, StringComparison.Ordinal) && IsWordEnd(text, 3 + MustMagic.Length)) return Kind.Must;
        if (text.StartsWith(ExemptPrefix, StringComparison.Ordinal)) return Kind.Exemption;
        if (IsBadExemption(text)) return Kind.BadExemption;
        if (NearMissWord(text) is not null) return Kind.NearMiss;
        return Kind.None;
    }

    private static bool IsWordEnd(string s, int at) => at >= s.Length || s[at] is ':' or ' ' or '\t';

    /// <summary>
    /// Parses the annotation lines of one doc comment into a promise, adding a
    /// mistake (by index into <paramref name="lines"/>) for each bad line.
    /// Returns null when the comment has no promise at all.
    /// </summary>
    public static Promise? ParseDoc(IReadOnlyList<string> lines, List<AnnotationMistake> mistakes)
    {
        Promise? promise = null;
        for (int i = 0; i < lines.Count; i++)
        {
            string text = Strip(lines[i]);
            switch (Classify(text))
            {
                case Kind.Check:
                    promise ??= new Promise();
                    ParseCheck(text[(3 + CheckMagic.Length)..], promise, i, mistakes);
                    break;
                case Kind.Must:
                    promise ??= new Promise();
                    ParseMust(text[(3 + MustMagic.Length)..], promise, i, mistakes);
                    break;
                case Kind.NearMiss:
                    mistakes.Add(new AnnotationMistake(i, NearMissMessage(text)) { Correction = NearMissCorrection(text) });
                    break;
            }
        }
        return promise is { IsEmpty: false } ? promise : null;
    }

    private static void ParseCheck(string rest, Promise promise, int line, List<AnnotationMistake> mistakes)
    {
        if (rest.Length == 0)
        {
            // The bare form: hard escapes in the body itself.
            promise.Local = true;
            promise.Forbidden.AddRange(EscapeReasons.Hard);
            return;
        }
        if (rest[0] != ':')
        {
            mistakes.Add(new AnnotationMistake(line,
                $"\"// {CheckMagic}{rest}\" has no effect: reasons follow a colon, as in \"// {CheckMagic}:{rest.Trim().Replace(' ', ',')}\""));
            return;
        }
        int before = promise.Forbidden.Count;
        foreach (var word in Words(rest[1..], line, CheckMagic, mistakes))
        {
            if (word == "local") promise.Local = true;
            else if (Expand(word) is { } reasons) promise.Forbidden.AddRange(reasons);
            else mistakes.Add(UnknownReason(line, CheckMagic, word));
        }
        if (promise.Forbidden.Count == before)
            mistakes.Add(new AnnotationMistake(line, $"{CheckMagic} names no reason, so it checks nothing; the reasons are {ReasonList}"));
    }

    private static void ParseMust(string rest, Promise promise, int line, List<AnnotationMistake> mistakes)
    {
        if (rest.Length == 0 || rest[0] != ':')
        {
            mistakes.Add(new AnnotationMistake(line,
                $"\"// {MustMagic}{rest}\" has no effect: {MustMagic} needs reasons after a colon, as in \"// {MustMagic}:local,heap\""));
            return;
        }
        bool local = false;
        int before = promise.Required.Count;
        foreach (var word in Words(rest[1..], line, MustMagic, mistakes))
        {
            // As in gVisor, "local" applies to the reasons written after it.
            if (word == "local") { local = true; continue; }
            if (Expand(word) is not { } reasons) { mistakes.Add(UnknownReason(line, MustMagic, word)); continue; }
            foreach (var r in reasons)
            {
                int existing = promise.Required.FindIndex(s => s.Reason == r);
                if (existing < 0) promise.Required.Add(new ReasonScope(r, local));
                else if (local) promise.Required[existing] = new ReasonScope(r, true);
            }
        }
        if (promise.Required.Count == before)
            mistakes.Add(new AnnotationMistake(line, $"{MustMagic} names no reason, so it requires nothing; the reasons are {ReasonList}"));
    }

    private static IEnumerable<string> Words(string list, int line, string magic, List<AnnotationMistake> mistakes)
    {
        foreach (var raw in list.Split(','))
        {
            string w = raw.Trim();
            if (w.Length == 0) { mistakes.Add(new AnnotationMistake(line, $"empty reason in {magic} (a stray comma?)")); continue; }
            yield return w;
        }
    }

    private static IReadOnlyList<EscapeReason>? Expand(string word) => word switch
    {
        "all" => EscapeReasons.All,
        "hard" => EscapeReasons.Hard,
        _ => EscapeReasons.FromWord(word) is { } r ? [r] : null,
    };

    private static string ReasonList => string.Join(", ", EscapeReasons.All.Select(r => r.Word())) + ", hard, all, local";

    private static AnnotationMistake UnknownReason(int line, string magic, string word) =>
        new(line, $"unknown reason \"{word}\" in {magic}; the reasons are {ReasonList}");

    /// <summary>The exemption's reason, or null when the comment is not a well-formed exemption.</summary>
    public static string? ExemptionReason(string rawText)
    {
        string text = Strip(rawText);
        return text.StartsWith(ExemptPrefix, StringComparison.Ordinal) ? text[ExemptPrefix.Length..].Trim() : null;
    }

    // "//escapes: x", "// Escapes: x", "// escapes" alone: meant as exemptions, but not the form that works.
    private static bool IsBadExemption(string text)
    {
        string body = text.StartsWith("//", StringComparison.Ordinal) ? text[2..].TrimStart() : text;
        if (body.Equals("escapes", StringComparison.OrdinalIgnoreCase)) return true;
        return body.StartsWith("escapes:", StringComparison.OrdinalIgnoreCase);
    }

    public static string BadExemptionMessage(string rawText) =>
        $"\"{Strip(rawText)}\" is not an exemption: write \"// escapes: why this allocation is acceptable\"";

    /// <summary>A "+word" that is close to, but not exactly, one of the magic words (or not in the "// +" form).</summary>
    private static string? NearMissWord(string text)
    {
        if (!text.StartsWith("//", StringComparison.Ordinal)) return null;
        string body = text[2..];
        string trimmed = body.TrimStart();
        if (!trimmed.StartsWith('+')) return null;
        int end = 1;
        while (end < trimmed.Length && char.IsLetter(trimmed[end])) end++;
        string word = trimmed[1..end].ToLowerInvariant();
        if (word.Length < 6) return null;
        foreach (var magic in new[] { CheckMagic[1..], MustMagic[1..] })
        {
            int d = Distance(word, magic);
            // Exact spelling with the wrong spacing or case ("//+checkescape", "// +CheckEscape") is a near miss too.
            if (d <= 2 && !(d == 0 && body.StartsWith(" +" + magic, StringComparison.Ordinal))) return magic;
        }
        return null;
    }

    /// <summary>
    /// The correct spelling of a near miss: the comment's "//", spaces and "+word" (its first
    /// Length characters) become "// +checkescape" or "// +mustescape"; what follows is kept.
    /// </summary>
    public static (int Length, string Text)? NearMissCorrection(string text)
    {
        if (NearMissWord(text) is not { } magic) return null;
        int plus = text.IndexOf('+', 2);
        int end = plus + 1;
        while (end < text.Length && char.IsLetter(text[end])) end++;
        return (end, "// +" + magic);
    }

    private static string NearMissMessage(string text) =>
        $"\"{text}\" looks like a misspelled \"// +{NearMissWord(text)}\" annotation and has no effect";

    /// <summary>Levenshtein distance, for near-miss spellings.</summary>
    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
