using System.Text;

namespace Vigil.Semantics;

/// <summary>
/// Renders types exactly as go/types' TypeString does (typestring.go), so
/// that Vigil's output and dumps read like the Go tools'.
/// </summary>
public static class TypeString
{
    /// <summary>Renders <paramref name="t"/>; packages other than <paramref name="relativeTo"/> are written by path.</summary>
    public static string Of(GoType? t, GoPackage? relativeTo)
    {
        var w = new Writer(relativeTo);
        w.Type(t);
        return w.ToString();
    }

    public static string Signature(GoSignature sig, GoPackage? relativeTo)
    {
        var w = new Writer(relativeTo);
        w.Signature(sig);
        return w.ToString();
    }

    private sealed class Writer(GoPackage? relativeTo)
    {
        private readonly StringBuilder sb = new();
        private readonly HashSet<GoType> seen = new(ReferenceEqualityComparer.Instance);

        public override string ToString() => sb.ToString();

        private void Byte(char c)
        {
            sb.Append(c);
            if (c is ',' or ';') sb.Append(' ');
        }

        private void TypeName(GoTypeName obj)
        {
            if (obj.Package is { } p && !ReferenceEquals(p, relativeTo)) sb.Append(p.Path).Append('.');
            sb.Append(obj.Name);
        }

        public void Type(GoType? t)
        {
            if (t is null) { sb.Append("<nil>"); return; }
            if (!seen.Add(t)) { sb.Append("<cycle>"); return; }
            try { Write(t); }
            finally { seen.Remove(t); }
        }

        private void Write(GoType t)
        {
            switch (t)
            {
                case GoBasic b:
                    if (b.BasicKind == BasicKind.UnsafePointer) sb.Append("unsafe.Pointer");
                    else sb.Append(b.Name);
                    break;
                case GoArray a:
                    sb.Append('[').Append(a.Length).Append(']');
                    Type(a.Elem);
                    break;
                case GoSlice s:
                    sb.Append("[]");
                    Type(s.Elem);
                    break;
                case GoStruct st:
                    sb.Append("struct{");
                    for (int i = 0; i < st.Fields.Count; i++)
                    {
                        if (i > 0) Byte(';');
                        var f = st.Fields[i];
                        if (!f.Embedded) { sb.Append(f.Name); sb.Append(' '); }
                        Type(f.Type);
                        if (st.Tags[i].Length > 0) { sb.Append(' '); sb.Append(GoQuote(st.Tags[i])); }
                    }
                    sb.Append('}');
                    break;
                case GoPointer p:
                    sb.Append('*');
                    Type(p.Elem);
                    break;
                case GoTuple tup:
                    Tuple(tup, false);
                    break;
                case GoSignature sig:
                    sb.Append("func");
                    Signature(sig);
                    break;
                case GoUnion u:
                    for (int i = 0; i < u.Terms.Count; i++)
                    {
                        if (i > 0) sb.Append(" | ");
                        if (u.Terms[i].Tilde) sb.Append('~');
                        Type(u.Terms[i].Type);
                    }
                    break;
                case GoInterface it:
                    if (it.Universe == 1) { sb.Append("any"); break; }
                    if (it.Universe == 2) { sb.Append("interface{comparable}"); break; }
                    if (it.IsImplicit)
                    {
                        if (it.ExplicitMethods.Count == 0 && it.Embeddeds.Count == 1) { Type(it.Embeddeds[0]); break; }
                        sb.Append("/* implicit */ ");
                    }
                    sb.Append("interface{");
                    bool first = true;
                    foreach (var m in it.ExplicitMethods)
                    {
                        if (!first) Byte(';');
                        first = false;
                        sb.Append(m.Name);
                        Signature((GoSignature)m.Type!);
                    }
                    foreach (var e in it.Embeddeds)
                    {
                        if (!first) Byte(';');
                        first = false;
                        Type(e);
                    }
                    sb.Append('}');
                    break;
                case GoMap m:
                    sb.Append("map[");
                    Type(m.Key);
                    sb.Append(']');
                    Type(m.Elem);
                    break;
                case GoChan c:
                    bool parens = false;
                    switch (c.Dir)
                    {
                        case ChanDir.SendRecv:
                            sb.Append("chan ");
                            parens = c.Elem is GoChan { Dir: ChanDir.RecvOnly };
                            break;
                        case ChanDir.SendOnly: sb.Append("chan<- "); break;
                        default: sb.Append("<-chan "); break;
                    }
                    if (parens) sb.Append('(');
                    Type(c.Elem);
                    if (parens) sb.Append(')');
                    break;
                case GoNamed n:
                    TypeName(n.Obj);
                    if (n.OriginOrNull is not null) TypeList(n.TypeArgs);
                    else if (n.TypeParams.Count > 0) TypeParamList(n.TypeParams);
                    break;
                case GoTypeParam tp:
                    sb.Append(tp.Obj.Name);
                    break;
                case GoAlias al:
                    TypeName(al.Obj);
                    break;
            }
        }

        private void TypeList(IReadOnlyList<GoType> list)
        {
            sb.Append('[');
            for (int i = 0; i < list.Count; i++)
            {
                if (i > 0) Byte(',');
                Type(list[i]);
            }
            sb.Append(']');
        }

        private void TypeParamList(IReadOnlyList<GoTypeParam> list)
        {
            sb.Append('[');
            GoType? prev = null;
            for (int i = 0; i < list.Count; i++)
            {
                var tp = list[i];
                if (i > 0)
                {
                    if (!ReferenceEquals(tp.Constraint, prev)) { sb.Append(' '); Type(prev); }
                    Byte(',');
                }
                prev = tp.Constraint;
                Type(tp);
            }
            if (prev is not null) { sb.Append(' '); Type(prev); }
            sb.Append(']');
        }

        private void Tuple(GoTuple? tup, bool variadic)
        {
            sb.Append('(');
            if (tup is not null)
            {
                for (int i = 0; i < tup.Vars.Count; i++)
                {
                    if (i > 0) Byte(',');
                    var v = tup.Vars[i];
                    if (v.Name.Length > 0) { sb.Append(v.Name); sb.Append(' '); }
                    var typ = v.Type!;
                    if (variadic && i == tup.Vars.Count - 1)
                    {
                        if (typ is GoSlice s) { sb.Append("..."); typ = s.Elem; }
                        else { Type(typ); sb.Append("..."); continue; }
                    }
                    Type(typ);
                }
            }
            sb.Append(')');
        }

        public void Signature(GoSignature sig)
        {
            if (sig.TypeParams.Count > 0) TypeParamList(sig.TypeParams);
            Tuple(sig.Params, sig.Variadic);
            int n = sig.Results.Count;
            if (n == 0) return;
            sb.Append(' ');
            if (n == 1 && sig.Results[0].Name.Length == 0) { Type(sig.Results[0].Type); return; }
            Tuple(sig.Results, false);
        }
    }

    /// <summary>strconv.Quote, for struct tags.</summary>
    public static string GoQuote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            int c = rune.Value;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append($"\\x{c:x2}");
                    else sb.Append(rune.ToString());
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }
}
