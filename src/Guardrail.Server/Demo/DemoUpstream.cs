using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Guardrail.Server.Demo;

/// <summary>
/// A built-in upstream for trying Guardrail without an API key: it answers every OpenAI Chat and Anthropic Messages
/// call by echoing the last user message, so whatever a user puts in a prompt (an email address, a card
/// number) comes back in the completion and the response checks fire. Streams when asked to.
/// </summary>
public sealed class DemoUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoUpstream(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the demo upstream listens (loopback, random port).</summary>
    public Uri Address { get; }

    /// <summary>Starts the demo upstream on a free loopback port.</summary>
    public static async Task<DemoUpstream> StartAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        // The demo repeats the prompt: Chinese or "it's" come back as typed, not as \uXXXX (WireJson).
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = Guardrail.Verdicts.WireJson.Options.Encoder);
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", AnswerAsync);
        app.MapPost("/chat/completions", AnswerAsync);
        app.MapPost("/v1/messages", context => AnswerAsync(context, DemoApi.Messages));
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "demo", @object = "model", owned_by = "guardrail" } } }));
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DemoUpstream(app, new Uri(address));
    }

    private enum DemoApi { Chat, Messages }

    private static Task AnswerAsync(HttpContext context) => AnswerAsync(context, DemoApi.Chat);

    private static async Task AnswerAsync(HttpContext context, DemoApi api)
    {
        JsonNode? request;
        try
        {
            // Duplicate keys are refused here, as an API would: read lazily, they would throw later and answer 500.
            request = await JsonNode.ParseAsync(context.Request.Body, documentOptions: new System.Text.Json.JsonDocumentOptions { AllowDuplicateProperties = false }, cancellationToken: context.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "Request body is not valid JSON.", type = "invalid_request_error", code = "invalid_json" } });
            return;
        }
        var answer = DemoAnswers.For(request);
        var model = request?["model"]?.GetValue<string>() ?? "demo";
        var stream = request?["stream"]?.GetValue<bool>() == true;
        switch (api, stream)
        {
            case (DemoApi.Messages, true): await DemoMessages.StreamAsync(context, answer, model); break;
            case (DemoApi.Messages, false): await context.Response.WriteAsJsonAsync(DemoMessages.Message(answer, model)); break;
            case (_, true): await DemoAnswers.StreamAsync(context, answer, model); break;
            default: await context.Response.WriteAsJsonAsync(DemoAnswers.Completion(answer, model)); break;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
