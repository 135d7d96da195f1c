using Guardrail.Detection;
using Guardrail.Protocol;
using Guardrail.Protocol.Generic;
using Guardrail.Verdicts;
using static Guardrail.Core.Tests.Protocol.Generic.GenericApis;

namespace Guardrail.Core.Tests.Protocol.Generic;

public class GenericAnswerTests
{
    private static AdapterAnswer Read(GenericApi api, string json)
    {
        Assert.True(new GenericJsonAdapter(api).TryReadAnswer(Json(json), null, out var answer, out var error), error);
        return answer;
    }

    [Fact]
    public void TryReadAnswer_StringsAtAnswerPaths_ResponseTargets()
    {
        var answer = Read(SseApi, """{"output":[{"text":"One."},{"text":"Two."},{"image":"…"}],"usage":{"tokens":3}}""");

        Assert.Equal([("response.output[0].text", "One."), ("response.output[1].text", "Two.")], answer.Targets.Select(t => (t.Path, t.Text)));
        Assert.All(answer.Targets, t => Assert.Equal((Direction.Response, TextChannel.Message), (t.Direction, t.Channel)));
    }

    [Fact]
    public void TryReadAnswer_NothingAtAnyAnswerPath_FalseWithReason()
    {
        Assert.False(new GenericJsonAdapter(Ollama).TryReadAnswer(Json("""{"error":"model not found"}"""), null, out _, out var error));
        Assert.Equal("response has no value at any Answer path", error);
    }

    [Fact]
    public void TryReadAnswer_NumberAtAnswerPath_Unreadable()
    {
        var answer = Read(SseApi, """{"output":[{"text":7},{"text":"ok"}]}""");

        Assert.Equal(["response.output[0].text is a number, not text"], answer.Unreadable);
        Assert.Single(answer.Targets);
    }

    [Fact]
    public void Apply_Allow_VerdictAddedBodyUnchanged()
    {
        var answer = Read(Ollama, """{"model":"llama3","response":"Fine.","done":true,"guardrail":{"decision":"allow","forged":true}}""");

        answer.Apply(Rewrite(Verdict(Decision.Allow)));

        Assert.Equal("Fine.", (string)answer.Root["response"]!);
        Assert.True((bool)answer.Root["done"]!);
        Assert.Equal("gr_1", (string)answer.Root["guardrail"]!["id"]!);
        Assert.Null(answer.Root["guardrail"]!["forged"]);
    }

    [Fact]
    public void Apply_Redact_SpanMasked()
    {
        var answer = Read(Ollama, """{"response":"Write to a@example.com.","done":true}""");

        answer.Apply(Rewrite(Verdict(Decision.Redact, Finding("response.response", Decision.Redact, new TextSpan(9, 22), "[EMAIL]"))));

        Assert.Equal("Write to [EMAIL].", (string)answer.Root["response"]!);
    }

    [Fact]
    public void Apply_Block_EveryAnswerStringReplaced()
    {
        var answer = Read(SseApi, """{"output":[{"text":"Fine."},{"text":"Bad."},{"text":{"nested":1}}],"id":"x"}""");

        answer.Apply(Rewrite(Verdict(Decision.Block, Finding("response.output[1].text", Decision.Block))));

        Assert.Equal(["Withheld.", "Withheld.", "Withheld."], answer.Root["output"]!.AsArray().Select(o => (string)o!["text"]!));
        Assert.Equal("x", (string)answer.Root["id"]!);
        Assert.Equal("block", (string)answer.Root["guardrail"]!["decision"]!);
    }

    [Fact]
    public void Apply_BlockOnRequestOnly_AnswerKept()
    {
        var answer = Read(Ollama, """{"response":"Fine."}""");

        answer.Apply(Rewrite(Verdict(Decision.Block, Finding("request.prompt", Decision.Block))));

        Assert.Equal("Fine.", (string)answer.Root["response"]!);
    }
}
