using Guardrail.AspNetCore.Exchange;
using Guardrail.AspNetCore.RequestGuard;
using Guardrail.Protocol;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.ResponseGuard;

internal sealed partial class BufferedResponseGuard
{
    /// <summary>
    /// An upstream error: its body is not checked (it may echo the prompt), so it is released marked <c>unchecked</c>
    /// with any <c>guardrail</c> field the upstream put there removed, or replaced by the guard's own error (same status)
    /// when the policy fails closed.
    /// </summary>
    public async Task PassErrorAsync(HttpContext context, GuardedExchange exchange, HttpResponseMessage upstream)
    {
        var guard = exchange.Guard;
        var status = (int)upstream.StatusCode;
        if (guard.Unchecked(UncheckedCodes.UpstreamError, $"HTTP {status}", "response"))
        {
            await WithholdAsync(context, exchange, status, "The upstream answered with an error the guard did not check.");
            return;
        }
        var ct = context.RequestAborted;
        await using var raw = await upstream.Content.ReadAsStreamAsync(ct);
        var decoded = ContentDecoding.Open(raw, upstream.Content.Headers.ContentEncoding);
        var response = context.Response;
        GuardHeaders.Apply(response, exchange.FinishResponse(metrics, "none"));
        if (decoded is null)
        {
            await raw.CopyToAsync(response.Body, ct);
            return;
        }
        // Error bodies draw from the in-flight budget like answers; past the limit or the budget the rest streams through.
        var (buffer, end, pending) = await BoundedBody.ReadAsync(decoded, guard.Engine.Policy.MaxResponseBytes, exchange.Budget, ct);
        var complete = end == BodyEnd.Complete;
        ReadOnlyMemory<byte> body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (complete) body = ForeignVerdict.Strip(body);
        ResponseGuard.PrepareRewrite(response, !ReferenceEquals(decoded, raw));
        if (complete) response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, ct);
        if (complete) return;
        await response.Body.WriteAsync(pending, ct);
        await decoded.CopyToAsync(response.Body, ct);
    }
}
