namespace Guardrail.ML.Data;

/// <summary>The grounding sets as support pairs: HaluEval QA, BEGIN dev and WiCE dev, each split 70/15/15 by its group hash.</summary>
public static class GroundingData
{
    /// <summary>The set names, in report order.</summary>
    public static IReadOnlyList<string> Sets { get; } = ["halueval", "begin", "wice"];

    /// <summary>
    /// Whether the HaluEval claim is question + answer rather than the answer alone. Chosen on dev (see the model card):
    /// the answer alone won; the floor always scores the answer alone.
    /// </summary>
    public const bool HaluEvalWithQuestion = false;

    /// <summary>Loads every set under <paramref name="dataRoot"/>.</summary>
    public static IReadOnlyList<SupportPair> Load(string dataRoot, bool haluEvalWithQuestion = HaluEvalWithQuestion) =>
        [.. HaluEvalLoader.Load(dataRoot, haluEvalWithQuestion), .. BeginLoader.Load(dataRoot), .. WiceLoader.Load(dataRoot)];
}
