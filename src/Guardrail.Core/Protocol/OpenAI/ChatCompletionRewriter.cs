using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Applies a verdict to a non-streaming chat completion (DESIGN.md §4) without changing its shape.</summary>
public static class ChatCompletionRewriter
{
    /// <summary>
    /// Blocks or redacts each choice by the findings on its own targets, adds per-choice <c>content_filter_results</c>
    /// from the choice's own scores and the top-level <c>guardrail</c> verdict. Mutates <paramref name="info"/>'s root.
    /// </summary>
    public static void Apply(ChatCompletionInfo info, AnswerRewrite rewrite)
    {
        var completion = info.Root;
        if (completion["choices"] is JsonArray choices)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (choices[i] is not JsonObject choice) continue;
                var prefix = ChatCompletionReader.ChoicePath(ChatCompletionReader.ChoiceIndex(choice, i));
                var findings = rewrite.FindingsUnder(prefix);
                var filtered = Rewrite(choice, info.TargetList, findings, rewrite);
                choice["content_filter_results"] = ContentFilterResults.Build(rewrite.ScoresUnder(prefix), findings, filtered, choice["content_filter_results"] as JsonObject);
            }
        }
        completion["guardrail"] = VerdictJson.ToJson(rewrite.Verdict);
    }

    // Returns the categories that changed the choice's text.
    private static HashSet<string> Rewrite(JsonObject choice, TargetList targets, IReadOnlyList<Finding> findings, AnswerRewrite rewrite)
    {
        var blocking = findings.Where(f => f.Action == Decision.Block).ToList();
        if (blocking.Count > 0)
        {
            Block(choice, rewrite.BlockMessage, rewrite.Request?.StructuredOutput == true);
            return blocking.Select(f => f.Category).ToHashSet(StringComparer.Ordinal);
        }
        var redactions = Redactions.Of(findings).ToList();
        if (redactions.Count == 0) return [];
        Redactions.Apply(targets, redactions);
        return redactions.Select(f => f.Category).ToHashSet(StringComparer.Ordinal);
    }

    private static void Block(JsonObject choice, string blockMessage, bool structured)
    {
        if (choice.ContainsKey("text") && choice["message"] is null)
        {
            choice["text"] = blockMessage; // legacy completions
            choice["finish_reason"] = "content_filter";
            return;
        }
        if (choice["message"] is not JsonObject message)
        {
            message = new JsonObject { ["role"] = "assistant" };
            choice["message"] = message;
        }
        // A JSON-mode client parses content as JSON: it gets null content and the message as a refusal, as the SDKs expect.
        message["content"] = structured ? null : blockMessage;
        if (structured) message["refusal"] = blockMessage;
        else message.Remove("refusal");
        // A blocked answer must not carry actions, reasoning or audio the client would act on instead of the message.
        foreach (var field in WithheldFields) message.Remove(field);
        choice["finish_reason"] = "content_filter";
    }

    private static readonly string[] WithheldFields = ["tool_calls", "function_call", "reasoning_content", "reasoning", "audio", "annotations"];
}
