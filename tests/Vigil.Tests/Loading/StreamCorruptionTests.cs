using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Vigil.Loading;
using Vigil.Tests.Harness;

namespace Vigil.Tests.Loading;

[CollectionDefinition(nameof(StreamCorruptionTests), DisableParallelization = true)]
public sealed class AloneCollection;

/// <summary>
/// The stream decoder on truncated and corrupted streams (issue 15, item 9): real streams
/// the front-end wrote for Vigil's testdata, cut short or with bytes changed, inserted or
/// removed. Whatever the bytes, decoding returns or throws <see cref="StreamFormatException"/>
/// (which the CLI reports in one line), in bounded time and allocation. Run alone (no other
/// test allocates meanwhile) with a fixed seed; bench/fuzz/decoder.sh runs it longer with
/// fresh seeds (VIGIL_FUZZ_CASES, VIGIL_FUZZ_SEED).
/// </summary>
[Collection(nameof(StreamCorruptionTests))]
public class StreamCorruptionTests
{
    private static readonly Lazy<byte[][]> Streams = new(() =>
        new[] { "./race/guarded", "./nil/...", "./escape/grammar" }.Select(p => FrontendStream(Repo.Testdata, p)).ToArray());

    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("VIGIL_FUZZ_CASES"), out int n) ? n : 150;
    private static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("VIGIL_FUZZ_SEED"), out ulong s) ? s : 7;

    /// <summary>What was done to a stream, printed when a case fails (it replays the failure).</summary>
    public sealed record Mutation(int Stream, string Kind, int[] Positions, byte[] Values)
    {
        public byte[] Apply(byte[] s)
        {
            var bytes = s.ToList();
            switch (Kind)
            {
                case "truncate": return s[..Math.Min(Positions[0], s.Length)];
                case "insert": for (int i = 0; i < Positions.Length; i++) bytes.Insert(Math.Min(Positions[i], bytes.Count), Values[i]); break;
                case "delete": foreach (int p in Positions.OrderDescending()) if (p < bytes.Count) bytes.RemoveAt(p); break;
                case "bignum": // a large varint written over a field: a count, length or id far beyond the data
                    for (int i = 0; i < Positions.Length; i++)
                    {
                        ulong v = (ulong)Values[i] << 24 | 0xffffff;
                        for (int p = Positions[i]; p < bytes.Count; p++, v >>= 7)
                        {
                            bytes[p] = (byte)(v >= 0x80 ? (v & 0x7f) | 0x80 : v);
                            if (v < 0x80) break;
                        }
                    }
                    break;
                default: for (int i = 0; i < Positions.Length; i++) if (Positions[i] < bytes.Count) bytes[Positions[i]] = Values[i]; break;
            }
            return [.. bytes];
        }

        public override string ToString() => $"{Kind} stream {Stream} at [{string.Join(",", Positions)}] values [{string.Join(",", Values)}]";
    }

    private static Gen<Mutation> Mutations(byte[][] streams) =>
        from stream in Gen.Choose(0, streams.Length - 1)
        let len = streams[stream].Length
        from kind in Gen.Elements("truncate", "flip", "flip", "insert", "delete", "bignum", "bignum")
        from count in Gen.Choose(1, kind == "truncate" ? 1 : 4)
        // Half the positions near the start (header, tables), half anywhere.
        from positions in Gen.ArrayOf(Gen.OneOf(Gen.Choose(0, Math.Min(len - 1, 512)), Gen.Choose(0, len - 1)), count)
        from values in Gen.ArrayOf(Gen.OneOf(Gen.Elements<byte>(0, 1, 0x7f, 0x80, 0xff), Gen.Choose(0, 255).Select(v => (byte)v)), count)
        select new Mutation(stream, kind, positions, values);

    [Fact]
    public void CorruptStreamsAreAClearErrorNeverACrashHangOrRunawayAllocation()
    {
        var streams = Streams.Value;
        foreach (var s in streams) Assert.Null(Decode(s)); // the untouched streams decode
        var config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(Cases)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed), FSharpOption<int>.None)));
        Check.One(config, Prop.ForAll(Mutations(streams).ToArbitrary(), m =>
        {
            var bytes = m.Apply(streams[m.Stream]);
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var error = Decode(bytes);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            // Decoding allocates the model (a few dozen times the stream); a count nobody paid for would allocate far more.
            Assert.True(allocated < 64L * 1024 * 1024 + 200L * bytes.Length, $"{m}: allocated {allocated} bytes decoding {bytes.Length}");
            if (error is not null) Assert.False(string.IsNullOrWhiteSpace(error.Message), m.ToString());
        }));
    }

    /// <summary>Null when the stream decodes; the format error when it does not. Anything else (another exception, a hang) fails the test.</summary>
    private static StreamFormatException? Decode(byte[] bytes)
    {
        var task = Task.Run(() =>
        {
            try { StreamDecoder.Read(new MemoryStream(bytes)); return null; }
            catch (StreamFormatException e) { return e; }
        });
        Assert.True(task.Wait(TimeSpan.FromSeconds(30)), $"decoding a {bytes.Length}-byte stream did not finish in 30 s");
        return task.Result;
    }

    /// <summary>The bytes the front-end writes for a pattern, as the loader reads them.</summary>
    private static byte[] FrontendStream(string dir, string pattern)
    {
        var go = GoToolchain.Find();
        var psi = new ProcessStartInfo(FrontendCache.Ensure(go))
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "load", "-C", dir, "-tests=false", "--", pattern }) psi.ArgumentList.Add(a);
        psi.Environment["VIGIL_GO"] = go.GoPath;
        psi.Environment["GOTOOLCHAIN"] = "local";
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"front-end load {pattern}: {err.Result}");
        return ms.ToArray();
    }
}
