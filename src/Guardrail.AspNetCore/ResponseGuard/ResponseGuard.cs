using System.Diagnostics;
using Guardrail.AspNetCore.Exchange;
using Guardrail.AspNetCore.Metrics;
using Guardrail.AspNetCore.Streaming;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace Guardrail.AspNetCore.ResponseGuard;

/// <summary>
/// The response guard: a YARP response transform that routes the upstream answer to the buffered or the
/// streaming inspector, and lets everything it does not understand through untouched.
/// </summary>
internal sealed class ResponseGuard(BufferedResponseGuard buffered, StreamingResponseGuard streaming, GuardrailMetrics metrics)
{
    public async ValueTask TransformAsync(ResponseTransformContext context)
    {
        var exchange = context.HttpContext.Features.Get<GuardedExchange>();
        var upstream = context.ProxyResponse;
        if (exchange is null || exchange.Finished || upstream is null) return;
        if (exchange.UpstreamStartTimestamp != 0)
        {
            metrics.UpstreamDuration.WithLabels(exchange.Route).Observe(Stopwatch.GetElapsedTime(exchange.UpstreamStartTimestamp).TotalSeconds);
        }

        var response = context.HttpContext.Response;
        if (!upstream.IsSuccessStatusCode)
        {
            // Upstream errors pass through unchanged; the answer was not checked, and the verdict says so.
            exchange.Guard.Builder.AddUnchecked($"upstream-error: HTTP {(int)upstream.StatusCode}");
            Finish(exchange, response, "none");
            return;
        }

        var mediaType = upstream.Content.Headers.ContentType?.MediaType ?? "";
        if (mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            context.SuppressResponseBody = true;
            await streaming.PumpAsync(context.HttpContext, exchange, upstream);
            return;
        }
        if (mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            context.SuppressResponseBody = true;
            await buffered.InspectAsync(context.HttpContext, exchange, upstream);
            return;
        }
        exchange.Guard.Builder.AddUnchecked("unsupported-content-type");
        Finish(exchange, response, "none");
    }

    private void Finish(GuardedExchange exchange, HttpResponse response, string mode)
    {
        GuardHeaders.Apply(response, exchange.FinishResponse(metrics, mode));
    }

    /// <summary>Removes headers that describe the upstream's encoding of a body the guard rewrites.</summary>
    public static void PrepareRewrite(HttpResponse response, bool decoded)
    {
        response.Headers.ContentLength = null;
        if (decoded) response.Headers.Remove(HeaderNames.ContentEncoding);
    }
}
