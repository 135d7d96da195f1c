using Guardrail.AspNetCore.Hosting;
using Guardrail.AspNetCore.RequestGuard;
using Guardrail.Rules.Loading;
using Guardrail.Rules.Reload;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Guardrail.Server.Hosting;

/// <summary>
/// Refuses to start when the default policy (<c>--policy</c>, <c>Guardrail:DefaultPolicy</c>) or a guarded route's
/// <c>GuardrailPolicy</c> metadata names a policy the rules folder does not define (DESIGN.md §10.11). At run time
/// such a route would fall back to the default policy and mark every exchange unchecked; a typo should not get
/// that far. Registered after the rules are loaded, whose own check lists invalid rule files.
/// </summary>
internal sealed class PolicyNamesCheck(
    RuleSetProvider rules,
    IOptions<GuardrailOptions> options,
    IEnumerable<IProxyConfigProvider> routes) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!rules.LastResult.Success) return Task.CompletedTask; // the rules' own check reports this
        var known = rules.Current.Policies;
        var unknown = Named()
            .Where(n => !known.ContainsKey(n.Policy))
            .GroupBy(n => n.Policy, StringComparer.OrdinalIgnoreCase)
            .Select(g => Message(g.Key, g.Select(n => n.Where), known.Keys))
            .ToList();
        if (unknown.Count > 0) throw new InvalidOperationException(string.Join("; ", unknown));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<(string Policy, string Where)> Named()
    {
        yield return (options.Value.DefaultPolicy, $"{GuardrailOptions.SectionName}:DefaultPolicy (--policy)");
        foreach (var route in routes.SelectMany(p => p.GetConfig().Routes))
        {
            if (route.Metadata is not { } metadata) continue;
            if (metadata.TryGetValue(GuardrailRouteMetadata.Enabled, out var enabled) && string.Equals(enabled, "off", StringComparison.OrdinalIgnoreCase)) continue;
            if (metadata.TryGetValue(GuardrailRouteMetadata.Policy, out var policy) && !string.IsNullOrEmpty(policy))
            {
                yield return (policy, $"route '{route.RouteId}' {GuardrailRouteMetadata.Policy}");
            }
        }
    }

    private static string Message(string policy, IEnumerable<string> places, IEnumerable<string> known)
    {
        var names = known.Order(StringComparer.Ordinal).ToList();
        var hint = KeySuggestion.Closest(policy, names) is { } near ? $" (did you mean '{near}'?)" : "";
        return $"unknown policy '{policy}' in {string.Join(", ", places.Distinct())}{hint}; known policies: {string.Join(", ", names)}";
    }
}
