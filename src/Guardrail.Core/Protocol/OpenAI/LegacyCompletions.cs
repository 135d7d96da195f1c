using System.Text.Json.Nodes;
using Guardrail.Detection;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Reads a legacy Completions request (<c>prompt</c> as a string or a list of strings; <c>suffix</c>).</summary>
internal static class LegacyCompletions
{
    public static bool TryRead(IProtocolAdapter adapter, JsonObject root, out AdapterRequest? request, out string? error)
    {
        var targets = new TargetList();
        var unreadable = new List<string>();
        var prompt = root["prompt"];
        if (JsonBody.String(prompt) is { } text)
        {
            targets.Add(new TextTarget("request.prompt", Direction.Request, "user", text) { Channel = TextChannel.Prompt }, root, "prompt");
        }
        else if (prompt is JsonArray list)
        {
            for (var k = 0; k < list.Count; k++)
            {
                if (JsonBody.String(list[k]) is { } item)
                {
                    var index = k;
                    targets.Add(new TextTarget($"request.prompt[{k}]", Direction.Request, "user", item) { Channel = TextChannel.Prompt }, masked => list[index] = masked);
                }
                else
                {
                    // Token ids: the text checks cannot read them.
                    unreadable.Add($"request.prompt[{k}] is not a string");
                }
            }
        }
        else
        {
            request = null;
            error = "request prompt is neither a string nor a list";
            return false;
        }
        if (JsonBody.String(root["suffix"]) is { } suffix)
        {
            targets.Add(new TextTarget("request.suffix", Direction.Request, "user", suffix) { Channel = TextChannel.Prompt }, root, "suffix");
        }
        request = new AdapterRequest(adapter, root, targets, JsonBody.IsTrue(root["stream"]))
        {
            Unreadable = unreadable,
            Choices = Math.Clamp(JsonBody.Int(root["n"]) ?? 1, 1, 128),
        };
        error = null;
        return true;
    }
}
