using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Protocol.OpenAI;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.OpenAIResponses;

/// <summary>
/// A buffered Responses answer (<c>object: "response"</c>): each text of its output items is a target; one that fails
/// withholds the whole output, in the API's own form for an answer stopped by a content filter.
/// </summary>
internal sealed class ResponsesAnswer(JsonObject root, TargetList targets) : AdapterAnswer(root, targets)
{
    /// <summary>Prefix of every answer target.</summary>
    public const string Prefix = "response";

    /// <summary>The target path of output item <paramref name="index"/>, e.g. <c>response.output[0]</c>.</summary>
    public static string ItemPath(int index) => $"{Prefix}.output[{index}]";

    /// <summary>Reads an already parsed body; false with a short reason when it is not a response object.</summary>
    public static bool TryRead(JsonObject root, [NotNullWhen(true)] out ResponsesAnswer? answer, [NotNullWhen(false)] out string? error)
    {
        answer = null;
        if (root["object"] is not null && JsonBody.String(root["object"]) != "response")
        {
            error = "response is not a response object";
            return false;
        }
        if (root["output"] is not JsonArray output)
        {
            error = "response has no output array";
            return false;
        }
        var targets = new TargetList();
        for (var i = 0; i < output.Count; i++)
        {
            // Hosted tool calls (web and file search, code, images) carry no text the model wrote to the user; they pass as they are.
            if (output[i] is JsonObject item) ResponseItems.TryAdd(item, ItemPath(i), Direction.Response, targets, unreadable: null);
        }
        answer = new ResponsesAnswer(root, targets);
        error = null;
        return true;
    }

    /// <inheritdoc/>
    public override void Apply(AnswerRewrite rewrite)
    {
        var findings = rewrite.FindingsUnder(Prefix);
        if (findings.Any(f => f.Action == Decision.Block))
        {
            // Tool calls and reasoning go too, so nothing of the withheld answer is acted on; a refusal part (not
            // output text) keeps a structured-output client from parsing the message as its JSON.
            var id = (Root["output"] as JsonArray)?.OfType<JsonObject>().Select(i => JsonBody.String(i["id"])).FirstOrDefault(i => i?.StartsWith("msg", StringComparison.Ordinal) == true);
            Root["output"] = new JsonArray(RefusalItem(id, rewrite.BlockMessage));
            Root["status"] = "incomplete";
            Root["incomplete_details"] = ContentFilter();
        }
        else
        {
            Redactions.Apply(TargetList, findings);
        }
        if (Root.ContainsKey("output_text")) Root["output_text"] = OutputText(Root["output"] as JsonArray);
        Root["guardrail"] = VerdictJson.ToJson(rewrite.Verdict);
    }

    /// <summary>A completed assistant message whose only content is the policy's message as a refusal.</summary>
    public static JsonObject RefusalItem(string? id, string message) => new()
    {
        ["id"] = id ?? "msg_guardrail",
        ["type"] = "message",
        ["status"] = "completed",
        ["role"] = "assistant",
        ["content"] = new JsonArray(new JsonObject { ["type"] = "refusal", ["refusal"] = message }),
    };

    /// <summary><c>{"reason":"content_filter"}</c>, the API's own incomplete_details for a filtered answer.</summary>
    public static JsonObject ContentFilter() => new() { ["reason"] = "content_filter" };

    // Some servers add the SDKs' convenience field; it must say what the rewritten output says.
    private static string OutputText(JsonArray? output) => string.Concat(
        (output ?? []).OfType<JsonObject>().Where(i => JsonBody.String(i["type"]) == "message")
            .SelectMany(i => (i["content"] as JsonArray ?? []).OfType<JsonObject>())
            .Where(p => JsonBody.String(p["type"]) == "output_text")
            .Select(p => JsonBody.String(p["text"])));
}
