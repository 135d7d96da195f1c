using System.Text.Json.Nodes;
using Guardrail.Detection;

namespace Guardrail.Protocol.OpenAI;

/// <summary>What the guard needs from a Chat Completions request, plus the parsed body for forwarding.</summary>
/// <param name="Root">The whole request, unknown fields preserved.</param>
/// <param name="Stream">True when the client asked for server-sent events.</param>
/// <param name="Model">The requested model, when given as a string.</param>
/// <param name="Targets">One target per text: message content or text part, tool-call arguments.</param>
public sealed record ChatRequestInfo(JsonObject Root, bool Stream, string? Model, IReadOnlyList<TextTarget> Targets)
{
    /// <summary>The targets with their writers, for redaction.</summary>
    public TargetList TargetList { get; init; } = new();

    /// <summary>Parts the text checks cannot read (images, audio, files), as short descriptions.</summary>
    public IReadOnlyList<string> Unreadable { get; init; } = [];

    /// <summary>How many choices the client asked for (<c>n</c>).</summary>
    public int Choices { get; init; } = 1;

    /// <summary>True for JSON mode or structured outputs (<c>response_format</c>).</summary>
    public bool StructuredOutput { get; init; }
}
