namespace Guardrail.ML.Data;

/// <summary>One labelled claim-versus-source pair of the grounding data.</summary>
/// <param name="Set">Data set: <c>halueval</c>, <c>begin</c> or <c>wice</c>.</param>
/// <param name="Group">What the split hashes (question, knowledge snippet or claim): pairs of one group share a split.</param>
/// <param name="Split">Its split.</param>
/// <param name="Claim">The text the support model scores.</param>
/// <param name="Source">The evidence.</param>
/// <param name="Supported">Whether the source supports the claim.</param>
/// <param name="FloorClaim">The text the word-overlap floor scores (HaluEval: the answer alone, even when <paramref name="Claim"/> adds the question).</param>
public sealed record SupportPair(string Set, string Group, Split Split, string Claim, string Source, bool Supported, string FloorClaim)
{
    /// <summary>How the pair was made, where its set says (the Chinese pairs: restate, paraphrase, wrong-value, …).</summary>
    public string Kind { get; init; } = "";

    /// <summary>The 70/15/15 split of a group key, by the shared FNV-1a hash.</summary>
    public static Split SplitOf(string group) => HashSplit.Of(group, 70, 15);
}
