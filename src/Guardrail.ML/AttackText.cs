using System.Text;
using Guardrail.Text;

namespace Guardrail.ML;

/// <summary>The one place where text is prepared for the prompt-attack classifier, in training and at run time alike.</summary>
/// <remarks>
/// Hidden payloads are made visible before the shared fold: Unicode tag characters (U+E0020–U+E007E, "ASCII smuggling")
/// carry ASCII text no one sees, which the fold would silently drop, so runs of them are decoded into the letters they
/// encode. Zero-width characters and look-alike letters are handled by the fold (<see cref="NormalizedText.Create"/>).
/// No de-obfuscation (leetspeak) here: it rewrites code and identifiers, which prompts and tool results are full of.
/// Models must be retrained when this changes.
/// </remarks>
public static class AttackText
{
    /// <summary>Shortest run of tag characters decoded as text; a shorter one is noise and is dropped by the fold.</summary>
    public const int MinTagRun = 3;

    /// <summary>Tag characters decoded, then folded (NFKC, lower case, invisible characters removed, look-alikes folded).</summary>
    public static string Prepare(string text) => NormalizedText.Create(DecodeTags(text)).Folded;

    /// <summary>Replaces each run of at least <see cref="MinTagRun"/> tag characters by the ASCII it encodes, set apart by spaces.</summary>
    public static string DecodeTags(string text)
    {
        // Tag characters are the surrogate pairs DB40 DC20–DC7E; most texts have no DB40 at all.
        if (text.IndexOf('\uDB40') < 0) return text;
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var run = i;
            while (run + 1 < text.Length && text[run] == '\uDB40' && text[run + 1] is >= '\uDC20' and <= '\uDC7E') run += 2;
            var count = (run - i) / 2;
            if (count >= MinTagRun)
            {
                result.Append(' ');
                for (var k = i; k < run; k += 2) result.Append((char)(text[k + 1] - 0xDC00));
                result.Append(' ');
                i = run;
                continue;
            }
            if (count > 0)
            {
                result.Append(text, i, run - i);
                i = run;
                continue;
            }
            result.Append(text[i++]);
        }
        return result.ToString();
    }
}
