using Guardrail.AspNetCore.Exchange;
using Guardrail.AspNetCore.Metrics;
using Guardrail.AspNetCore.RequestGuard;
using Guardrail.AspNetCore.Streaming;
using Guardrail.Pipeline;
using Guardrail.Policies;
using Guardrail.Protocol;
using Guardrail.Verdicts;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.ResponseGuard;

/// <summary>
/// Inspects a whole (non-streamed) answer with the request's adapter and writes it back annotated, redacted or
/// withheld in the API's own shape. A body it cannot read is released marked <c>unchecked</c>, or withheld when the
/// policy fails closed.
/// </summary>
internal sealed partial class BufferedResponseGuard(GuardrailMetrics metrics, StreamingResponseGuard streaming, Revising.AnswerReviser reviser, Judging.SyncJudge? syncJudge = null)
{
    public async Task InspectAsync(HttpContext context, GuardedExchange exchange, HttpResponseMessage upstream, bool declaredJson)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        var guard = exchange.Guard;
        var policy = guard.Engine.Policy;
        await using var raw = await upstream.Content.ReadAsStreamAsync(ct);
        var decoded = ContentDecoding.Open(raw, upstream.Content.Headers.ContentEncoding);
        if (decoded is null)
        {
            if (guard.Unchecked(UncheckedCodes.UnsupportedContentEncoding, null, "response"))
            {
                await WithholdAsync(context, exchange, StatusCodes.Status502BadGateway);
                return;
            }
            Finish(exchange, response);
            await raw.CopyToAsync(response.Body, ct);
            return;
        }
        var wasDecoded = !ReferenceEquals(decoded, raw);
        var (buffer, end, truncated, pending) = await ReadAsync(decoded, policy.MaxResponseBytes, exchange.Budget, ct);
        if (truncated && guard.Unchecked(UncheckedCodes.ResponseTruncated, "the body ended before its declared length", "response"))
        {
            await WithholdAsync(context, exchange, StatusCodes.Status502BadGateway);
            return;
        }
        if (end == BodyEnd.OverBudget)
        {
            await HandleOverBudgetAsync(context, exchange, buffer, pending, decoded, wasDecoded);
            return;
        }
        if (end == BodyEnd.OverLimit)
        {
            await HandleOversizeAsync(context, exchange, buffer, decoded, wasDecoded, policy);
            return;
        }

