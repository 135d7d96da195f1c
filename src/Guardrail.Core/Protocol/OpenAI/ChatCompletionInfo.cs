using System.Text.Json.Nodes;
using Guardrail.Detection;

namespace Guardrail.Protocol.OpenAI;

/// <summary>A parsed non-streaming chat completion and the answer texts to inspect.</summary>
/// <param name="Root">The whole completion, unknown fields preserved, ready for <see cref="ChatCompletionRewriter"/>.</param>
/// <param name="Targets">One target per text of each choice: content, refusal, reasoning, tool-call arguments.</param>
public sealed record ChatCompletionInfo(JsonObject Root, IReadOnlyList<TextTarget> Targets)
{
    /// <summary>The targets with their writers, for redaction.</summary>
    public TargetList TargetList { get; init; } = new();
}
