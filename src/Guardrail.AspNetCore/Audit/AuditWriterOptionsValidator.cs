using Guardrail.Audit;
using Microsoft.Extensions.Options;

namespace Guardrail.AspNetCore.Audit;

/// <summary>Checks the writer's settings at startup, listing every error (the store's validator checks the connection).</summary>
internal sealed class AuditWriterOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions o)
    {
        if (!o.Enabled) return ValidateOptionsResult.Success;
        var errors = new List<string>();
        if (o.QueueCapacity is < 1 or > 10_000_000) errors.Add($"Guardrail:Audit:QueueCapacity must be from 1 to 10000000, not {o.QueueCapacity}.");
        if (o.QueueCharacters < 1) errors.Add($"Guardrail:Audit:QueueCharacters must be at least 1, not {o.QueueCharacters}.");
        if (o.BatchSize is < 1 or > 10_000) errors.Add($"Guardrail:Audit:BatchSize must be from 1 to 10000, not {o.BatchSize}.");
        if (o.FlushDelay < TimeSpan.Zero || o.FlushDelay > TimeSpan.FromSeconds(10)) errors.Add($"Guardrail:Audit:FlushDelay must be from 0 to 10 seconds, not {o.FlushDelay}.");
        if (o.MaxAge <= TimeSpan.Zero) errors.Add($"Guardrail:Audit:MaxAge must be positive, not {o.MaxAge}.");
        if (o.MaxRecords < 1) errors.Add($"Guardrail:Audit:MaxRecords must be at least 1, not {o.MaxRecords}.");
        if (o.PruneInterval < TimeSpan.FromSeconds(1)) errors.Add($"Guardrail:Audit:PruneInterval must be at least 1 second, not {o.PruneInterval}.");
        if (o.WriteAttempts is < 1 or > 10) errors.Add($"Guardrail:Audit:WriteAttempts must be from 1 to 10, not {o.WriteAttempts}.");
        if (o.RetryDelay < TimeSpan.Zero || o.RetryDelay > TimeSpan.FromMinutes(1)) errors.Add($"Guardrail:Audit:RetryDelay must be from 0 to 1 minute, not {o.RetryDelay}.");
        if (o.WriteTimeout <= TimeSpan.Zero) errors.Add($"Guardrail:Audit:WriteTimeout must be positive, not {o.WriteTimeout}.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
