using System.Text.Json.Nodes;
using Guardrail.Detection;

namespace Guardrail.Protocol.OpenAI;

/// <summary>What the guard needs from a Chat Completions request, plus the parsed body for forwarding.</summary>
/// <param name="Root">The whole request, unknown fields preserved.</param>
/// <param name="Stream">True when the client asked for server-sent events.</param>
/// <param name="Model">The requested model, when given as a string.</param>
/// <param name="Targets">One target per message text (or per text part of a multi-part message).</param>
public sealed record ChatRequestInfo(JsonObject Root, bool Stream, string? Model, IReadOnlyList<TextTarget> Targets);
