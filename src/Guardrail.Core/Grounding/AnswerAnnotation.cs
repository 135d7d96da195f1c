namespace Guardrail.Grounding;

/// <summary>
/// A structured citation the upstream attached to an answer (OpenAI <c>message.annotations[]</c> of type
/// <c>url_citation</c>): the cited URL and the range of the answer text it belongs to.
/// </summary>
/// <param name="Url">The cited URL.</param>
/// <param name="Title">The cited page's title, when given.</param>
/// <param name="Start">Start of the covered range in the answer text (UTF-16 code units; clamped when out of range).</param>
/// <param name="End">End of the covered range (exclusive).</param>
public sealed record AnswerAnnotation(string Url, string? Title, int Start, int End);
