using Vigil.Loading;
using Vigil.Semantics;
using Vigil.Syntax;

namespace Vigil.Flow.Cfg;

public enum NoReturnKind
{
    Returns,
    /// <summary>Unwinds the goroutine: panic, runtime.Goexit, t.FailNow/Fatal/Skip, log.Panic; deferred calls run.</summary>
    Panics,
    /// <summary>Ends the process: os.Exit, log.Fatal; deferred calls do not run.</summary>
    ExitsProcess,
}

/// <summary>
/// Decides which calls never return. It knows the standard library's
/// (panic, os.Exit, log.Fatal*, runtime.Goexit, the testing Fatal/FailNow/Skip
/// family), the logging libraries' (logrus, zap, glog, klog: Fatal*, Panic*,
/// Exit*), and can be given more: the functions found to always panic
/// (<see cref="NoReturnAnalysis"/>).
/// </summary>
public sealed class NoReturnOracle
{
    /// <summary>The standard library's no-return functions only.</summary>
    public static NoReturnOracle Known { get; } = new(new Dictionary<string, NoReturnKind>());

    private readonly IReadOnlyDictionary<string, NoReturnKind> extra;

    private NoReturnOracle(IReadOnlyDictionary<string, NoReturnKind> extra) => this.extra = extra;

    /// <summary>What the analysis found for the function of this key (<see cref="GoObject.Key"/>), or null when it returns.</summary>
    public NoReturnKind? Found(string key) => extra.TryGetValue(key, out var k) ? k : null;

    /// <summary>This oracle, plus functions (by <see cref="GoObject.Key"/>) known not to return.</summary>
    public NoReturnOracle With(IEnumerable<KeyValuePair<string, NoReturnKind>> more)
    {
        var d = new Dictionary<string, NoReturnKind>(extra);
        foreach (var (k, v) in more) d[k] = v;
        return new NoReturnOracle(d);
    }

    public int ExtraCount => extra.Count;

    public NoReturnKind Classify(CallExpr call, TypeInfo info)
    {
        var callee = Callees.CalleeObject(call, info);
        switch (callee)
        {
            case GoBuiltin b:
                return b.Name == "panic" ? NoReturnKind.Panics : NoReturnKind.Returns;
            case GoFunc f:
                var known = ClassifyKnown(f);
                if (known != NoReturnKind.Returns) return known;
                if (extra.Count > 0 && !Callees.IsInterfaceCall(call, info) && extra.TryGetValue(f.Origin.Key, out var k)) return k;
                return NoReturnKind.Returns;
        }
        return NoReturnKind.Returns;
    }

    private static readonly HashSet<string> TestingReceivers = ["T", "B", "F", "common", "TB"];

    /// <summary>The standard library's functions that never return.</summary>
    public static NoReturnKind ClassifyKnown(GoFunc f)
    {
        string? pkg = f.Package?.Path;
        if (pkg is null) return NoReturnKind.Returns;
        string name = f.Name;
        switch (pkg)
        {
            case "os" when name == "Exit" && !f.IsMethod:
            case "syscall" when name == "Exit" && !f.IsMethod:
                return NoReturnKind.ExitsProcess;
            case "runtime" when name == "Goexit" && !f.IsMethod:
                return NoReturnKind.Panics;
            // The runtime's own exit system call (assembly, no body to infer it from): `exit(0)` ends
            // `runtime.main`, and the deliberate crash after it (`for { var x *int32; *x = 0 }`) is unreachable.
            case "runtime" when name == "exit" && !f.IsMethod:
                return NoReturnKind.ExitsProcess;
            case "log":
                // Package functions and (*log.Logger) methods alike.
                if (name is "Fatal" or "Fatalf" or "Fatalln") return NoReturnKind.ExitsProcess;
                if (name is "Panic" or "Panicf" or "Panicln") return NoReturnKind.Panics;
                return NoReturnKind.Returns;
            // Logging libraries, often loaded from export data (no body to infer it from):
            // Fatal* log and exit, Panic* log and panic (package functions and logger methods).
            case "github.com/sirupsen/logrus" or "github.com/Sirupsen/logrus":
                if (name is "Fatal" or "Fatalf" or "Fatalln") return NoReturnKind.ExitsProcess;
                if (name is "Panic" or "Panicf" or "Panicln") return NoReturnKind.Panics;
                return NoReturnKind.Returns;
            case "go.uber.org/zap" when f.IsMethod:
                // (*Logger).Fatal, (*SugaredLogger).Fatal/Fatalf/Fatalw/Fatalln; DPanic panics only in development.
                if (name is "Fatal" or "Fatalf" or "Fatalw" or "Fatalln") return NoReturnKind.ExitsProcess;
                if (name is "Panic" or "Panicf" or "Panicw" or "Panicln") return NoReturnKind.Panics;
                return NoReturnKind.Returns;
            case "github.com/golang/glog" or "k8s.io/klog" or "k8s.io/klog/v2":
                if (name is "Fatal" or "Fatalf" or "Fatalln" or "FatalDepth" or "Exit" or "Exitf" or "Exitln" or "ExitDepth")
                    return NoReturnKind.ExitsProcess;
                return NoReturnKind.Returns;
            case "testing" when f.IsMethod:
                string? recv = f.ReceiverNamed?.Obj.Name;
                if (recv is not null && !TestingReceivers.Contains(recv)) return NoReturnKind.Returns;
                // FailNow and SkipNow call runtime.Goexit: deferred calls run, the test goroutine ends.
                return name is "Fatal" or "Fatalf" or "FailNow" or "Skip" or "Skipf" or "SkipNow"
                    ? NoReturnKind.Panics : NoReturnKind.Returns;
        }
        return NoReturnKind.Returns;
    }
}
