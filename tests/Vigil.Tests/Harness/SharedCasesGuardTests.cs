using System.Reflection;

namespace Vigil.Tests.Harness;

/// <summary>
/// A fresh clone passes its tests (issue 15, item 8): every test that reads the acceptance
/// cases beside the repository (<see cref="Repo.SharedCases"/>) is marked
/// [SharedCasesFact] or [SharedCasesTheory], so it skips with its reason when they are absent
/// instead of failing. Found from the tests' own code (the calls in their IL).
/// </summary>
public class SharedCasesGuardTests
{
    [Fact]
    public void EveryTestReadingTheSharedCasesSkipsWithoutThem()
    {
        var getter = typeof(Repo).GetProperty(nameof(Repo.SharedCases))!.GetMethod!;
        var tests = typeof(Repo).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .ToList();
        var reading = tests.Where(m => Calls(m, getter)).ToList();
        Assert.NotEmpty(reading); // the scan finds the tests it guards
        var unguarded = reading
            .Where(m => !m.GetCustomAttributes().Any(a => a is SharedCasesFactAttribute or SharedCasesTheoryAttribute))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToList();
        Assert.True(unguarded.Count == 0, "these tests read ../shared/cases without [SharedCasesFact]/[SharedCasesTheory]: " + string.Join(", ", unguarded));
    }

    /// <summary>Whether the method's IL calls <paramref name="target"/> (call/callvirt with its token).</summary>
    private static bool Calls(MethodInfo m, MethodInfo target)
    {
        var il = m.GetMethodBody()?.GetILAsByteArray();
        if (il is null) return false;
        for (int i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F)) continue;
            int token = BitConverter.ToInt32(il, i + 1);
            try
            {
                if (m.Module.ResolveMethod(token) is MethodInfo called && called == target) return true;
            }
            catch (Exception e) when (e is ArgumentException or BadImageFormatException) { } // operand bytes, not a call
        }
        return false;
    }
}
