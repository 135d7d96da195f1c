using System.ComponentModel.DataAnnotations;

namespace Guardrail.ML.Detection;

/// <summary>Settings of the toxicity check (configuration section <c>Guardrail:Toxicity</c>).</summary>
public sealed class ToxicityOptions
{
    /// <summary>The detector name rules use: <c>{ classifier: toxicity, category: … }</c>.</summary>
    public const string DetectorName = "toxicity";

    /// <summary>Folder with <c>toxicity.json</c> and the model files. Default <c>models</c>.</summary>
    [Required]
    public string ModelsDirectory { get; set; } = "models";

    /// <summary>Most characters scored per text; the rest is reported unchecked. Default 20,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxCharacters { get; set; } = 20_000;

    /// <summary>
    /// Whether sentences longer than a window are also scored window by window (the manifest's <c>window</c> settings), so
    /// that benign padding cannot dilute a toxic clause. Default true; false scores whole sentences only.
    /// </summary>
    public bool ScoreWindows { get; set; } = true;

    /// <summary>N-grams listed per finding. Default 3.</summary>
    [Range(0, 20)]
    public int TopContributions { get; set; } = 3;

    /// <summary>Calibrated score from which a sentence's contributing n-grams are computed. Default 0.5, the flag point: explanations are for findings.</summary>
    [Range(0, 1)]
    public double ExplainAbove { get; set; } = 0.5;

    /// <summary>Calibrated scores below this are not reported as signals (they still count as 0 in scores). Default 0.</summary>
    [Range(0, 1)]
    public double MinReportedScore { get; set; }
}
