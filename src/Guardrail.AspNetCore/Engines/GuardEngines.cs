using System.Collections.Concurrent;
using Guardrail.AspNetCore.Hosting;
using Guardrail.Detection;
using Guardrail.Rules;
using Guardrail.Rules.Reload;
using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Engines;

/// <summary>Builds one rule engine per policy for the snapshot in force, and rebuilds them after a reload.</summary>
internal sealed class GuardEngines(RuleSetProvider rules, DetectorRegistry detectors, IOptions<GuardrailOptions> options) : IGuardEngines
{
    private sealed record Cache(RuleSetSnapshot Snapshot, ConcurrentDictionary<string, RuleEngine?> Engines);

    private Cache? _cache;

    public bool IsReady => rules.LastResult.Success;

    public RuleEngine? Get(string? policy)
    {
        var snapshot = rules.Current;
        var cache = Volatile.Read(ref _cache);
        if (cache is null || !ReferenceEquals(cache.Snapshot, snapshot))
        {
            cache = new Cache(snapshot, new ConcurrentDictionary<string, RuleEngine?>(StringComparer.OrdinalIgnoreCase));
            Volatile.Write(ref _cache, cache);
        }
        var name = string.IsNullOrEmpty(policy) ? options.Value.DefaultPolicy : policy;
        return cache.Engines.GetOrAdd(name, n =>
            snapshot.Policies.TryGetValue(n, out var p) ? new RuleEngine(snapshot.RuleSet, p, detectors) : null);
    }
}
