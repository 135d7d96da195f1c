using System.Diagnostics;
using Guardrail.AspNetCore.Exchange;
using Guardrail.AspNetCore.Metrics;
using Guardrail.AspNetCore.Streaming;
using Guardrail.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace Guardrail.AspNetCore.ResponseGuard;

/// <summary>
/// The response guard: a YARP response transform that routes the upstream answer to the buffered or the streaming
/// inspector of the request's adapter. What it cannot read is marked <c>unchecked</c> (withheld when failing closed),
/// and the upstream never speaks for the guard: its <c>x-guardrail-*</c> headers are dropped on every path.
/// </summary>
internal sealed class ResponseGuard(BufferedResponseGuard buffered, StreamingResponseGuard streaming, GuardrailMetrics metrics)
{
    public async ValueTask TransformAsync(ResponseTransformContext context)
    {
        var exchange = context.HttpContext.Features.Get<GuardedExchange>();
        var upstream = context.ProxyResponse;
        if (exchange is null || exchange.Finished || upstream is null) return;
        GuardHeaders.RemoveForeign(context.HttpContext.Response);
        if (exchange.UpstreamStartTimestamp != 0)
        {
            metrics.UpstreamDuration.WithLabels(exchange.Route).Observe(Stopwatch.GetElapsedTime(exchange.UpstreamStartTimestamp).TotalSeconds);
        }

        var response = context.HttpContext.Response;
        if (exchange.Adapter is null)
        {
            // Unsupported path (already marked): the body is not the guard's to read.
            Finish(exchange, response, "none");
            return;
        }
        if (!upstream.IsSuccessStatusCode)
        {
            context.SuppressResponseBody = true;
            await buffered.PassErrorAsync(context.HttpContext, exchange, upstream);
            return;
        }

        var mediaType = upstream.Content.Headers.ContentType?.MediaType ?? "";
        if (mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            context.SuppressResponseBody = true;
            await streaming.PumpAsync(context.HttpContext, exchange, upstream);
            return;
        }
        if (IsNdjson(mediaType) && exchange.Adapter is INdjsonStreamAdapter)
        {
            // Line-delimited JSON (Ollama) streams like SSE; to other adapters it is a body that is not their JSON, so unchecked.
            context.SuppressResponseBody = true;
            await streaming.PumpAsync(context.HttpContext, exchange, upstream, ndjson: true);
            return;
        }
        // Whatever the content type says, a body the client would read as JSON or SSE is checked as such.
        context.SuppressResponseBody = true;
        await buffered.InspectAsync(context.HttpContext, exchange, upstream, declaredJson: mediaType.Contains("json", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsNdjson(string mediaType) =>
        mediaType.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/ndjson", StringComparison.OrdinalIgnoreCase)
        || mediaType.Equals("application/jsonl", StringComparison.OrdinalIgnoreCase);

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
