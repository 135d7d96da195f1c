using Guardrail.Grounding;
using Guardrail.Verdicts;

namespace Guardrail.Judging;

/// <summary>One text of the exchange as the judge sees it.</summary>
/// <param name="Target">The target path findings and the judge's spans name, e.g. <c>response.choices[0].message</c>.</param>
/// <param name="Text">The text, masked per the audit policy unless the route allows full text.</param>
public sealed record JudgeText(string Target, string Text)
{
    /// <summary><c>answer</c> for the model's output, <c>prompt</c> for everything the request carried.</summary>
    public string Kind => Target.StartsWith("response", StringComparison.Ordinal) ? "answer" : "prompt";
}

/// <summary>What the judge is asked about: the exchange's texts, the sources supplied with it and the fast checks' verdict.</summary>
/// <param name="Texts">Prompt and answer texts by target.</param>
/// <param name="Sources">Sources supplied with the request (grounding).</param>
/// <param name="FastVerdict">The verdict the fast checks gave.</param>
public sealed record JudgeInput(IReadOnlyList<JudgeText> Texts, IReadOnlyList<Source> Sources, Verdict FastVerdict)
{
    /// <summary>Each target's text length, which the judge's spans must stay within.</summary>
    public IReadOnlyDictionary<string, int> TargetLengths() =>
        Texts.GroupBy(t => t.Target, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Text.Length, StringComparer.Ordinal);
}
