using System.Text;
using System.Text.Json.Nodes;
using Guardrail.Judging;
using Guardrail.Protocol;
using Guardrail.Verdicts;

namespace Guardrail.Revising;

/// <summary>
/// The request that asks the model to revise a withheld answer (Constitutional AI's critique and revision; Guardrails AI
/// calls it re-ask): the original request, the withheld answer as the assistant's turn, then a user turn with the
/// critique: what the checks found (in words that quote nothing) and the principles the answer must follow. Built in
/// the API's own shape for Chat Completions, Anthropic Messages and OpenAI Responses; null for an API it cannot extend.
/// </summary>
public static class RevisionRequest
{
    /// <summary>The revision request body, or null when the API has no conversation to append to.</summary>
    public static JsonObject? Build(AdapterRequest request, string answer, string critique, bool stream = false)
    {
        var root = (JsonObject)request.Root.DeepClone();
        switch (request.Adapter.Name)
        {
            case "openai-chat":
            case "anthropic-messages":
                if (root["messages"] is not JsonArray messages) return null;
                messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = answer });
                messages.Add(new JsonObject { ["role"] = "user", ["content"] = critique });
                break;
            case "openai-responses":
                var input = root["input"] switch
                {
                    JsonArray items => items,
                    JsonValue text when text.GetValueKind() == System.Text.Json.JsonValueKind.String =>
                        new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text.GetValue<string>() }),
                    _ => null,
                };
                if (input is null) return null;
                input.Add(new JsonObject { ["role"] = "assistant", ["content"] = answer });
                input.Add(new JsonObject { ["role"] = "user", ["content"] = critique });
                root["input"] = input;
                // The revision must not be chained onto, or stored as, a conversation of its own.
                root.Remove("previous_response_id");
                root["store"] = false;
                break;
            default:
                return null;
        }
        // One answer, whole: the revision is checked before anything of it is released (a buffered stream asks for a
        // stream, which is buffered whole in the same way).
        root["stream"] = stream;
        if (!stream) root.Remove("stream_options");
        return root;
    }

    /// <summary>
    /// The critique: the findings' explanations as the client would read them (never quoting withheld text) and, where
    /// a constitution is loaded, the principles that cover the findings' categories.
    /// </summary>
    public static string Critique(IReadOnlyList<Finding> findings, Constitution? constitution)
    {
        var text = new StringBuilder();
        text.AppendLine("Your previous answer was withheld by a safety policy and was not shown to the user.");
        text.AppendLine("What the checks found:");
        foreach (var f in findings.Where(f => f.Action >= Decision.Flag).DistinctBy(f => (f.Rule, f.Explanation)).Take(10))
        {
            text.Append("- ").Append(f.Rule).Append(" (").Append(f.Category).Append("): ").AppendLine(f.Explanation);
        }
        var categories = findings.Select(f => f.Category).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var principles = constitution?.Principles.Where(p => p.Categories.Any(categories.Contains)).ToList() ?? [];
        if (principles.Count > 0)
        {
            text.AppendLine("Principles the answer must follow:");
            foreach (var p in principles) text.Append("- ").Append(p.Id).Append(": ").AppendLine(p.Description);
        }
        text.Append("Write a new answer to the user's last request that follows these principles. Reply with the new answer only, without mentioning this review.");
        return text.ToString();
    }
}
