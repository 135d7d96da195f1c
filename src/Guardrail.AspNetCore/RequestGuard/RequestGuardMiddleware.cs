using System.Diagnostics;
using System.Runtime.InteropServices;
using Guardrail.AspNetCore.Engines;
using Guardrail.AspNetCore.Exchange;
using Guardrail.AspNetCore.Metrics;
using Guardrail.Pipeline;
using Guardrail.Pipeline.Observers;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Verdicts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Guardrail.AspNetCore.RequestGuard;

/// <summary>
/// The request guard, a stage of the YARP proxy pipeline: finds the protocol adapter for the request, has the exchange
/// guard check every text of the prompt, refuses it in the API's own error shape when a rule blocks (or, failing
/// closed, when it cannot be read), and otherwise forwards the body — unchanged unless a rule redacts it, it was
/// compressed, or it carries the <c>guardrail</c> extension field, which is stripped — leaving the exchange for the
/// response guard.
/// </summary>
internal sealed partial class RequestGuardMiddleware(
    RequestDelegate next,
    GuardedRoutes routes,
    IGuardEngines engines,
    ProtocolAdapters adapters,
    GuardrailMetrics metrics,
    TimeProvider time,
    ExchangeObservers observers,
    InFlightBudget budget,
    ILogger<RequestGuardMiddleware> logger)
{
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
        var guard = new ExchangeGuard(engine!, time) { Route = route, Observers = observers };
        if (unknownPolicy) guard.Builder.AddUnchecked(UncheckedCodes.UnknownPolicy);
        if (guard.Engine.Policy.Passthrough)
        {
            // checks: none: no adapter, no body read, no header touched; the verdict still says nothing was checked.
            guard.Builder.AddUnchecked(UncheckedCodes.Passthrough);
            var passed = new GuardedExchange(guard, start);
            context.Features.Set(passed);
            await ForwardAsync(context, passed);
            return;
        }
        var adapter = SelectAdapter(context, adapters, out var unknownApi);
        // Returned when the exchange is over: the response guard has run inside next() by then.
        using var lease = new BudgetLease(budget);
        var exchange = new GuardedExchange(guard, start) { Adapter = adapter, Budget = lease };
        context.Features.Set(exchange);
        // Uncompressed answers are cheaper to inspect; ContentDecoding still copes with upstreams that ignore this.
        context.Request.Headers.AcceptEncoding = default;
        if (unknownApi is not null)
        {
            await RefuseUnknownApiAsync(context, exchange, adapters, unknownApi);
            return;
        }

        if (adapter is null)
        {
            // Closed world: a guarded route's path that no adapter reads is marked, or refused when failing closed.
            if (guard.Unchecked(UncheckedCodes.UnsupportedPath, $"{context.Request.Method} is not an API call the guard reads", "request"))
            {
                await RefuseAsync(context, exchange, StatusCodes.Status400BadRequest, "The guard cannot check this endpoint and the policy fails closed.", RefusalKind.Unreadable);
                return;
            }
            await ForwardAsync(context, exchange);
            return;
        }

        var policy = guard.Engine.Policy;
        if (context.Request.ContentLength > policy.MaxRequestBytes)
        {
            await HandleOversizeAsync(context, exchange, new MemoryStream(), policy);
            return;
        }
        var (buffer, end, pending) = await BoundedBody.ReadAsync(context.Request.Body, policy.MaxRequestBytes, lease, context.RequestAborted);
        if (end == BodyEnd.OverBudget)
        {
            await HandleOverBudgetAsync(context, exchange, buffer, pending);
            return;
        }
        if (end == BodyEnd.OverLimit)
        {
            await HandleOversizeAsync(context, exchange, buffer, policy);
            return;
        }

        var raw = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var body = await DecodeAsync(context, exchange, raw, policy);
        if (body is null) return; // refused: over the limit once decoded
        var forwarded = guard.Measure(() => Inspect(exchange, adapter, body.Value));
        if (guard.Builder.Decision == Decision.Block)
        {
            var unreadable = guard.Request is null;
            await RefuseAsync(context, exchange, StatusCodes.Status400BadRequest,
                unreadable ? "The guard cannot read this request and the policy fails closed." : policy.PromptBlockMessage,
                unreadable ? RefusalKind.Unreadable : RefusalKind.Blocked);
            return;
        }
        if (forwarded.Equals(raw))
        {
            context.Request.Body = new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length, writable: false);
            context.Request.ContentLength = buffer.Length;
        }
        else
        {
            RequestBody.Replace(context.Request, forwarded);
        }
        await ForwardAsync(context, exchange);
    }

    private async Task ForwardAsync(HttpContext context, GuardedExchange exchange)
    {
        metrics.RecordPhase(exchange.Route, "request", exchange.Guard.Builder.Decision);
        exchange.UpstreamStartTimestamp = Stopwatch.GetTimestamp();
        await next(context);
        if (!exchange.Finished)
        {
            // The response guard never ran: the upstream could not be reached or the client left.
            exchange.Guard.Builder.AddUnchecked(context.RequestAborted.IsCancellationRequested ? UncheckedCodes.ClientDisconnected : UncheckedCodes.UpstreamUnavailable);
            exchange.Finish("none");
        }
    }

    private static ReadOnlyMemory<byte> Inspect(GuardedExchange exchange, IProtocolAdapter adapter, ReadOnlyMemory<byte> body)
    {
        var guard = exchange.Guard;
        var findings = guard.InspectRequest(adapter, body);
        if (guard.Request is not { } request) return body; // unreadable: forwarded as it came, marked (or refused)
        exchange.StreamRequested = request.Stream;
        exchange.KeepTexts(request.Targets);
        // Upstreams such as OpenAI reject unknown top-level fields, so the guard's own never leaves, whatever it holds.
        var stripped = request.StripExtension();
        var masked = request.ApplyRedactions(findings);
        // An untouched body is forwarded byte for byte; any rewrite re-serialises the tree once.
        return stripped || masked ? request.Serialize() : body;
    }

    // A compressed prompt is checked decoded and forwarded decoded; one the guard cannot decode is marked (or refused).
    private async Task<ReadOnlyMemory<byte>?> DecodeAsync(HttpContext context, GuardedExchange exchange, ReadOnlyMemory<byte> raw, Policy policy)
    {
        if (!RequestBody.IsEncoded(context.Request)) return raw;
        try
        {
            var decoder = RequestBody.Decode(context.Request, RequestBody.AsStream(raw));
            if (decoder is not null)
            {
                await using (decoder)
                {
                    // The decoded body draws from the budget too: a small compressed prompt can decode to the policy's limit.
                    var (decoded, end, _) = await BoundedBody.ReadAsync(decoder, policy.MaxRequestBytes, exchange.Budget, context.RequestAborted);
                    if (end == BodyEnd.Complete) return decoded.GetBuffer().AsMemory(0, (int)decoded.Length);
                    if (end == BodyEnd.OverBudget)
                    {
                        await HandleOverBudgetAsync(context, exchange, AsBuffer(raw), default);
                        return null;
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            // A corrupt body: fall through to the mark below.
        }
        if (exchange.Guard.Unchecked(UncheckedCodes.RequestEncoding, "the body's Content-Encoding could not be decoded within the limit", "request"))
        {
            await RefuseAsync(context, exchange, StatusCodes.Status400BadRequest, "The guard cannot read this request and the policy fails closed.", RefusalKind.Unreadable);
            return null;
        }
        // Forwarded as it came (still encoded) but unread.
        context.Request.Body = RequestBody.AsStream(raw);
        context.Request.ContentLength = raw.Length;
        await ForwardAsync(context, exchange);
        return null;
    }

    // The body as read, without a copy (it is already charged to the budget).
    private static MemoryStream AsBuffer(ReadOnlyMemory<byte> raw) =>
        MemoryMarshal.TryGetArray(raw, out var segment) ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false) : new MemoryStream(raw.ToArray(), writable: false);

    private async Task HandleOversizeAsync(HttpContext context, GuardedExchange exchange, MemoryStream prefix, Policy policy)
    {
        var builder = exchange.Guard.Builder;
        if (policy.Oversize == OversizeAction.Block)
        {
            builder.AddFinding(GuardFindings.TooLarge("request", policy.MaxRequestBytes));
            await RefuseAsync(context, exchange, StatusCodes.Status413PayloadTooLarge, "The request is larger than the guard's limit.", RefusalKind.TooLarge);
            return;
        }
        builder.AddUnchecked(UncheckedCodes.RequestTooLarge);
        await ForwardUnreadAsync(context, exchange, prefix, default);
    }

    // The prompt as it came, already marked unchecked: what was read, the read the guard stopped at, then the rest.
    private async Task ForwardUnreadAsync(HttpContext context, GuardedExchange exchange, MemoryStream prefix, ReadOnlyMemory<byte> pending)
    {
        prefix.Position = 0;
        var rest = pending.IsEmpty ? context.Request.Body : new PrefixedStream(new MemoryStream(pending.ToArray(), writable: false), context.Request.Body);
        context.Request.Body = new PrefixedStream(prefix, rest);
        await ForwardAsync(context, exchange);
    }

    // The budget is spent: the prompt is forwarded unread and marked, or refused (503, try again) when failing closed.
    private async Task HandleOverBudgetAsync(HttpContext context, GuardedExchange exchange, MemoryStream prefix, ReadOnlyMemory<byte> pending)
    {
        if (exchange.Guard.Unchecked(UncheckedCodes.MemoryBudget, "the guard's in-flight budget is spent", "request"))
        {
            context.Response.Headers.RetryAfter = "1";
            await RefuseAsync(context, exchange, StatusCodes.Status503ServiceUnavailable, "The guard is at its memory budget; try again.", RefusalKind.Unreadable);
            return;
        }
        // Not written into the buffer, which could double its capacity past the budget just spent.
        await ForwardUnreadAsync(context, exchange, prefix, pending);
    }

    private async Task RefuseAsync(HttpContext context, GuardedExchange exchange, int status, string message, RefusalKind kind)
    {
        var verdict = exchange.Guard.Verdict();
        metrics.RecordPhase(exchange.Route, "request", verdict.Decision);
        exchange.Finish("none", verdict);
        var adapter = exchange.Adapter ?? ProtocolAdapters.Default.All[0];
        context.Response.StatusCode = status;
        GuardHeaders.Apply(context.Response, verdict);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(WireJson.Serialize(adapter.Refusal(verdict, message, kind)), context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Route {Route} names policy '{Policy}', which is not loaded; the default policy guards it.")]
    private static partial void LogUnknownPolicy(ILogger logger, string route, string? policy);
}
