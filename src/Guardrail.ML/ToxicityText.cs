using Guardrail.Text;

namespace Guardrail.ML;

/// <summary>The one place where text is prepared for the toxicity models, in training and at run time alike.</summary>
/// <remarks>
/// A de-obfuscating normaliser will replace the body of <see cref="Prepare"/>; every caller goes through here so
/// training and scoring can never prepare text differently. Models must be retrained when it changes.
/// </remarks>
public static class ToxicityText
{
    /// <summary>Prepares <paramref name="text"/> for featurisation (NFKC, lower case, format characters removed, then de-obfuscated: leetspeak, spelled-out and masked words, letter runs, Chinese slang).</summary>
    public static string Prepare(string text) => NormalizedText.CreateDeobfuscated(text).Folded;
}
