using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guardrail.Testing;

/// <summary>
/// A small OpenAI-compatible upstream on real Kestrel (loopback, random port). Each test sets
/// <see cref="Handler"/>; the default answers every chat call with <see cref="Answer"/>.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeUpstream(WebApplication app) => _app = app;

    /// <summary>Base address, e.g. <c>http://127.0.0.1:51234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The handler for every request; replace per test.</summary>
    public Func<HttpContext, Task> Handler { get; set; } = null!;

    /// <summary>Text the default handler answers with.</summary>
    public string Answer { get; set; } = "Hello from the fake upstream.";

    /// <summary>Bodies of the requests received, in order.</summary>
    public List<string> RequestBodies { get; } = [];

    /// <summary>Headers of the requests received, in order.</summary>
    public List<IHeaderDictionary> RequestHeaders { get; } = [];

    /// <summary>Set when the upstream saw its client (the proxy) abort a response.</summary>
    public TaskCompletionSource Aborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts the fake upstream.</summary>
    public static async Task<FakeUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var upstream = new FakeUpstream(app);
        upstream.Handler = upstream.DefaultAsync;
        app.Run(async context =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
            var body = await reader.ReadToEndAsync();
            context.Request.Body.Position = 0;
            lock (upstream.RequestBodies)
            {
                upstream.RequestBodies.Add(body);
                upstream.RequestHeaders.Add(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
            }
            context.RequestAborted.Register(() => upstream.Aborted.TrySetResult());
            await upstream.Handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.BaseAddress = new Uri(address);
        return upstream;
    }

    private Task DefaultAsync(HttpContext context)
    {
        var body = RequestBodies[^1];
        var stream = JsonNode.Parse(body)?["stream"]?.GetValue<bool>() == true;
        return stream ? Sse.WriteAsync(context, Sse.Chunks(Answer)) : Completions.WriteAsync(context, Answer);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
