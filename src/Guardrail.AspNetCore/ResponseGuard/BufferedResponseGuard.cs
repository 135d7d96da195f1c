using System.Text.Json.Nodes;
using Guardrail.AspNetCore.Exchange;
using Guardrail.AspNetCore.Metrics;
using Guardrail.AspNetCore.RequestGuard;
using Guardrail.Pipeline;
using Guardrail.Policies;
using Guardrail.Protocol.OpenAI;
using Guardrail.Verdicts;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.ResponseGuard;

/// <summary>Inspects a whole (non-streamed) chat completion and writes it back annotated, redacted or blocked.</summary>
internal sealed class BufferedResponseGuard(GuardrailMetrics metrics)
{
    public async Task InspectAsync(HttpContext context, GuardedExchange exchange, HttpResponseMessage upstream)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        var policy = exchange.Guard.Engine.Policy;
        await using var raw = await upstream.Content.ReadAsStreamAsync(ct);
        var decoded = ContentDecoding.Open(raw, upstream.Content.Headers.ContentEncoding);
        if (decoded is null)
        {
            exchange.Guard.Builder.AddUnchecked("unsupported-content-encoding");
            Finish(exchange, response);
            await raw.CopyToAsync(response.Body, ct);
            return;
        }
        var wasDecoded = !ReferenceEquals(decoded, raw);
        var (buffer, complete) = await BoundedBody.ReadAsync(decoded, policy.MaxResponseBytes, ct);
        if (!complete)
        {
            await HandleOversizeAsync(context, exchange, buffer, decoded, wasDecoded, policy);
            return;
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var rewritten = exchange.Guard.Measure(() => Inspect(exchange, body, policy));
        var verdict = Finish(exchange, response);
        if (rewritten is not null)
        {
            // The rewrite needs the final verdict, so it happens after Finish; its cost is small and constant.
            ChatCompletionRewriter.Apply(rewritten, verdict, policy.BlockMessage);
            body = System.Text.Encoding.UTF8.GetBytes(rewritten.ToJsonString());
        }
        ResponseGuard.PrepareRewrite(response, wasDecoded || rewritten is not null);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, ct);
    }

    private static JsonObject? Inspect(GuardedExchange exchange, ReadOnlyMemory<byte> body, Policy policy)
    {
        if (!ChatCompletionReader.TryRead(body, out var info, out var error))
        {
            exchange.Guard.Builder.AddUnchecked($"response-parse: {error}");
            return null;
        }
        // The request's sources ride on every answer target, for checks (grounding) that align claims with them.
        exchange.KeepTexts(info!.Targets);
        var sources = exchange.Sources;
        exchange.Guard.Evaluate(sources is null ? info!.Targets : info!.Targets.Select(t => t with { Sources = sources }));
        return info.Root;
    }

    private async Task HandleOversizeAsync(HttpContext context, GuardedExchange exchange, MemoryStream prefix, Stream rest, bool decoded, Policy policy)
    {
        var response = context.Response;
        if (policy.Oversize == OversizeAction.Block)
        {
            exchange.Guard.Builder.AddFinding(GuardFindings.TooLarge("response", policy.MaxResponseBytes));
            var verdict = Finish(exchange, response);
            response.Headers.Clear();
            GuardHeaders.Apply(response, verdict);
            response.StatusCode = StatusCodes.Status502BadGateway;
            response.ContentType = "application/json";
            await response.WriteAsync(OpenAIErrors.Create("The answer is larger than the guard's limit.", "server_error", "content_filter", verdict).ToJsonString(), context.RequestAborted);
            return;
        }
        exchange.Guard.Builder.AddUnchecked("response-too-large");
        Finish(exchange, response);
        ResponseGuard.PrepareRewrite(response, decoded);
        prefix.Position = 0;
        await prefix.CopyToAsync(response.Body, context.RequestAborted);
        await rest.CopyToAsync(response.Body, context.RequestAborted);
    }

    private Verdict Finish(GuardedExchange exchange, HttpResponse response)
    {
        var verdict = exchange.FinishResponse(metrics, "buffered");
        GuardHeaders.Apply(response, verdict);
        return verdict;
    }
}
