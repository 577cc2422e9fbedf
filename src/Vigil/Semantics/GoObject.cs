using Vigil.Syntax;

namespace Vigil.Semantics;

public enum ObjectKind { Var = 1, Func, TypeName, Const, Label, PkgName, Builtin, Nil }

/// <summary>
/// A named entity of a Go program (types.Object): one instance per go/types
/// object, shared by every package of a load that refers to it.
/// </summary>
public abstract class GoObject
{
    public int Id { get; internal set; }
    public abstract ObjectKind Kind { get; }
    public string Name { get; internal set; } = "";
    /// <summary>The declaring package; null for universe objects (builtins, predeclared types, nil).</summary>
    public GoPackage? Package { get; internal set; }
    /// <summary>Where it is declared; invalid for universe objects.</summary>
    public Location Location { get; internal set; }
    public GoType? Type { get; internal set; }
    public bool Exported { get; internal set; }
    /// <summary>Declared at package level (in the package scope).</summary>
    public bool IsPackageLevel { get; internal set; }

    /// <summary>
    /// A key that identifies the object across loads and processes: package
    /// path and object path (e.g. "net/http.Client.Do", "fmt.Println",
    /// "p.T.field"); local objects get their file and offset.
    /// </summary>
    public string Key => key ??= ObjectKeys.KeyOf(this);
    private string? key;

    /// <summary>
    /// <see cref="Key"/>, with a local object's line and column in place of its offset: the same
    /// after an edit that moves bytes but not lines (what the result cache's fact hashes need).
    /// </summary>
    public string LineKey => Key.Contains('@') ? $"{Package?.Path}.{Name}@{System.IO.Path.GetFileName(Location.Path)}:{Location.Line}:{Location.Column}" : Key;

    public override string ToString() => Package is null ? Name : $"{Package.Path}.{Name}";
}

public sealed class GoVar : GoObject
{
    public override ObjectKind Kind => ObjectKind.Var;
    public bool IsField { get; internal set; }
    public bool Embedded { get; internal set; }
    internal GoVar? OriginOrNull { get; set; }
    /// <summary>For a field or parameter of an instantiated generic, the generic one.</summary>
    public GoVar Origin => OriginOrNull ?? this;
    /// <summary>For a field: the named struct type that declares it, when known.</summary>
    public GoNamed? Owner { get; internal set; }
}

public sealed class GoFunc : GoObject
{
    public override ObjectKind Kind => ObjectKind.Func;
    internal GoFunc? OriginOrNull { get; set; }
    /// <summary>For a method of an instantiated type, the generic method.</summary>
    public GoFunc Origin => OriginOrNull ?? this;
    public GoSignature Signature => (GoSignature)Type!;
    public bool IsMethod => Signature.Recv is not null;

    /// <summary>The receiver's base named type, for methods of named types.</summary>
    public GoNamed? ReceiverNamed => Signature.Recv?.Type?.NamedOrPointerToNamed();

    /// <summary>go/types' FullName: "pkg.F", "(*pkg.T).M", "(pkg.T).M".</summary>
    public string FullName
    {
        get
        {
            var recv = Signature.Recv;
            if (recv is null) return ToString();
            var t = recv.Type!.Unalias();
            bool ptr = t is GoPointer;
            var named = t.NamedOrPointerToNamed();
            string recvName = named is null ? TypeString.Of(t, null)
                : (named.Obj.Package is null ? named.Obj.Name : $"{named.Obj.Package.Path}.{named.Obj.Name}");
            return ptr ? $"(*{recvName}).{Name}" : $"({recvName}).{Name}";
        }
    }
}

public sealed class GoTypeName : GoObject
{
    public override ObjectKind Kind => ObjectKind.TypeName;
    public bool IsAlias { get; internal set; }
}

public sealed class GoConst : GoObject
{
    public override ObjectKind Kind => ObjectKind.Const;
    /// <summary>The value in go/constant's ExactString form.</summary>
    public string Value { get; internal set; } = "";
}

public sealed class GoLabel : GoObject { public override ObjectKind Kind => ObjectKind.Label; }

public sealed class GoPkgName : GoObject
{
    public override ObjectKind Kind => ObjectKind.PkgName;
    public GoPackage Imported { get; internal set; } = null!;
}

public sealed class GoBuiltin : GoObject { public override ObjectKind Kind => ObjectKind.Builtin; }

public sealed class GoNil : GoObject { public override ObjectKind Kind => ObjectKind.Nil; }

internal static class ObjectKeys
{
    public static string KeyOf(GoObject o)
    {
        string pkg = o.Package?.Path ?? "";
        switch (o)
        {
            case GoFunc f when f.IsMethod:
                var named = f.ReceiverNamed;
                return named is null ? $"{pkg}.?.{o.Name}" : $"{pkg}.{named.Origin.Obj.Name}.{o.Name}";
            case GoVar v when v.IsField && v.Owner is not null:
                return $"{pkg}.{v.Owner.Origin.Obj.Name}.{o.Name}";
        }
        if (o.IsPackageLevel) return pkg.Length == 0 ? o.Name : $"{pkg}.{o.Name}";
        return $"{pkg}.{o.Name}@{System.IO.Path.GetFileName(o.Location.Path)}:{o.Location.Offset}";
    }
}
