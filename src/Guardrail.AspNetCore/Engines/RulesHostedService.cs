using Guardrail.AspNetCore.Hosting;
using Guardrail.AspNetCore.Metrics;
using Guardrail.Rules.Reload;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Engines;

/// <summary>
/// Refuses to start on an invalid rule set (every error listed), then watches the folder so edits apply
/// without a restart; reloads are counted and a bad edit is logged while the last good set stays.
/// </summary>
internal sealed partial class RulesHostedService(
    RuleSetProvider rules,
    IOptions<GuardrailOptions> options,
    GuardrailMetrics metrics,
    ILogger<RulesHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var initial = rules.LastResult;
        if (!initial.Success)
        {
            throw new InvalidOperationException(
                $"The rules in '{options.Value.RulesDirectory}' are invalid:{Environment.NewLine}" + string.Join(Environment.NewLine, initial.Errors));
        }
        rules.Reloaded += OnReloaded;
        if (options.Value.WatchRules) rules.StartWatching();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        rules.Reloaded -= OnReloaded;
        return Task.CompletedTask;
    }

    private void OnReloaded(RuleReloadResult result)
    {
        metrics.RulesReloads.WithLabels(result.Result).Inc();
        if (result.Success)
        {
            LogReloaded(logger, result.Current.RuleSet.Hash, result.Current.RuleSet.Rules.Count);
        }
        else
        {
            LogRejected(logger, result.Errors.Count, string.Join("; ", result.Errors));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rules reloaded: set {Hash} with {Count} rules is in force.")]
    private static partial void LogReloaded(ILogger logger, string hash, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rules reload rejected with {Count} errors; the last good set stays in force: {Errors}")]
    private static partial void LogRejected(ILogger logger, int count, string errors);
}
