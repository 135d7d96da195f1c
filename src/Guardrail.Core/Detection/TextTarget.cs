namespace Guardrail.Detection;

/// <summary>Which side of the exchange a text belongs to.</summary>
public enum Direction
{
    /// <summary>The prompt sent to the model.</summary>
    Request,
    /// <summary>The model's answer.</summary>
    Response,
}

/// <summary>One piece of text to inspect and the address findings on it will name.</summary>
/// <param name="Path">Wire path such as <c>request.messages[1]</c> or <c>response.choices[0].message</c>.</param>
/// <param name="Direction">Prompt or answer.</param>
/// <param name="Role">Chat role of the message (user, system, assistant, tool), when known.</param>
/// <param name="Text">The text itself; spans index this string.</param>
public sealed record TextTarget(string Path, Direction Direction, string? Role, string Text)
{
    /// <summary>
    /// The sources the request supplied (see <see cref="Guardrail.Grounding.SourceExtractor"/>), attached to answer
    /// targets so the grounding check can align claims with them; null when the request supplied none.
    /// </summary>
    public Guardrail.Grounding.SourceSet? Sources { get; init; }

    /// <summary>
    /// Structured citations the upstream attached to this answer (OpenAI <c>message.annotations</c> of type
    /// <c>url_citation</c>), read by the completion reader; null when there are none.
    /// </summary>
    public IReadOnlyList<Guardrail.Grounding.AnswerAnnotation>? Annotations { get; init; }

    /// <summary>
    /// The request's earlier texts, in reading order (set by the exchange guard on request targets), so a detector can
    /// accumulate risk across the turns of a conversation: an attack split over several messages is whole again. Null
    /// for answers and for texts checked alone.
    /// </summary>
    public IReadOnlyList<TextTarget>? PriorTurns { get; init; }

    /// <summary>What kind of text this is (a message, tool-call arguments, a tool result, reasoning…). Default message.</summary>
    public Guardrail.Protocol.TextChannel Channel { get; init; } = Guardrail.Protocol.TextChannel.Message;
}
