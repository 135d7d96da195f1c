using System.Net;
using System.Text;
using Guardrail.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guardrail.Bench;

/// <summary>
/// An OpenAI-compatible upstream on real Kestrel (loopback) that answers every chat call with bytes built once.
/// </summary>
/// <remarks>
/// Not <see cref="FakeUpstream"/>: that one records every request body and header for test assertions and
/// rebuilds its JSON per call, which over a benchmark's hundreds of thousands of calls grows memory without
/// bound and adds upstream noise to both arms. The bodies come from the same <see cref="Completions"/> and
/// <see cref="Sse"/> builders the tests use, so the wire format is the one the guard is tested against.
/// </remarks>
public sealed class BenchUpstream : IAsyncDisposable
{
    // About 40 content chunks for the 1.5 KB answer, as a model streaming a few tokens per event would send.
    private const int StreamChunks = 40;

    /// <summary>Header that asks for a pause between streamed events, in milliseconds (the load harness's time-to-first-token runs).</summary>
    public const string GapHeader = "x-bench-gap-ms";

    private readonly WebApplication _app;
    private readonly Answers _main;
    private readonly (byte[] Model, Answers Answers)[] _byModel;

    // One API's answer: the buffered body and the stream's events, encoded once.
    private sealed record Shape(byte[] Body, byte[][] Events);

    // One answer in the three APIs' shapes.
    private sealed record Answers(Shape Chat, Shape Messages, Shape Responses)
    {
        public static Answers Of(string answer, int chunks)
        {
            var piece = (answer.Length + chunks - 1) / chunks;
            return new(
                new(Encoding.UTF8.GetBytes(Completions.Json(answer)), Sse.Chunks(answer, piece).Select(d => Encoding.UTF8.GetBytes($"data: {d}\n\n")).ToArray()),
                new(Encoding.UTF8.GetBytes(AnthropicUpstream.Message(answer).ToJsonString()), AnthropicUpstream.StreamEvents(answer, piece).Select(Encoding.UTF8.GetBytes).ToArray()),
                new(Encoding.UTF8.GetBytes(ResponsesUpstream.Response(ResponsesUpstream.Message(answer), "completed").ToJsonString()),
                    ResponsesUpstream.StreamEvents(ResponsesUpstream.Message(answer), piece).Select(Encoding.UTF8.GetBytes).ToArray()));
        }
    }

    private BenchUpstream(WebApplication app, string answer, int chunks, IReadOnlyDictionary<string, string>? byModel)
    {
        _app = app;
        _main = Answers.Of(answer, chunks);
        _byModel = [.. (byModel ?? new Dictionary<string, string>()).Select(kv => (Encoding.UTF8.GetBytes($"\"model\":\"{kv.Key}\""), Answers.Of(kv.Value, chunks)))];
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:51234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Number of SSE events (role, content chunks, stop, [DONE]) in a streamed answer.</summary>
    public int EventCount => _main.Chat.Events.Length;

    /// <summary>
    /// Starts the upstream; every POST answers <paramref name="answer"/> in the shape of the API its path names
    /// (<c>…/messages</c>: Anthropic Messages; <c>…/responses</c>: OpenAI Responses; anything else: Chat Completions), streamed when the request says <c>"stream":true</c>.
    /// </summary>
    /// <param name="answer">The answer.</param>
    /// <param name="port">Loopback port; 0 picks a free one.</param>
    /// <param name="chunks">Content events a streamed answer is cut into.</param>
    /// <param name="byModel">Other answers, chosen by the request's <c>"model"</c> (the load harness's 20 KB answer).</param>
    public static async Task<BenchUpstream> StartAsync(string answer, int port = 0, int chunks = StreamChunks, IReadOnlyDictionary<string, string>? byModel = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var upstream = new BenchUpstream(app, answer, chunks, byModel);
        app.Run(upstream.HandleAsync);
        await app.StartAsync();
        upstream.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return upstream;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request.Body, context.RequestAborted);
        // A substring test instead of a JSON parse: the benchmark sends exactly two request shapes.
        var stream = body.AsSpan().IndexOf("\"stream\":true"u8) >= 0;
        var path = context.Request.Path.Value ?? "";
        var answers = _main;
        foreach (var (model, other) in _byModel) if (body.AsSpan().IndexOf(model) >= 0) answers = other;
        var shape = path.EndsWith("/messages", StringComparison.Ordinal) ? answers.Messages
            : path.EndsWith("/responses", StringComparison.Ordinal) ? answers.Responses
            : answers.Chat;
        var gap = int.TryParse(context.Request.Headers[GapHeader], out var ms) ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;
        var response = context.Response;
        if (!stream)
        {
            response.ContentType = "application/json";
            response.ContentLength = shape.Body.Length;
            await response.Body.WriteAsync(shape.Body, context.RequestAborted);
            return;
        }
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        foreach (var e in shape.Events)
        {
            // One flush per event, as a real model server does, so the proxy sees ~40 separate reads.
            await response.Body.WriteAsync(e, context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            if (gap > TimeSpan.Zero) await Task.Delay(gap, context.RequestAborted);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
