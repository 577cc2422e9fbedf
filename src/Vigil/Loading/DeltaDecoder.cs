using System.Text;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Loading;

/// <summary>
/// Decodes the table delta at the head of a package chunk: the strings,
/// packages, types and objects first referenced by that package. Runs on one
/// thread, chunk after chunk, since later chunks refer to earlier entries.
/// Entries are created from their kinds first, then linked, because types and
/// objects refer to each other.
/// </summary>
internal static class DeltaDecoder
{
    public static void Decode(ref ByteReader r, StreamTables t)
    {
        int nStr = r.Count();
        for (int i = 0; i < nStr; i++)
        {
            int len = r.U();
            t.Strings.Set(t.Strings.Count, Encoding.UTF8.GetString(r.Bytes(len)));
        }
        int nPkg = r.Count();
        for (int i = 0; i < nPkg; i++)
        {
            string path = t.Str(r.U()), name = t.Str(r.U());
            t.Packages.Set(t.Packages.Count, new GoPackage(path, name));
        }
        int firstType = r.U(), nTypes = r.Count(), firstObj = r.U(), nObjs = r.Count();
        for (int i = 0; i < nTypes; i++) t.Types.Set(firstType + i, NewType(r.Byte(), firstType + i));
        for (int i = 0; i < nObjs; i++) t.Objects.Set(firstObj + i, NewObject(r.Byte(), firstObj + i));
        for (int i = 0; i < nTypes; i++) ReadType(ref r, t, t.Types[firstType + i]!);
        for (int i = 0; i < nObjs; i++) ReadObject(ref r, t, t.Objects[firstObj + i]!);
        // Fields learn the named struct type that declares them (for stable keys).
        for (int i = 0; i < nTypes; i++)
            if (t.Types[firstType + i] is GoNamed { Underlying: GoStruct st } named)
                foreach (var f in st.Fields) f.Owner ??= named;
    }

    private static GoType NewType(byte kind, int id)
    {
        GoType ty = (TypeKind)kind switch
        {
            TypeKind.Basic => new GoBasic(),
            TypeKind.Pointer => new GoPointer(),
            TypeKind.Slice => new GoSlice(),
            TypeKind.Array => new GoArray(),
            TypeKind.Map => new GoMap(),
            TypeKind.Chan => new GoChan(),
            TypeKind.Struct => new GoStruct(),
            TypeKind.Tuple => new GoTuple(),
            TypeKind.Signature => new GoSignature(),
            TypeKind.Interface => new GoInterface(),
            TypeKind.Named => new GoNamed(),
            TypeKind.TypeParam => new GoTypeParam(),
            TypeKind.Union => new GoUnion(),
            TypeKind.Alias => new GoAlias(),
            _ => throw new StreamFormatException($"unknown type kind {kind}"),
        };
        ty.Id = id;
        return ty;
    }

    private static GoObject NewObject(byte kind, int id)
    {
        GoObject o = (ObjectKind)kind switch
        {
            ObjectKind.Var => new GoVar(),
            ObjectKind.Func => new GoFunc(),
            ObjectKind.TypeName => new GoTypeName(),
            ObjectKind.Const => new GoConst(),
            ObjectKind.Label => new GoLabel(),
            ObjectKind.PkgName => new GoPkgName(),
            ObjectKind.Builtin => new GoBuiltin(),
            ObjectKind.Nil => new GoNil(),
            _ => throw new StreamFormatException($"unknown object kind {kind}"),
        };
        o.Id = id;
        return o;
    }

    private static List<T> ReadList<T>(ref ByteReader r, Func<int, T> get)
    {
        int n = r.Count();
        var list = new List<T>(n);
        for (int i = 0; i < n; i++) list.Add(get(r.U()));
        return list;
    }

