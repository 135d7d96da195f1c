using System.Text.Json.Nodes;
using Guardrail.Protocol;
using Guardrail.Protocol.Anthropic;
using Guardrail.Protocol.OpenAI;
using Guardrail.Protocol.OpenAIResponses;
using Guardrail.Revising;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Revising;

public class RevisionRequestTests
{
    private static AdapterRequest Read(IProtocolAdapter adapter, string json)
    {
        Assert.True(adapter.TryReadRequest(JsonNode.Parse(json)!.AsObject(), out var request, out var error), error);
        return request;
    }

    [Fact]
    public void Build_ChatStreamed_AnswerAndCritiqueAppendedNotStreamed()
    {
        var request = Read(new ChatCompletionsAdapter(["/chat/completions"]), """{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}""");

        var revision = RevisionRequest.Build(request, "Grumble.", "Be kind.")!;

        var messages = revision["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Equal(("Grumble.", "Be kind."), ((string?)messages[1]!["content"], (string?)messages[2]!["content"]));
        Assert.False((bool)revision["stream"]!);
        Assert.Null(revision["stream_options"]);
        Assert.Single(request.Root["messages"]!.AsArray()); // the original request is left as it was
    }

    [Fact]
    public void Build_Anthropic_TurnsAppended()
    {
        var request = Read(new AnthropicMessagesAdapter(), """{"model":"claude","max_tokens":100,"messages":[{"role":"user","content":"Hi"}]}""");

        var messages = RevisionRequest.Build(request, "Grumble.", "Be kind.")!["messages"]!.AsArray();

        Assert.Equal(["user", "assistant", "user"], messages.Select(m => (string?)m!["role"]));
    }

    [Fact]
    public void Build_ResponsesStringInput_BecomesAConversationNotStored()
    {
        var request = Read(new ResponsesAdapter(), """{"model":"m","input":"Hi","previous_response_id":"resp_1"}""");

        var revision = RevisionRequest.Build(request, "Grumble.", "Be kind.")!;

        Assert.Equal(["Hi", "Grumble.", "Be kind."], revision["input"]!.AsArray().Select(i => (string?)i!["content"]));
        Assert.Null(revision["previous_response_id"]);
        Assert.False((bool)revision["store"]!);
    }

    [Fact]
    public void Critique_Findings_ExplanationsAndCoveringPrinciples()
    {
        var constitution = Guardrail.Judging.ConstitutionLoader.LoadFromRules(TestPaths.Rules)!.Constitution!;
        var finding = new Finding { Rule = "toxicity.insult-answer", Category = "insult", Target = "response.choices[0].message", Score = 0.9, Threshold = 0.5, Action = Decision.Block, Explanation = "Scores as an insult." };

        var critique = RevisionRequest.Critique([finding], constitution);

        Assert.Contains("toxicity.insult-answer (insult): Scores as an insult.", critique);
        Assert.Contains("no-insults:", critique);
        Assert.DoesNotContain("no-threats", critique);
    }
}
