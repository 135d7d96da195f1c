using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Testing;
using Microsoft.AspNetCore.Http;

namespace Guardrail.AspNetCore.Tests.ClosedWorld;

/// <summary>Responses API requests and answers the guard cannot read are marked, or refused and withheld under strict.</summary>
public class ResponsesClosedWorldTests
{
    private static readonly string Created = Event("response.created", new JsonObject { ["response"] = ResponsesUpstream.Response([], "in_progress"), ["sequence_number"] = 0 });

    private static string Event(string type, JsonObject data)
    {
        data["type"] = type;
        return $"event: {type}\ndata: {data.ToJsonString()}\n\n";
    }

    // A message item "Fine." and the final response, numbered from 3.
    private static string MessageAndCompleted()
    {
        var item = ResponsesUpstream.Message("Fine.")[0]!.AsObject();
        JsonObject At(int n) => new() { ["item_id"] = "msg_fake", ["output_index"] = 0, ["content_index"] = 0, ["sequence_number"] = n };
        var delta = At(5);
        delta["delta"] = "Fine.";
        var done = At(6);
        done["text"] = "Fine.";
        var open = (JsonObject)item.DeepClone();
        open["content"] = new JsonArray();
        return Event("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = open, ["sequence_number"] = 3 })
            + Event("response.output_text.delta", delta)
            + Event("response.output_text.done", done)
            + Event("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = item.DeepClone(), ["sequence_number"] = 7 })
            + Event("response.completed", new JsonObject { ["response"] = ResponsesUpstream.Response(new JsonArray(item.DeepClone()), "completed"), ["sequence_number"] = 8 });
    }

    private static Task<HttpResponseMessage> PostAsync(ProxyFixture f, string body) =>
        f.Client.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"));

    private static string Request(bool stream) => new JsonObject { ["model"] = "m", ["input"] = "Hi", ["stream"] = stream }.ToJsonString();

    private static void StreamWith(ProxyFixture f, string odd) => f.Upstream.Handler = async ctx =>
    {
        ctx.Response.ContentType = "text/event-stream";
        await ctx.Response.WriteAsync(Created + odd + MessageAndCompleted());
    };

    // The verdict rides in the last event's response.
    private static JsonNode FinalResponse(string sse)
    {
        var data = sse.Split('\n').Last(l => l.StartsWith("data: {", StringComparison.Ordinal))["data: ".Length..];
        return JsonNode.Parse(data)!["response"]!;
    }

    [Fact]
    public async Task Proxy_StreamWithUnknownEventAndNonJsonData_ForwardedAndMarkedUnchecked()
    {
        await using var f = await ProxyFixture.StartAsync();
        StreamWith(f, Event("response.surprise", new JsonObject { ["text"] = "hidden", ["sequence_number"] = 1 })
            + "event: response.output_text.delta\ndata: not json at all\n\n");

        var text = await (await PostAsync(f, Request(stream: true))).Content.ReadAsStringAsync();

        var verdict = FinalResponse(text)["guardrail"]!;
        Assert.Equal("unchecked", (string)verdict["decision"]!);
        var reasons = verdict["uncheckedReasons"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("stream-unknown-event", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("stream-unreadable-event", StringComparison.Ordinal));
        Assert.Equal("Fine.", (string)FinalResponse(text)["output"]![0]!["content"]![0]!["text"]!);
    }

    [Fact]
    public async Task Proxy_StreamWithUnknownEventStrict_CutAsIncomplete()
    {
        await using var f = await ProxyFixture.StartAsync(failMode: "closed");
        StreamWith(f, Event("response.surprise", new JsonObject { ["text"] = "hidden", ["sequence_number"] = 1 }));

        var text = await (await PostAsync(f, Request(stream: true))).Content.ReadAsStringAsync();

        Assert.DoesNotContain("hidden", text);
        Assert.DoesNotContain("Fine.", text);
        var final = FinalResponse(text);
        Assert.Equal("incomplete", (string)final["status"]!);
        Assert.Equal("content_filter", (string)final["incomplete_details"]!["reason"]!);
        Assert.Equal("block", (string)final["guardrail"]!["decision"]!);
    }

    [Fact]
    public async Task Proxy_StreamBrokeOff_ErrorEventCarriesUncheckedVerdict()
    {
        await using var f = await ProxyFixture.StartAsync();
        f.Upstream.Handler = async ctx =>
        {
            ctx.Response.ContentType = "text/event-stream";
            await ctx.Response.WriteAsync(Created);
        };

        var text = await (await PostAsync(f, Request(stream: true))).Content.ReadAsStringAsync();

        var last = JsonNode.Parse(text.Split('\n').Last(l => l.StartsWith("data: {", StringComparison.Ordinal))["data: ".Length..])!;
        Assert.Equal(("error", "stream_incomplete"), ((string)last["type"]!, (string)last["code"]!));
        Assert.Contains(last["guardrail"]!["uncheckedReasons"]!.AsArray(), r => (string)r! == "stream-incomplete");
    }

    [Fact]
    public async Task Proxy_AnswerNotAResponseStrict_WithheldInTheOpenAIErrorShape()
    {
        await using var f = await ProxyFixture.StartAsync(failMode: "closed");
        f.Upstream.Handler = async ctx =>
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("""{"result":"You said: my card is 4111 1111 1111 1111"}""");
        };

        var response = await PostAsync(f, Request(stream: false));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.DoesNotContain("4111", text);
        Assert.Equal("block", (string)JsonNode.Parse(text)!["error"]!["guardrail"]!["decision"]!);
    }

    [Fact]
    public async Task Proxy_UnreadableRequestStrict_RefusedAndUpstreamNeverCalled()
    {
        await using var f = await ProxyFixture.StartAsync(failMode: "closed");

        var response = await PostAsync(f, """{"model":"m","input":42}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("request-unreadable", await response.Content.ReadAsStringAsync());
        Assert.Empty(f.Upstream.RequestBodies);
    }

    [Fact]
    public async Task Proxy_ImagePartAndUnknownItem_ForwardedAndMarkedNonText()
    {
        await using var f = await ProxyFixture.StartAsync();
        ResponsesUpstream.Use(f.Upstream);
        var body = """
            {"model":"m","input":[
              {"role":"user","content":[{"type":"input_text","text":"What is this?"},{"type":"input_image","image_url":"data:image/png;base64,AAAA"}]},
              {"type":"local_shell_call_output","call_id":"c1","output":"secret"}]}
            """;

        var response = await PostAsync(f, body);
        var verdict = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["guardrail"]!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reasons = verdict["uncheckedReasons"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Contains("non-text-content: request.input[0].content[1] is input_image", reasons);
        Assert.Contains("non-text-content: request.input[1] is local_shell_call_output", reasons);
    }
}