    private static void ReadType(ref ByteReader r, StreamTables t, GoType ty)
    {
        switch (ty)
        {
            case GoBasic b:
                b.BasicKind = (BasicKind)r.U();
                b.Name = t.Str(r.U());
                break;
            case GoPointer p: p.Elem = t.Type(r.U())!; break;
            case GoSlice s: s.Elem = t.Type(r.U())!; break;
            case GoArray a:
                a.Length = r.Varint();
                a.Elem = t.Type(r.U())!;
                break;
            case GoMap m:
                m.Key = t.Type(r.U())!;
                m.Elem = t.Type(r.U())!;
                break;
            case GoChan c:
                c.Dir = (ChanDir)r.U();
                c.Elem = t.Type(r.U())!;
                break;
            case GoStruct st:
            {
                int n = r.Count();
                var fields = new GoVar[n];
                var tags = new string[n];
                for (int i = 0; i < n; i++)
                {
                    fields[i] = t.Obj<GoVar>(r.U())!;
                    tags[i] = t.Str(r.U());
                }
                st.Fields = fields;
                st.Tags = tags;
                break;
            }
            case GoTuple tup:
                tup.Vars = ReadList(ref r, id => t.Obj<GoVar>(id)!);
                break;
            case GoSignature sig:
                sig.Recv = t.Obj<GoVar>(r.U());
                sig.TypeParams = ReadList(ref r, id => t.Type<GoTypeParam>(id)!);
                sig.RecvTypeParams = ReadList(ref r, id => t.Type<GoTypeParam>(id)!);
                sig.Params = t.Type<GoTuple>(r.U())!;
                sig.Results = t.Type<GoTuple>(r.U())!;
                sig.Variadic = r.Bool();
                break;
            case GoInterface it:
                it.ExplicitMethods = ReadList(ref r, id => t.Obj<GoFunc>(id)!);
                it.Embeddeds = ReadList(ref r, id => t.Type(id)!);
                it.Methods = ReadList(ref r, id => t.Obj<GoFunc>(id)!);
                it.IsImplicit = r.Bool();
                it.IsComparable = r.Bool();
                it.Universe = r.Byte();
                break;
            case GoNamed n:
                n.Obj = t.Obj<GoTypeName>(r.U())!;
                n.OriginOrNull = t.Type<GoNamed>(r.U());
                n.TypeArgs = ReadList(ref r, id => t.Type(id)!);
                n.UnderlyingType = t.Type(r.U())!;
                n.Methods = ReadList(ref r, id => t.Obj<GoFunc>(id)!);
                n.TypeParams = ReadList(ref r, id => t.Type<GoTypeParam>(id)!);
                break;
            case GoTypeParam tp:
                tp.Obj = t.Obj<GoTypeName>(r.U())!;
                tp.Index = r.U();
                tp.Constraint = t.Type(r.U())!;
                break;
            case GoUnion u:
            {
                int n = r.Count();
                var terms = new (bool, GoType)[n];
                for (int i = 0; i < n; i++)
                {
                    bool tilde = r.Bool();
                    terms[i] = (tilde, t.Type(r.U())!);
                }
                u.Terms = terms;
                break;
            }
            case GoAlias al:
                al.Obj = t.Obj<GoTypeName>(r.U())!;
                al.Actual = t.Type(r.U())!;
                break;
        }
    }

    private static void ReadObject(ref ByteReader r, StreamTables t, GoObject o)
    {
        o.Name = t.Str(r.U());
        o.Package = t.Packages[r.U()];
        int file = r.U();
        if (file != 0)
        {
            int line = r.U(), col = r.U(), offset = r.U();
            o.Location = new Location(t.Str(file), line, col, offset);
        }
        else o.Location = new Location("", 0, 0, -1);
        o.Type = t.Type(r.U());
        o.Exported = r.Bool();
        o.IsPackageLevel = r.Bool();
        switch (o)
        {
            case GoVar v:
                v.IsField = r.Bool();
                v.Embedded = r.Bool();
                v.OriginOrNull = t.Obj<GoVar>(r.U());
                break;
            case GoFunc f:
                f.OriginOrNull = t.Obj<GoFunc>(r.U());
                break;
            case GoTypeName tn:
                tn.IsAlias = r.Bool();
                break;
            case GoConst c:
                r.U(); // constant kind: implied by the value's form
                c.Value = t.Str(r.U());
                break;
            case GoPkgName pn:
                pn.Imported = t.Packages[r.U()]!;
                break;
        }
    }
}
