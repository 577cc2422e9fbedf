using System.Runtime.ExceptionServices;

namespace Vigil.Analysis;

/// <summary>
/// Runs work on a thread with a 512 MiB stack (reserved, committed only as used), whatever
/// thread calls: syntax walks recurse as deep as the code nests, up to the decoder's depth
/// budget (docs/limits.md). Threads the runtime starts (the thread pool) get that size only
/// from the host's System.Threading.DefaultStackSize (the vigil command and the tests set
/// it); elsewhere, deep code costs its packages a tool error, never the process.
/// </summary>
public static class BigStack
{
    public const int Size = 512 << 20;

    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }, Size) { Name = "vigil-analysis" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
