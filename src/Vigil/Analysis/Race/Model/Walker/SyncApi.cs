using Vigil.Semantics;

namespace Vigil.Analysis.Race;

public enum ApiKind
{
    None, Lock, RLock, Unlock, RUnlock, TryLock, RLocker, WgDone, WgWait, OnceDo, CondWait, TimerReset,
    AtomicLoad, AtomicStore, AtomicModify, TestParallel, TestRun, HandleFunc, Handle, Serve, AfterFunc, GroupGo, GroupWait,
}

/// <summary>The standard-library calls with concurrency meaning, recognized by their go/types full names.</summary>
public static class SyncApi
{
    public static ApiKind Classify(GoFunc f)
    {
        string pkg = f.Package?.Path ?? "";
        string name = f.Name;
        if (f.IsMethod)
        {
            var recv = f.ReceiverNamed?.Obj.Name ?? "";
            switch (pkg)
            {
                // sync.Locker (the L of a sync.Cond, a lock passed as an interface): its Lock and Unlock lock the value it holds.
                case "sync" when recv == "Locker":
                    return name switch { "Lock" => ApiKind.Lock, "Unlock" => ApiKind.Unlock, _ => ApiKind.None };
                case "sync" when recv is "Mutex" or "RWMutex":
                    return name switch
                    {
                        "Lock" => ApiKind.Lock, "Unlock" => ApiKind.Unlock, "RLock" => ApiKind.RLock,
                        "RUnlock" => ApiKind.RUnlock, "TryLock" or "TryRLock" => ApiKind.TryLock, "RLocker" => ApiKind.RLocker, _ => ApiKind.None,
                    };
                case "sync" when recv == "WaitGroup":
                    return name switch { "Done" => ApiKind.WgDone, "Wait" => ApiKind.WgWait, _ => ApiKind.None };
                case "time" when recv is "Timer" or "Ticker":
                    return name == "Reset" ? ApiKind.TimerReset : ApiKind.None;
                case "sync" when recv == "Cond":
                    return name == "Wait" ? ApiKind.CondWait : ApiKind.None;
                case "sync" when recv == "Once":
                    return name == "Do" ? ApiKind.OnceDo : ApiKind.None;
                case "sync/atomic":
                    return name switch
                    {
                        "Load" => ApiKind.AtomicLoad, "Store" => ApiKind.AtomicStore, _ => ApiKind.AtomicModify,
                    };
                case "testing" when recv is "T" or "B" or "F":
                    return name switch { "Parallel" => ApiKind.TestParallel, "Run" => ApiKind.TestRun, _ => ApiKind.None };
                case "net/http" when recv == "ServeMux":
                    return name switch { "HandleFunc" => ApiKind.HandleFunc, "Handle" => ApiKind.Handle, _ => ApiKind.None };
                case "net/http" when recv == "Server":
                    return ApiKind.None;
                // errgroup, usually a dependency loaded without source: its Go starts f in a goroutine that is done
                // before Wait returns (with source, its body says so and is used instead).
                case "golang.org/x/sync/errgroup" when recv == "Group":
                    return name switch { "Go" or "TryGo" => ApiKind.GroupGo, "Wait" => ApiKind.GroupWait, _ => ApiKind.None };
            }
            return ApiKind.None;
        }
        switch (pkg)
        {
            case "sync/atomic":
                if (name.StartsWith("Load", StringComparison.Ordinal)) return ApiKind.AtomicLoad;
                if (name.StartsWith("Store", StringComparison.Ordinal)) return ApiKind.AtomicStore;
                return ApiKind.AtomicModify;
            case "net/http":
                return name switch
                {
                    "HandleFunc" => ApiKind.HandleFunc, "Handle" => ApiKind.Handle,
                    "ListenAndServe" or "ListenAndServeTLS" or "Serve" or "ServeTLS" => ApiKind.Serve, _ => ApiKind.None,
                };
            case "net/http/httptest" when name is "NewServer" or "NewTLSServer" or "NewUnstartedServer":
                return ApiKind.Serve;
            case "time" when name == "AfterFunc":
                return ApiKind.AfterFunc;
        }
        return ApiKind.None;
    }
}