        ReadOnlyMemory<byte> body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        // Reading the answer builds its JSON tree and the rewrite a second copy: room for both is taken before either.
        if (exchange.Budget is { } lease && !lease.TryTake(ParseAllowance * body.Length))
        {
            await HandleOverBudgetAsync(context, exchange, buffer, default, Stream.Null, wasDecoded);
            return;
        }
        if (!declaredJson && BodySniffer.LooksLikeSse(body.Span))
        {
            // An event stream under another content type: the client reads it as events, so it is guarded as one.
            await streaming.GuardBufferedAsync(context, exchange, body, wasDecoded);
            return;
        }
        if (!declaredJson && !BodySniffer.LooksLikeJson(body.Span) && !truncated)
        {
            if (guard.Unchecked(UncheckedCodes.UnsupportedContentType, "the body is neither JSON nor events", "response"))
            {
                await WithholdAsync(context, exchange, StatusCodes.Status502BadGateway);
                return;
            }
            await WriteAsync(context, exchange, body, wasDecoded);
            return;
        }
        if (truncated)
        {
            // What arrived is released as it came, marked: nothing the client would not have had without the guard.
            await WriteAsync(context, exchange, ForeignVerdict.Strip(body), wasDecoded);
            return;
        }
        // A revise rule may need the state before the answer was checked, to check a revision in its place.
        var beforeAnswer = guard.Engine.HasRevisingRules ? guard.Builder.Save() : null;
        var findingsBefore = guard.Builder.Findings.Count;
        var answer = guard.InspectAnswer(exchange.Adapter!, body);
        if (answer is not null && policy.Judge.SyncCategories.Count > 0)
        {
            if (syncJudge is not null) await syncJudge.ApplyAsync(guard, answer, ct);
            else guard.Builder.AddNote("judge: the policy asks for a synchronous judge and none is configured; the fast checks decided");
        }
        if (answer is not null && beforeAnswer is not null && guard.Request is not null && upstream.RequestMessage is { } proxied
            && guard.Builder.Decision == Decision.Block && guard.Engine.AsksForRevision(guard.Builder.Findings))
        {
            (answer, body) = await reviser.ReviseAsync(exchange, proxied, answer, body, beforeAnswer, findingsBefore, ct);
        }
        if (answer is not null) exchange.KeepTexts(answer.Targets);
        if (answer is null && guard.Builder.Decision == Decision.Block && guard.Builder.Findings.Any(f => f.Rule == GuardFindings.UnreadableRule))
        {
            await WithholdAsync(context, exchange, StatusCodes.Status502BadGateway);
            return;
        }
        var verdict = Finish(exchange, response);
        if (answer is not null)
        {
            // The rewrite needs the final verdict, so it happens after Finish; its cost is small and constant.
            guard.Rewrite(answer, verdict);
            body = answer.Serialize().ToArray();
        }
        else
        {
            body = ForeignVerdict.Strip(body);
        }
        ResponseGuard.PrepareRewrite(response, true);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, ct);
    }

    private async Task WriteAsync(HttpContext context, GuardedExchange exchange, ReadOnlyMemory<byte> body, bool decoded)
    {
        Finish(exchange, context.Response);
        ResponseGuard.PrepareRewrite(context.Response, decoded);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Bytes of budget an answer's parse and rewrite take per byte of body (the JSON tree and the rewritten copy).</summary>
    internal const int ParseAllowance = 3;

    // Reads up to the limit, within the budget; a body that ends before its Content-Length is reported, with what arrived.
    private static async Task<(MemoryStream Buffer, BodyEnd End, bool Truncated, ReadOnlyMemory<byte> Pending)> ReadAsync(Stream body, long limit, BudgetLease? lease, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        try
        {
            var (end, pending) = await BoundedBody.ReadIntoAsync(body, buffer, limit, lease, ct);
            return (buffer, end, false, pending);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or System.IO.InvalidDataException && !ct.IsCancellationRequested)
        {
            return (buffer, BodyEnd.Complete, true, default);
        }
    }

    // The budget is spent: the answer is released as it comes, marked, or withheld (503) when failing closed.
    private async Task HandleOverBudgetAsync(HttpContext context, GuardedExchange exchange, MemoryStream prefix, ReadOnlyMemory<byte> pending, Stream rest, bool decoded)
    {
        if (exchange.Guard.Unchecked(UncheckedCodes.MemoryBudget, "the guard's in-flight budget is spent", "response"))
        {
            await WithholdAsync(context, exchange, StatusCodes.Status503ServiceUnavailable, "The guard is at its memory budget; try again.", retryAfterSeconds: 1);
            return;
        }
        await ReleaseUnreadAsync(context, exchange, prefix, pending, rest, decoded);
    }

    // The answer as it comes, already marked unchecked: what was read, the read the guard stopped at, and the rest.
    private async Task ReleaseUnreadAsync(HttpContext context, GuardedExchange exchange, MemoryStream prefix, ReadOnlyMemory<byte> pending, Stream rest, bool decoded)
    {
        var response = context.Response;
        Finish(exchange, response);
        ResponseGuard.PrepareRewrite(response, decoded);
        prefix.Position = 0;
        await prefix.CopyToAsync(response.Body, context.RequestAborted);
        if (!pending.IsEmpty) await response.Body.WriteAsync(pending, context.RequestAborted);
        await rest.CopyToAsync(response.Body, context.RequestAborted);
    }

    private async Task HandleOversizeAsync(HttpContext context, GuardedExchange exchange, MemoryStream prefix, Stream rest, bool decoded, Policy policy)
    {
        if (policy.Oversize == OversizeAction.Block)
        {
            exchange.Guard.Builder.AddFinding(GuardFindings.TooLarge("response", policy.MaxResponseBytes));
            await WithholdAsync(context, exchange, StatusCodes.Status502BadGateway, "The answer is larger than the guard's limit.");
            return;
        }
        exchange.Guard.Builder.AddUnchecked(UncheckedCodes.ResponseTooLarge);
        await ReleaseUnreadAsync(context, exchange, prefix, default, rest, decoded);
    }

    /// <summary>Answers instead of the upstream, in the API's error shape, when nothing of the answer may be released.</summary>
    internal async Task WithholdAsync(HttpContext context, GuardedExchange exchange, int status, string? message = null, int? retryAfterSeconds = null)
    {
        var response = context.Response;
        var verdict = Finish(exchange, response);
        response.Headers.Clear();
        GuardHeaders.Apply(response, verdict);
        if (retryAfterSeconds is { } seconds) response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.StatusCode = status;
        response.ContentType = "application/json";
        var adapter = exchange.Adapter ?? ProtocolAdapters.Default.All[0];
        var body = adapter.Refusal(verdict, message ?? exchange.Guard.Engine.Policy.BlockMessage, RefusalKind.AnswerWithheld);
        await response.WriteAsync(WireJson.Serialize(body), context.RequestAborted);
    }

    private Verdict Finish(GuardedExchange exchange, HttpResponse response)
    {
        var verdict = exchange.FinishResponse(metrics, "buffered");
        GuardHeaders.Apply(response, verdict);
        return verdict;
    }
}
