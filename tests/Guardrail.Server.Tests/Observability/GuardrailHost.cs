using System.Text.Json.Nodes;
using Guardrail.Server.Hosting;
using Guardrail.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Guardrail.Server.Tests.Observability;

/// <summary>
/// The real <c>serve</c> host (proxy and admin listeners on free loopback ports) over a temporary copy of the shipped
/// rules, with three routes — <c>chat</c> (default policy, hold-back), <c>observe</c> and <c>strict</c> — in front of a
/// fake upstream that answers whatever the request's <see cref="AnswerHeader"/> says.
/// </summary>
internal sealed class GuardrailHost : IAsyncDisposable
{
    /// <summary>The answer the upstream gives (URL-encoded); <c>!500</c> makes it fail.</summary>
    public const string AnswerHeader = "x-test-answer";

    /// <summary>A request-direction rule added to the copy, so prompts can be redacted too (shipped PII rules act on answers).</summary>
    public const string PromptRuleFile = "pii/prompt-card.yaml";

    public const string PromptRule = """
        id: pii.prompt-card
        description: Card numbers in prompts are masked before they reach the model (test rule).
        direction: request
        when: { pii: credit-card }
        action: redact
        mask: "[CARD]"
        tests:
          - { text: "My card is 4111 1111 1111 1111.", expect: match }
          - { text: "No card here.", expect: no-match }
        """;

    private readonly WebApplication _app;
    private readonly FakeUpstream _upstream;
    private readonly FakeJudge _judge;

    private GuardrailHost(WebApplication app, FakeUpstream upstream, FakeJudge judge, string rules, Uri proxy, Uri admin)
    {
        _app = app;
        _upstream = upstream;
        _judge = judge;
        RulesDirectory = rules;
        Proxy = proxy;
        Admin = admin;
    }

    public string RulesDirectory { get; }

    public Uri Proxy { get; }

    public Uri Admin { get; }

    public Uri Metrics => new(Admin, "/metrics");

    public static async Task<GuardrailHost> StartAsync()
    {
        var rules = RepoPaths.RulesCopy(new Dictionary<string, string> { [PromptRuleFile] = PromptRule });
        var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = AnswerAsync;
        // Every exchange is judged, so the feedback dashboard's panels have data.
        var judge = await FakeJudge.StartAsync();
        var proxy = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/");
        var admin = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/");
        var settings = new ServeSettings(null, proxy.ToString().TrimEnd('/'), admin.ToString().TrimEnd('/'), rules, null);
        var cluster = upstream.BaseAddress.ToString();
        string[] args =
        [
            $"--Guardrail:Toxicity:ModelsDirectory={RepoPaths.Models}",
            "--Guardrail:WatchRules=true",
            "--Logging:LogLevel:Default=Warning",
            $"--Guardrail:Judge:Upstream={judge.BaseAddress}",
            "--Guardrail:Judge:SampleRate=1",
            "--ReverseProxy:Clusters:llm:Destinations:d1:Address=" + cluster,
            .. Route("chat", "/v1/{**rest}", "default", stripPrefix: null),
            .. Route("observe", "/observe/{**rest}", "observe", stripPrefix: "/observe"),
            .. Route("strict", "/strict/{**rest}", "strict", stripPrefix: "/strict"),
        ];
        var app = GuardrailApp.Build(settings, args);
        await app.StartAsync();
        return new GuardrailHost(app, upstream, judge, rules, proxy, admin);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _upstream.DisposeAsync();
        await _judge.DisposeAsync();
        Directory.Delete(RulesDirectory, recursive: true);
    }

    private static IEnumerable<string> Route(string id, string path, string policy, string? stripPrefix)
    {
        yield return $"--ReverseProxy:Routes:{id}:ClusterId=llm";
        yield return $"--ReverseProxy:Routes:{id}:Match:Path={path}";
        yield return $"--ReverseProxy:Routes:{id}:Metadata:GuardrailPolicy={policy}";
        if (stripPrefix is not null) yield return $"--ReverseProxy:Routes:{id}:Transforms:0:PathRemovePrefix={stripPrefix}";
    }

    // Paced a little, so upstream latency is not all zero, and answering in the shape the request asked for.
    private static async Task AnswerAsync(HttpContext context)
    {
        await Task.Delay(Random.Shared.Next(5, 25), context.RequestAborted);
        var answer = Uri.UnescapeDataString(context.Request.Headers[AnswerHeader].ToString());
        if (answer == "!500")
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "upstream failure", type = "server_error" } });
            return;
        }
        JsonNode? request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body);
        }
        catch (System.Text.Json.JsonException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = new { message = "invalid JSON", type = "invalid_request_error" } });
            return;
        }
        if (request?["stream"]?.GetValue<bool>() == true)
        {
            await Sse.WriteAsync(context, Sse.Chunks(answer), TimeSpan.FromMilliseconds(2), context.RequestAborted);
        }
        else
        {
            await Completions.WriteAsync(context, answer);
        }
    }
}
