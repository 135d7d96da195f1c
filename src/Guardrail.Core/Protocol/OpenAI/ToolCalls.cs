using System.Text.Json.Nodes;
using Guardrail.Detection;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Reads the arguments of a message's <c>tool_calls</c> and legacy <c>function_call</c> as targets of their own.</summary>
internal static class ToolCalls
{
    /// <summary>Adds one target per call's <c>function.arguments</c> string under <paramref name="path"/>.</summary>
    public static void Read(JsonObject message, string path, Direction direction, string? role, TargetList targets)
    {
        if (message["tool_calls"] is JsonArray calls)
        {
            for (var k = 0; k < calls.Count; k++)
            {
                if (calls[k] is not JsonObject call || call["function"] is not JsonObject function) continue;
                if (JsonBody.String(function["arguments"]) is not { } args) continue;
                targets.Add(new TextTarget($"{path}.tool_calls[{k}].function.arguments", direction, role, args) { Channel = TextChannel.ToolArguments }, function, "arguments");
            }
        }
        if (message["function_call"] is JsonObject legacy && JsonBody.String(legacy["arguments"]) is { } legacyArgs)
        {
            targets.Add(new TextTarget($"{path}.function_call.arguments", direction, role, legacyArgs) { Channel = TextChannel.ToolArguments }, legacy, "arguments");
        }
    }
}
