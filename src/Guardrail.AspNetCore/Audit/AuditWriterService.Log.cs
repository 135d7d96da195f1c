using Microsoft.Extensions.Logging;

namespace Guardrail.AspNetCore.Audit;

/// <summary>The writer's log messages: counts and error descriptions, never exchange text (DESIGN.md §10.6).</summary>
internal sealed partial class AuditWriterService
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit store write of {Count} records failed (try {Attempt} of {Attempts}); retrying. {Error}")]
    private static partial void LogRetry(ILogger logger, int count, int attempt, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit store write failed; {Count} records were not stored. {Error}")]
    private static partial void LogLost(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit retention pruned {Count} verdicts.")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit retention pruning failed; next try at the next interval. {Error}")]
    private static partial void LogPruneFailed(ILogger logger, string error);
}
