using System.Text.Json.Nodes;
using Guardrail.AspNetCore.Exchange;
using Guardrail.Grounding;
using Microsoft.Extensions.Logging;

namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>Takes the sources out of a parsed request: onto the exchange for the answer checks, and off the forwarded body.</summary>
internal static partial class RequestSources
{
    /// <summary>
    /// Extracts the request's sources once into <see cref="GuardedExchange.Sources"/>, then strips the <c>guardrail</c>
    /// extension field from <paramref name="request"/>; true when the field was there, so the body must be re-serialised.
    /// </summary>
    public static bool Take(GuardedExchange exchange, JsonObject request, ILogger logger)
    {
        // Read before stripping: the extension field is one of the places sources come from.
        exchange.Sources = Extract(exchange, request, logger);
        // Upstreams such as OpenAI reject unknown top-level fields, so the guard's own never leaves, whatever it holds.
        return SourceExtractor.StripExtension(request);
    }

    // Extraction parses caller-supplied text with configurable patterns; a failure there is a check error like any
    // detector's (the policy's fail mode decides), not a crashed request. Only the exception's type is logged: its
    // message or properties may quote the prompt.
    private static SourceSet? Extract(GuardedExchange exchange, JsonObject request, ILogger logger)
    {
        try
        {
            // The policy's grounding section says which patterns count as sources and bounds the work.
            return SourceExtractor.Extract(request, exchange.Guard.Engine.Policy.Grounding);
        }
        catch (Exception ex)
        {
            LogExtractionFailed(logger, exchange.Route, ex.GetType().Name);
            exchange.Guard.Builder.AddCheckError("sources", "request");
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source extraction failed on route {Route} ({ExceptionType}); the answer is checked without sources.")]
    private static partial void LogExtractionFailed(ILogger logger, string route, string exceptionType);
}
