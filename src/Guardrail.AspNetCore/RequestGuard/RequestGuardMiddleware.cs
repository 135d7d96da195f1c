using System.Diagnostics;
using Guardrail.Audit;
using Guardrail.AspNetCore.Audit;
using Guardrail.AspNetCore.Engines;
using Guardrail.AspNetCore.Exchange;
using Guardrail.AspNetCore.Metrics;
using Guardrail.Detection;
using Guardrail.Pipeline;
using Guardrail.Policies;
using Guardrail.Protocol.OpenAI;
using Guardrail.Verdicts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>
/// The request guard, a stage of the YARP proxy pipeline: inspects the prompt of a Chat Completions call,
/// refuses it with the OpenAI error envelope when a rule blocks, and otherwise forwards the body — unchanged
/// unless a rule redacts it or it carries the <c>guardrail</c> extension field, which is stripped — leaving the
/// exchange's state (verdict so far, sources) for the response guard.
/// </summary>
internal sealed partial class RequestGuardMiddleware(
    RequestDelegate next,
    GuardedRoutes routes,
    IGuardEngines engines,
    GuardrailMetrics metrics,
    TimeProvider time,
    ILogger<RequestGuardMiddleware> logger,
    IAuditSink? audit = null)
{
    // Without AddGuardrailAudit (or with it switched off) exchanges keep no texts and write nothing.
    private readonly IAuditSink? _audit = audit is AuditWriter { Enabled: false } ? null : audit;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!routes.IsGuarded(context, out var route, out var policyName))
        {
            await next(context);
            return;
        }
        var start = Stopwatch.GetTimestamp();
        var engine = engines.Get(policyName);
        var unknownPolicy = engine is null;
        if (unknownPolicy)
        {
            // A route naming a missing policy is still guarded, by the default one, and says so in the verdict.
            LogUnknownPolicy(logger, route, policyName);
            engine = engines.Get(null);
            if (engine is null)
            {
                await next(context);
                return;
            }
        }
        var guard = new ExchangeGuard(engine!, time);
        if (unknownPolicy) guard.Builder.AddUnchecked("unknown-policy");
        var exchange = new GuardedExchange(guard, route, start);
        if (_audit is not null) exchange.EnableAudit(_audit, time);
        context.Features.Set(exchange);
        // Uncompressed answers are cheaper to inspect; ContentDecoding still copes with upstreams that ignore this.
        context.Request.Headers.AcceptEncoding = default;

        var policy = guard.Engine.Policy;
        if (context.Request.ContentLength > policy.MaxRequestBytes)
        {
            await HandleOversizeAsync(context, exchange, new MemoryStream(), policy);
            return;
        }
        var (buffer, complete) = await BoundedBody.ReadAsync(context.Request.Body, policy.MaxRequestBytes, context.RequestAborted);
        if (!complete)
        {
            await HandleOversizeAsync(context, exchange, buffer, policy);
            return;
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var forwarded = guard.Measure(() => Inspect(exchange, body));
        if (guard.Builder.Decision == Decision.Block)
        {
            await RefuseAsync(context, exchange, StatusCodes.Status400BadRequest, policy.PromptBlockMessage);
            return;
        }
        metrics.RecordPhase(route, "request", guard.Builder.Decision);
        context.Request.Body = new MemoryStream(forwarded.ToArray(), writable: false);
        context.Request.ContentLength = forwarded.Length;
        exchange.UpstreamStartTimestamp = Stopwatch.GetTimestamp();
        await next(context);
        if (!exchange.Finished)
        {
            // The response guard never ran: the upstream could not be reached or the client left.
            guard.Builder.AddUnchecked(context.RequestAborted.IsCancellationRequested ? "client-disconnected" : "upstream-unavailable");
            exchange.Finish(metrics, "none");
        }
    }

    private ReadOnlyMemory<byte> Inspect(GuardedExchange exchange, ReadOnlyMemory<byte> body)
    {
        var guard = exchange.Guard;
        if (!ChatRequestReader.TryRead(body, out var info, out var error))
        {
            guard.Builder.AddUnchecked($"request-parse: {error}");
            return body;
        }
        exchange.StreamRequested = info!.Stream;
        exchange.KeepTexts(info.Targets);
        // Only a body that fit the limit and parsed gets here: an oversize or unreadable request has no sources.
        var stripped = RequestSources.Take(exchange, info.Root, logger);
        var findings = guard.Evaluate(info.Targets);
        var masked = RequestRedaction.Apply(info, findings);
        // An untouched body is forwarded byte for byte; any rewrite re-serialises the tree once.
        return stripped || masked ? RequestRedaction.Serialize(info.Root) : body;
    }

    private async Task HandleOversizeAsync(HttpContext context, GuardedExchange exchange, MemoryStream prefix, Policy policy)
    {
        var builder = exchange.Guard.Builder;
        if (policy.Oversize == OversizeAction.Block)
        {
            builder.AddFinding(GuardFindings.TooLarge("request", policy.MaxRequestBytes));
            await RefuseAsync(context, exchange, StatusCodes.Status413PayloadTooLarge, "The request is larger than the guard's limit.");
            return;
        }
        builder.AddUnchecked("request-too-large");
        metrics.RecordPhase(exchange.Route, "request", builder.Decision);
        prefix.Position = 0;
        context.Request.Body = new PrefixedStream(prefix, context.Request.Body);
        exchange.UpstreamStartTimestamp = Stopwatch.GetTimestamp();
        await next(context);
        if (!exchange.Finished) exchange.Finish(metrics, "none");
    }

    private async Task RefuseAsync(HttpContext context, GuardedExchange exchange, int status, string message)
    {
        var verdict = exchange.Guard.Verdict();
        metrics.RecordPhase(exchange.Route, "request", verdict.Decision);
        exchange.Finish(metrics, "none", verdict);
        var envelope = status == StatusCodes.Status400BadRequest
            ? OpenAIErrors.ContentFilter(verdict, message)
            : OpenAIErrors.Create(message, "invalid_request_error", "request_too_large", verdict);
        context.Response.StatusCode = status;
        GuardHeaders.Apply(context.Response, verdict);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(envelope.ToJsonString(), context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route {Route} names policy '{Policy}', which is not loaded; the default policy guards it.")]
    private static partial void LogUnknownPolicy(ILogger logger, string route, string? policy);
}
