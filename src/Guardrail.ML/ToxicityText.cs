using Guardrail.Text;

namespace Guardrail.ML;

/// <summary>The one place where text is prepared for the toxicity models, in training and at run time alike.</summary>
/// <remarks>
/// Every caller goes through here so training and scoring can never prepare text differently. Models must be
/// retrained when it changes.
/// </remarks>
public static class ToxicityText
{
    /// <summary>
    /// Prepares <paramref name="text"/> for featurisation: the shared fold (<see cref="NormalizedText.Create"/>: NFKC, lower
    /// case, invisible characters removed, ASCII digits, dashes and spaces, look-alike letters folded), then de-obfuscated
    /// (leetspeak, spelled-out and masked words, letter runs, Chinese slang).
    /// </summary>
    public static string Prepare(string text) => NormalizedText.CreateDeobfuscated(text).Folded;

    /// <summary>
    /// <see cref="Prepare"/> with the map back to <paramref name="text"/>: the detector cuts windows and guesses the language on
    /// the prepared text and reports spans on the original.
    /// </summary>
    public static NormalizedText PrepareMapped(string text) => NormalizedText.CreateDeobfuscated(text);
}
