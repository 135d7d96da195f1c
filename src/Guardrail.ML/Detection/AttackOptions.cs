using System.ComponentModel.DataAnnotations;

namespace Guardrail.ML.Detection;

/// <summary>Settings of the prompt-attack classifier (configuration section <c>Guardrail:Attacks</c>); the model is read from the shipped models folder, <c>Guardrail:Toxicity:ModelsDirectory</c>.</summary>
public sealed class AttackOptions
{
    /// <summary>The detector name rules use: <c>{ classifier: attack, category: injection }</c>.</summary>
    public const string DetectorName = "attack";

    /// <summary>The score category: the same as the heuristics' and rules' <c>injection</c>, so the verdict has one injection score.</summary>
    public const string Category = "injection";

    /// <summary>Most characters scored per text; the rest is reported unchecked. Default 20,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxCharacters { get; set; } = 20_000;

    /// <summary>
    /// Earlier turns read with each turn, so an attack split over messages is scored whole: user, tool and document turns with
    /// a user turn, earlier tool results and documents only with a tool result or document. Default 4; 0 turns it off.
    /// </summary>
    [Range(0, 64)]
    public int ConversationTurns { get; set; } = 4;

    /// <summary>Most characters of earlier turns read with a turn (the nearest ones). Default 2,000.</summary>
    [Range(0, 100_000)]
    public int ConversationCharacters { get; set; } = 2_000;

    /// <summary>N-grams listed per finding. Default 3.</summary>
    [Range(0, 20)]
    public int TopContributions { get; set; } = 3;

    /// <summary>Calibrated score from which the contributing n-grams are computed. Default 0.5, the flag point.</summary>
    [Range(0, 1)]
    public double ExplainAbove { get; set; } = 0.5;
}
