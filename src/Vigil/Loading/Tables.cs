using Vigil.Semantics;

namespace Vigil.Loading;

/// <summary>
/// An append-only table indexed by stream id that readers on other threads
/// may read while one writer appends: storage is in fixed chunks that never move.
/// </summary>
internal sealed class ChunkedTable<T> where T : class
{
    private const int ChunkBits = 12, ChunkSize = 1 << ChunkBits;
    private readonly T?[]?[] chunks = new T?[]?[1 << 16];

    public int Count { get; private set; } = 1; // id 0 means "none"

    public T? this[int id]
    {
        get
        {
            if (id <= 0 || id >> ChunkBits >= chunks.Length) return null;
            var c = chunks[id >> ChunkBits];
            return c?[id & (ChunkSize - 1)];
        }
    }

    public void Set(int id, T value)
    {
        if (id < 0 || id >> ChunkBits >= chunks.Length) throw new StreamFormatException($"table id {id} out of range");
        ref var c = ref chunks[id >> ChunkBits];
        c ??= new T?[ChunkSize];
        c[id & (ChunkSize - 1)] = value;
        if (id >= Count) Count = id + 1;
    }

    public IEnumerable<T> All()
    {
        for (int i = 1; i < Count; i++)
            if (this[i] is { } v) yield return v;
    }
}

/// <summary>The stream's global tables: strings, packages, types and objects.</summary>
internal sealed class StreamTables
{
    public readonly ChunkedTable<string> Strings = new();
    public readonly ChunkedTable<GoPackage> Packages = new();
    public readonly ChunkedTable<GoType> Types = new();
    public readonly ChunkedTable<GoObject> Objects = new();

    public StreamTables() => Strings.Set(0, "");

    public string Str(int id) => id == 0 ? "" : Strings[id] ?? throw new StreamFormatException($"bad string id {id}");
    public GoType? Type(int id) => id == 0 ? null : Types[id] ?? throw new StreamFormatException($"bad type id {id}");
    public GoObject? Obj(int id) => id == 0 ? null : Objects[id] ?? throw new StreamFormatException($"bad object id {id}");
    public T? Obj<T>(int id) where T : GoObject => Obj(id) is var o && (o is null or T) ? (T?)o : throw new StreamFormatException($"object {id} is a {o.GetType().Name}, not a {typeof(T).Name}");
    public T? Type<T>(int id) where T : GoType => Type(id) is var ty && (ty is null or T) ? (T?)ty : throw new StreamFormatException($"type {id} is a {ty.GetType().Name}, not a {typeof(T).Name}");
}
