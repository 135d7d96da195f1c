using System.Text.Json.Nodes;
using Guardrail.Detection;
using Guardrail.Protocol.OpenAI;

namespace Guardrail.Protocol.Generic;

/// <summary>Reads a generic API's request: the strings at its Prompt paths, then its Sources (checked as documents too).</summary>
internal static class GenericRequestReader
{
    /// <summary>Target paths start with this, e.g. <c>request.messages[0].content</c>.</summary>
    public const string Prefix = "request";

    /// <summary>Reads <paramref name="root"/>; a path that selects nothing is no text, never an error.</summary>
    public static AdapterRequest Read(IProtocolAdapter adapter, GenericApi api, JsonObject root)
    {
        var targets = new TargetList();
        var unreadable = new List<string>();
        var prompt = GenericTargets.Select(root, api.Prompt);
        GenericTargets.Add(prompt, Prefix, Direction.Request, TextChannel.Prompt, targets, unreadable);
        var sources = new List<(string, string)>();
        if (api.Sources.Count > 0)
        {
            var matches = GenericTargets.Select(root, api.Sources);
            var inPrompt = prompt.Select(m => m.Path).ToHashSet(StringComparer.Ordinal);
            // Sources reach the model as much as the prompt does, so indirect injection is looked for in them too.
            GenericTargets.Add(matches.Where(m => !inPrompt.Contains(m.Path)), Prefix, Direction.Request, TextChannel.Document, targets, unreadable);
            foreach (var match in matches)
            {
                if (JsonBody.String(match.Value) is { } text) sources.Add((text, Prefix + match.Path));
            }
        }
        var stream = api.Stream is { } flag && flag.Select(root).Any(m => JsonBody.IsTrue(m.Value));
        return new GenericRequest(adapter, root, targets, stream, sources) { Unreadable = unreadable };
    }
}
