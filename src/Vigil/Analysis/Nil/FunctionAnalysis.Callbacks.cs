using Vigil.Syntax;

namespace Vigil.Analysis.Nil;

public sealed partial class FunctionAnalysis
{
    /// <summary>
    /// A function literal stored as a callback that some call passes nil to (see
    /// <see cref="CallbackNils"/>): those parameters start nil, guarded by the error parameter
    /// when the nil comes with an error.
    /// </summary>
    private void EnterCallbackParameters()
    {
        if (root is not FuncLit lit || type?.Params is not { } ps) return;
        var nilParams = world.Callbacks.For(lit, info);
        if (nilParams.Count == 0) return;
        var vars = new List<Vigil.Semantics.GoVar?>();
        foreach (var f in ps.List)
        {
            if (f.Names.Count == 0) { vars.Add(null); continue; }
            foreach (var name in f.Names) vars.Add(info.DefOf(name) as Vigil.Semantics.GoVar);
        }
        foreach (var (i, trace, errorParam) in nilParams)
        {
            if (i >= vars.Count || vars[i] is not { } v || untracked.Contains(v.Id) || !NilableType(v.Type)) continue;
            S = S.Set(Key(v), Fact.FromTrace(trace));
            if (errorParam >= 0 && errorParam < vars.Count && vars[errorParam] is { } ev && !untracked.Contains(ev.Id))
                S = S.AddGuard(Key(ev), new Guard(Key(v), IsError: true));
        }
    }
}
