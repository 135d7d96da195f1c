using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Applies a verdict to a non-streaming chat completion (DESIGN.md §4) without changing its shape.</summary>
public static class ChatCompletionRewriter
{
    /// <summary>
    /// Blocks or redacts each choice by the findings that target it, adds per-choice <c>content_filter_results</c>
    /// and the top-level <c>guardrail</c> verdict. Mutates <paramref name="completion"/>.
    /// </summary>
    public static void Apply(JsonObject completion, Verdict verdict, string blockMessage)
    {
        if (completion["choices"] is JsonArray choices)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (choices[i] is not JsonObject choice) continue;
                var path = ChatCompletionReader.TargetPath(ChatCompletionReader.ChoiceIndex(choice, i));
                var findings = verdict.Findings.Where(f => f.Target == path).ToList();
                var filtered = Rewrite(choice, findings, blockMessage);
                choice["content_filter_results"] = ContentFilterResults.Build(verdict, findings, filtered);
            }
        }
        completion["guardrail"] = VerdictJson.ToJson(verdict);
    }

    // Returns the categories that changed the choice's text.
    private static HashSet<string> Rewrite(JsonObject choice, List<Finding> findings, string blockMessage)
    {
        var blocking = findings.Where(f => f.Action == Decision.Block).ToList();
        if (blocking.Count > 0)
        {
            Block(choice, blockMessage);
            return blocking.Select(f => f.Category).ToHashSet(StringComparer.Ordinal);
        }

        var redactions = findings.Where(f => f.Action == Decision.Redact && f.Mask is not null && f.Span is not null).ToList();
        if (redactions.Count == 0 || choice["message"] is not JsonObject message) return [];
        if (!ContentParts.TryGetText(message["content"], out var text)) return [];
        // Spans index the concatenated text, so multi-part content comes back as one string.
        message["content"] = Redactor.Apply(text, redactions.Select(f => (f.Span!.Value, f.Mask!)));
        return redactions.Select(f => f.Category).ToHashSet(StringComparer.Ordinal);
    }

    private static void Block(JsonObject choice, string blockMessage)
    {
        if (choice["message"] is not JsonObject message)
        {
            message = new JsonObject { ["role"] = "assistant" };
            choice["message"] = message;
        }
        message["content"] = blockMessage;
        // A blocked answer must not carry actions or a refusal the client would act on instead of the message.
        message.Remove("tool_calls");
        message.Remove("function_call");
        message.Remove("refusal");
        choice["finish_reason"] = "content_filter";
    }
}
