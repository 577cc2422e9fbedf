using System.Collections.Immutable;
using Vigil.Findings;
using Vigil.Flow.Summaries;
using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

/// <summary>
/// A <see cref="FunctionSummary"/> as bytes, for the facts go vet hands from a
/// dependency's unit to its dependents (docs/facts.md): every field, traces
/// included, so Read(Write(s)) is <see cref="FunctionSummary.Identical"/> to s.
/// </summary>
public static class FunctionSummaryCodec
{
    public static void Write(SummaryWriter w, FunctionSummary s)
    {
        w.WriteUInt((ulong)s.Results.Length);
        w.WriteUInt((ulong)s.Params.Length);
        w.WriteBool(s.NoReturn);
        for (int i = 0; i < s.Results.Length; i++)
        {
            WriteTrace(w, s.Results[i]);
            w.WriteBool(s.ResultNotNil[i]);
            w.WriteBool(s.ResultLiteralNil[i]);
            w.WriteBool(s.ResultSelfChecked[i]);
            w.WriteBool(s.ResultNilOutsidePrecondition[i]);
            w.WriteBool(s.ResultNilWithNilError[i]);
            w.WriteBool(s.ClosedChannelResults[i] is not null);
            if (s.ClosedChannelResults[i] is { } closed) WriteLocation(w, closed);
        }
        foreach (var p in s.Params) WriteTrace(w, p);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; throws <see cref="FormatException"/> on corrupt input.</summary>
    public static FunctionSummary Read(SummaryReader r)
    {
        int results = Count(r), parameters = Count(r);
        var s = new FunctionSummary(results, parameters) { NoReturn = r.ReadBool() };
        for (int i = 0; i < results; i++)
        {
            s.Results[i] = ReadTrace(r);
            s.ResultNotNil[i] = r.ReadBool();
            s.ResultLiteralNil[i] = r.ReadBool();
            s.ResultSelfChecked[i] = r.ReadBool();
            s.ResultNilOutsidePrecondition[i] = r.ReadBool();
            s.ResultNilWithNilError[i] = r.ReadBool();
            s.ClosedChannelResults[i] = r.ReadBool() ? ReadLocation(r) : null;
        }
        for (int i = 0; i < parameters; i++) s.Params[i] = ReadTrace(r);
        return s;
    }

    /// <summary>A trace (null: none) of locations and messages: the nil flow a summary carries.</summary>
    public static void WriteTrace(SummaryWriter w, ImmutableList<RelatedLocation>? trace)
    {
        w.WriteBool(trace is not null);
        if (trace is null) return;
        w.WriteList(trace, (w, step) => { WriteLocation(w, step.Location); w.WriteString(step.Message); });
    }

    public static ImmutableList<RelatedLocation>? ReadTrace(SummaryReader r) =>
        r.ReadBool() ? [.. r.ReadList(r => new RelatedLocation(ReadLocation(r), r.ReadString()))] : null;

    public static void WriteLocation(SummaryWriter w, Location l)
    {
        w.WriteString(l.Path);
        w.WriteInt(l.Line);
        w.WriteInt(l.Column);
        w.WriteInt(l.Offset); // -1 for a position that is not valid
    }

    public static Location ReadLocation(SummaryReader r) => new(r.ReadString(), Position(r), Position(r), Position(r));

    private static int Position(SummaryReader r)
    {
        long v = r.ReadInt();
        return v is >= -1 and <= int.MaxValue ? (int)v : throw new FormatException($"position {v} is out of range");
    }

    /// <summary>A count or position: bounded, so a corrupt file cannot ask for a huge allocation.</summary>
    private static int Small(SummaryReader r)
    {
        ulong v = r.ReadUInt();
        return v <= int.MaxValue ? (int)v : throw new FormatException($"value {v} is out of range");
    }

    private static int Count(SummaryReader r)
    {
        int n = Small(r);
        return n <= MaxArity ? n : throw new FormatException($"a function with {n} results or parameters");
    }

    /// <summary>More parameters than any Go function has (the spec's limit is far higher, real code far lower).</summary>
    private const int MaxArity = 1 << 16;
}
