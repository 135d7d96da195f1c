using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Protocol.OpenAI;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.Anthropic;

/// <summary>A buffered Messages answer (<c>type: "message"</c>): each content block is a target; a block that fails withholds the whole message.</summary>
internal sealed class MessagesAnswer(JsonObject root, TargetList targets) : AdapterAnswer(root, targets)
{
    /// <summary>Prefix of every answer target.</summary>
    public const string Prefix = "response";

    /// <summary>The target path of content block <paramref name="index"/>, e.g. <c>response.content[0]</c>.</summary>
    public static string BlockPath(int index) => $"{Prefix}.content[{index}]";

    /// <summary>Reads an already parsed body; false with a short reason when it is not a message.</summary>
    public static bool TryRead(JsonObject root, [NotNullWhen(true)] out MessagesAnswer? answer, [NotNullWhen(false)] out string? error)
    {
        answer = null;
        if (root["type"] is not null && JsonBody.String(root["type"]) != "message")
        {
            error = "response is not a message object";
            return false;
        }
        if (root["content"] is not JsonArray content)
        {
            error = "response has no content array";
            return false;
        }
        var targets = new TargetList();
        for (var j = 0; j < content.Count; j++)
        {
            // Server tool results and other blocks carry no text the model wrote; they pass as they are.
            if (content[j] is JsonObject block) ContentBlocks.TryAdd(block, BlockPath(j), Direction.Response, "assistant", TextChannel.Message, targets);
        }
        answer = new MessagesAnswer(root, targets);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override void Apply(AnswerRewrite rewrite)
    {
        var findings = rewrite.FindingsUnder(Prefix);
        if (findings.Any(f => f.Action == Decision.Block))
        {
            // Anthropic's own shape for an answer it withheld; tool calls and thinking go too, so nothing is acted on.
            Root["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = rewrite.BlockMessage });
            Root["stop_reason"] = "refusal";
            Root["stop_sequence"] = null;
        }
        else
        {
            Redactions.Apply(TargetList, findings);
        }
        Root["guardrail"] = VerdictJson.ToJson(rewrite.Verdict);
    }
}
