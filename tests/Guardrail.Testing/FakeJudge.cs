using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guardrail.Testing;

/// <summary>How the fake judge misbehaves, one request at a time.</summary>
public enum JudgeBehaviour
{
    /// <summary>Deterministic verdicts from <see cref="FakeJudge.Triggers"/> (and the grounding rule).</summary>
    Keywords,
    /// <summary>Answers in prose instead of JSON.</summary>
    Prose,
    /// <summary>JSON of the wrong shape.</summary>
    WrongShape,
    /// <summary>A verdict for a principle the constitution does not have.</summary>
    UnknownPrinciple,
    /// <summary>A span past the end of its text.</summary>
    SpanOutOfRange,
    /// <summary>HTTP 503, every time.</summary>
    Down,
    /// <summary>HTTP 429 with <c>Retry-After: 1</c> for the first <see cref="FakeJudge.RateLimitedCalls"/> calls, then keywords.</summary>
    RateLimited,
    /// <summary>Waits <see cref="FakeJudge.Delay"/> before answering with keywords.</summary>
    Slow,
}

/// <summary>
/// A deterministic LLM judge for tests: an OpenAI-compatible Chat Completions server on real Kestrel (loopback, random
/// port) that reads the judge request the guard sends (<c>principles</c>, <c>texts</c>, <c>sources</c>) and answers in the
/// constitution verdict schema. A principle is violated when an answer text contains one of its trigger phrases
/// (<see cref="Triggers"/>, the shipped constitution's by default); <c>supported-and-cited</c> is violated when an answer
/// names a number or colour no source has.
/// </summary>
public sealed partial class FakeJudge : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private FakeJudge(WebApplication app) => _app = app;

    /// <summary>Base address, e.g. <c>http://127.0.0.1:51234/v1</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the next requests get.</summary>
    public JudgeBehaviour Behaviour { get; set; } = JudgeBehaviour.Keywords;

    /// <summary>For <see cref="JudgeBehaviour.RateLimited"/>: how many calls are refused first.</summary>
    public int RateLimitedCalls { get; set; } = 1;

    /// <summary>For <see cref="JudgeBehaviour.Slow"/>.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Trigger phrases per principle id (case-insensitive), matched in answer texts.</summary>
    public Dictionary<string, string[]> Triggers { get; } = new(StringComparer.Ordinal)
    {
        ["no-insults"] = ["idiot", "pathetic", "stupid", "moron"],
        ["no-hateful-generalisations"] = ["vermin", "are all liars", "subhuman"],
        ["no-threats"] = ["hurt you", "break his legs", "kill you"],
        ["no-personal-data-or-secrets"] = ["555-0172", "password is", "sk-live"],
        ["no-injected-instructions"] = ["system prompt is", "evil.example"],
        ["supportive-on-self-harm"] = ["least painful way", "all of your pills"],
    };

    /// <summary>Request bodies received, in order.</summary>
    public List<JsonObject> Requests { get; } = [];

    /// <summary>Authorization headers received, in order.</summary>
    public List<string?> Authorizations { get; } = [];

    /// <summary>Calls received (every attempt, retries included).</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Starts the fake judge.</summary>
    public static async Task<FakeJudge> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var judge = new FakeJudge(app);
        app.MapPost("/v1/chat/completions", judge.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        judge.BaseAddress = new Uri(address.TrimEnd('/') + "/v1");
        return judge;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var call = Interlocked.Increment(ref _calls);
        var body = JsonNode.Parse(await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync())!.AsObject();
        lock (Requests)
        {
            Requests.Add(body);
            Authorizations.Add(context.Request.Headers.Authorization.FirstOrDefault());
        }
        var exchange = JsonNode.Parse(body["messages"]![1]!["content"]!.GetValue<string>())!.AsObject();
        switch (Behaviour)
        {
            case JudgeBehaviour.Down:
                context.Response.StatusCode = 503;
                return;
            case JudgeBehaviour.RateLimited when call <= RateLimitedCalls:
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                return;
            case JudgeBehaviour.Slow:
                await Task.Delay(Delay, context.RequestAborted);
                break;
        }
        var content = Behaviour switch
        {
            JudgeBehaviour.Prose => "The answer looks fine to me; no principle is violated.",
            JudgeBehaviour.WrongShape => new JsonObject { ["violations"] = new JsonArray("no-insults") }.ToJsonString(),
            JudgeBehaviour.UnknownPrinciple => Verdicts([new JsonObject { ["principle"] = "be-nice", ["violated"] = true, ["severity"] = "low", ["rationale"] = "x", ["spans"] = new JsonArray() }]),
            JudgeBehaviour.SpanOutOfRange => OutOfRange(exchange),
            _ => Verdicts(Judge(exchange)),
        };
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = "chatcmpl-judge",
            ["object"] = "chat.completion",
            ["model"] = "fake-judge-1",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
        });
    }

    private static string Verdicts(IEnumerable<JsonObject> verdicts) => new JsonObject { ["verdicts"] = new JsonArray([.. verdicts]) }.ToJsonString();

    private static string OutOfRange(JsonObject exchange)
    {
        var answer = Answers(exchange).First();
        var span = new JsonObject { ["target"] = answer.Target, ["start"] = 0, ["end"] = answer.Text.Length + 10 };
        var principle = exchange["principles"]!.AsArray()[0]!.GetValue<string>();
        return Verdicts([new JsonObject { ["principle"] = principle, ["violated"] = true, ["severity"] = "high", ["rationale"] = "x", ["spans"] = new JsonArray(span) }]);
    }

    private IEnumerable<JsonObject> Judge(JsonObject exchange)
    {
        var answers = Answers(exchange).ToList();
        var sources = exchange["sources"]!.AsArray().Select(s => s!["text"]!.GetValue<string>()).ToList();
        foreach (var id in exchange["principles"]!.AsArray().Select(p => p!.GetValue<string>()))
        {
            var hit = id == "supported-and-cited" ? Unsupported(answers, sources) : Triggered(id, answers);
            yield return new JsonObject
            {
                ["principle"] = id,
                ["violated"] = hit is not null,
                ["severity"] = hit is null ? "low" : "high",
                ["rationale"] = hit is null ? "fake judge: no trigger" : $"fake judge: '{hit.Value.Phrase}'",
                ["spans"] = hit is { } h ? new JsonArray(new JsonObject { ["target"] = h.Target, ["start"] = h.Start, ["end"] = h.Start + h.Phrase.Length }) : new JsonArray(),
            };
        }
    }

    private (string Target, int Start, string Phrase)? Triggered(string principle, List<(string Target, string Text)> answers)
    {
        if (!Triggers.TryGetValue(principle, out var phrases)) return null;
        foreach (var (target, text) in answers)
        {
            foreach (var phrase in phrases)
            {
                var at = text.IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
                if (at >= 0) return (target, at, text.Substring(at, phrase.Length));
            }
        }
        return null;
    }

    // A number or a colour the answer states that no source has: the fake's notion of an unsupported claim.
    private static (string Target, int Start, string Phrase)? Unsupported(List<(string Target, string Text)> answers, List<string> sources)
    {
        if (sources.Count == 0) return null;
        foreach (var (target, text) in answers)
        {
            foreach (Match m in Claimed().Matches(text))
            {
                if (!sources.Any(s => s.Contains(m.Value, StringComparison.OrdinalIgnoreCase))) return (target, m.Index, m.Value);
            }
        }
        return null;
    }

    private static IEnumerable<(string Target, string Text)> Answers(JsonObject exchange) =>
        exchange["texts"]!.AsArray()
            .Where(t => t!["kind"]!.GetValue<string>() == "answer")
            .Select(t => (t!["target"]!.GetValue<string>(), t["text"]!.GetValue<string>()));

    [GeneratedRegex(@"(?<![\[\d])\d{4}(?![\]\d])|\b(?:blue|green|red|purple)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Claimed();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
