using System.Buffers;
using System.Diagnostics;
using Guardrail.AspNetCore.Exchange;
using Guardrail.AspNetCore.Metrics;
using Guardrail.AspNetCore.ResponseGuard;
using Guardrail.Protocol;
using Guardrail.Protocol.Sse;
using Guardrail.Streaming;
using Guardrail.Verdicts;
using Guardrail.Policies;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Streaming;

/// <summary>
/// Pumps an SSE answer from the upstream to the client through the <see cref="StreamGuard"/>: each read is
/// parsed and released as soon as the policy's mode allows, so time to first token is kept (DESIGN.md §12).
/// </summary>
internal sealed class StreamingResponseGuard(GuardrailMetrics metrics, Revising.RevisionClient revisions, Revising.RevisionConstitution constitution)
{
    private const int ReadSize = 8 * 1024;

    public async Task PumpAsync(HttpContext context, GuardedExchange exchange, HttpResponseMessage upstream, bool ndjson = false)
    {
        var response = context.Response;
        var ct = context.RequestAborted;
        var policy = exchange.Guard.Engine.Policy;
        var guard = CreateGuard(exchange, ndjson);

        await using var raw = await upstream.Content.ReadAsStreamAsync(ct);
        var body = ContentDecoding.Open(raw, upstream.Content.Headers.ContentEncoding);
        ResponseGuard.ResponseGuard.PrepareRewrite(response, decoded: true);
        // Headers leave before the answer is known: they carry the prompt's verdict, the final one rides in the last chunk.
        GuardHeaders.Apply(response, exchange.Guard.Verdict());
        response.Headers[GuardHeaders.VerdictLocation] = "last-chunk";
        if (body is null)
        {
            exchange.Guard.Builder.AddUnchecked(UncheckedCodes.UnsupportedContentEncoding);
            exchange.Finish("none");
            await raw.CopyToAsync(response.Body, ct);
            return;
        }

        if (policy.Streaming == StreamingMode.Buffer && !ndjson && exchange.Guard.Engine.HasRevisingRules && exchange.Guard.Request is not null && upstream.RequestMessage is { } proxied)
        {
            // Buffer mode holds the whole stream anyway: read it whole, so a revise rule can replace it with a revision.
            var (whole, end, pending) = await RequestGuard.BoundedBody.ReadAsync(body, policy.MaxResponseBytes, exchange.Budget, ct);
            if (end == RequestGuard.BodyEnd.Complete)
            {
                await ReviseBufferedAsync(context, exchange, proxied, whole.GetBuffer().AsMemory(0, (int)whole.Length), ct);
                return;
            }
            // Too large or past the budget: the plain pump over what was read and the rest, without a second attempt.
            whole.Position = 0;
            var rest = pending.IsEmpty ? body : new RequestGuard.PrefixedStream(new MemoryStream(pending.ToArray(), writable: false), body);
            body = new RequestGuard.PrefixedStream(whole, rest);
            guard = CreateGuard(exchange, ndjson);
        }

        var output = new ArrayBufferWriter<byte>(ReadSize);
        var charged = 0L;
        try
        {
            while (!guard.IsCut)
            {
                // A zero-byte read waits for data without holding a buffer, so idle streams cost no memory.
                if (await ReadUpstreamAsync(body, Memory<byte>.Empty, ct) < 0) break;
                var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
                try
                {
                    var n = await ReadUpstreamAsync(body, buffer.AsMemory(0, ReadSize), ct);
                    if (n <= 0) break; // end of stream, or the upstream broke off: Complete() reports it
                    var start = Stopwatch.GetTimestamp();
                    guard.Write(buffer.AsSpan(0, n), output);
                    charged = Charge(exchange, guard, charged, output);
                    exchange.Guard.AddGuardTicks(Stopwatch.GetTimestamp() - start);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
                await FlushAsync(response, output, ct);
            }
            if (!guard.IsFinished)
            {
                var start = Stopwatch.GetTimestamp();
                guard.Complete(output);
                exchange.Guard.AddGuardTicks(Stopwatch.GetTimestamp() - start);
            }
            await FlushAsync(response, output, ct);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException || ct.IsCancellationRequested)
        {
            // The client left: disposing the upstream stream (on return) cancels the generation.
            exchange.Guard.Builder.AddUnchecked(UncheckedCodes.ClientDisconnected);
            exchange.Finish(StreamInspector.ModeLabel(policy.Streaming));
        }
    }

    // A buffered stream a revise rule may replace: a trial run decides; when it withholds by a revise rule, the request
    // goes back once (streamed) with the critique, the revision gets its own trial, and the one that passes (or the
    // original, withheld) is run for real, the verdict recording both attempts.
    private async Task ReviseBufferedAsync(HttpContext context, GuardedExchange exchange, HttpRequestMessage proxied, ReadOnlyMemory<byte> original, CancellationToken ct)
    {
        var builder = exchange.Guard.Builder;
        var policy = exchange.Guard.Engine.Policy;
        var before = builder.Save();
        var findingsBefore = builder.Findings.Count;
        var clock = Stopwatch.GetTimestamp();
        var (_, text, _) = Trial(exchange, original);
        if (builder.Decision != Decision.Block || !exchange.Guard.Engine.AsksForRevision(builder.Findings))
        {
            builder.Restore(before);
            await RunAsync(context, exchange, original, ct);
            return;
        }
        var first = builder.Findings.Skip(findingsBefore).ToList();
        builder.Restore(before);
        var request = Guardrail.Revising.RevisionRequest.Build(exchange.Guard.Request!, text, Guardrail.Revising.RevisionRequest.Critique(first, constitution.Current), stream: true);
        var (revised, error) = request is null ? (null, "this API's request cannot carry a revision") : await revisions.SendAsync(proxied, request, policy.ReviseBudget, policy.MaxResponseBytes, ct);
        Decision? decision = null;
        List<Finding> second = [];
        if (revised is not null)
        {
            var (cut, revisedText, complete) = Trial(exchange, revised);
            decision = builder.Decision;
            second = [.. builder.Findings.Skip(findingsBefore)];
            builder.Restore(before);
            if (string.IsNullOrWhiteSpace(revisedText)) error = "the revision is empty";
            else if (!complete) error = "the revision is not a stream of this API";
            else if (!cut && decision is not (Decision.Block or Decision.Unchecked))
            {
                builder.Revision = new Revision(true, Decision.Block, first, decision, second, null, Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
                metrics.Revisions.WithLabels("passed").Inc();
                await RunAsync(context, exchange, revised, ct);
                return;
            }
        }
        builder.Revision = new Revision(false, Decision.Block, first, decision, second, error, Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
        metrics.Revisions.WithLabels(error is null ? "failed" : "error").Inc();
        await RunAsync(context, exchange, original, ct);
    }

    // Checks a whole stream without finishing the exchange: the builder gathers its findings, the output is dropped.
    private (bool Cut, string Text, bool Complete) Trial(GuardedExchange exchange, ReadOnlyMemory<byte> stream)
    {
        var policy = exchange.Guard.Engine.Policy;
        var inspector = new StreamInspector(exchange, metrics, policy.Streaming) { Trial = true };
        var guard = new StreamGuard(policy.Streaming, inspector, policy.BlockMessage, exchange.Adapter!.CreateStreamCodec(exchange.Guard.Request), exchange.Guard.Request?.Choices ?? 1);
        var sink = new ArrayBufferWriter<byte>();
        var start = Stopwatch.GetTimestamp();
        guard.Write(stream.Span, sink);
        var sawEnd = guard.IsFinished && !guard.IsCut;
        if (!guard.IsFinished) guard.Complete(sink);
        exchange.Guard.AddGuardTicks(Stopwatch.GetTimestamp() - start);
        return (guard.IsCut, guard.MessageText, sawEnd || guard.IsCut);
    }

    private async Task RunAsync(HttpContext context, GuardedExchange exchange, ReadOnlyMemory<byte> stream, CancellationToken ct)
    {
        var guard = CreateGuard(exchange);
        var output = new ArrayBufferWriter<byte>(stream.Length + 1024);
        var start = Stopwatch.GetTimestamp();
        guard.Write(stream.Span, output);
        if (!guard.IsFinished) guard.Complete(output);
        exchange.Guard.AddGuardTicks(Stopwatch.GetTimestamp() - start);
        await FlushAsync(context.Response, output, ct);
    }

    // What the guard holds of the stream draws from the in-flight budget as it grows; when the budget cannot give more,
    // the guard stops holding (cut failing closed, otherwise the rest relayed unread and the verdict unchecked).
    private static long Charge(GuardedExchange exchange, StreamGuard guard, long charged, ArrayBufferWriter<byte> output)
    {
        if (exchange.Budget is not { } lease || guard.IsRelaying || guard.IsFinished) return charged;
        var retained = guard.RetainedBytes;
        if (retained <= charged) return charged;
        if (lease.TryTake(retained - charged)) return retained;
        guard.StopRetaining(output);
        return charged;
    }

    /// <summary>Guards a stream that arrived whole (an event stream under another content type): same checks, one write.</summary>
    public async Task GuardBufferedAsync(HttpContext context, GuardedExchange exchange, ReadOnlyMemory<byte> body, bool decoded)
    {
        var response = context.Response;
        var guard = CreateGuard(exchange);
        ResponseGuard.ResponseGuard.PrepareRewrite(response, decoded);
        GuardHeaders.Apply(response, exchange.Guard.Verdict());
        response.Headers[GuardHeaders.VerdictLocation] = "last-chunk";
        var output = new ArrayBufferWriter<byte>(body.Length + 1024);
        exchange.Guard.Measure(() =>
        {
            guard.Write(body.Span, output);
            if (!guard.IsFinished) guard.Complete(output);
            return true;
        });
        await FlushAsync(response, output, context.RequestAborted);
    }

    private StreamGuard CreateGuard(GuardedExchange exchange, bool ndjson = false)
    {
        var policy = exchange.Guard.Engine.Policy;
        var inspector = new StreamInspector(exchange, metrics, policy.Streaming);
        var choices = exchange.Guard.Request?.Choices ?? 1;
        if (ndjson && exchange.Adapter is INdjsonStreamAdapter lines)
        {
            var lineCodec = lines.CreateNdjsonStreamCodec(exchange.Guard.Request);
            return new StreamGuard(policy.Streaming, inspector, policy.BlockMessage, lineCodec, choices, new NdjsonParser());
        }
        var codec = exchange.Adapter!.CreateStreamCodec(exchange.Guard.Request);
        return new StreamGuard(policy.Streaming, inspector, policy.BlockMessage, codec, choices);
    }

    // Returns -1 when the upstream broke off mid-stream, so the client still gets a final verdict.
    private static async Task<int> ReadUpstreamAsync(Stream body, Memory<byte> buffer, CancellationToken ct)
    {
        try
        {
            return await body.ReadAsync(buffer, ct);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !ct.IsCancellationRequested)
        {
            return -1;
        }
    }

    private static async Task FlushAsync(HttpResponse response, ArrayBufferWriter<byte> output, CancellationToken ct)
    {
        if (output.WrittenCount == 0) return;
        await response.Body.WriteAsync(output.WrittenMemory, ct);
        await response.Body.FlushAsync(ct);
        output.ResetWrittenCount();
    }
}
