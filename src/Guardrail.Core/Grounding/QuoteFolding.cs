using System.Text;

namespace Guardrail.Grounding;

/// <summary>
/// The form quotes and sources are compared in: letters and digits lower-cased, everything else one space. A quote is
/// "verbatim" when its words appear in this order, whatever the case, punctuation, quote style or line breaks.
/// </summary>
internal static class QuoteFolding
{
    /// <summary>Folds <paramref name="text"/>, with a space at both ends so whole-word search is a plain substring search.</summary>
    public static string Fold(string text)
    {
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(normalized.Length + 2).Append(' ');
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                // Han characters stand alone so a Chinese quote matches inside an unsegmented sentence.
                if (Lexicon.IsHan(c) && sb[^1] != ' ') sb.Append(' ');
                sb.Append(char.ToLowerInvariant(c));
                if (Lexicon.IsHan(c)) sb.Append(' ');
            }
            else if (sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }
        if (sb[^1] != ' ') sb.Append(' ');
        return sb.ToString();
    }

    /// <summary>Number of folded words (Han characters count one each).</summary>
    public static int Words(string folded) => folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>True when every piece of the folded quote (pieces split at an ellipsis) occurs in <paramref name="foldedSource"/>.</summary>
    public static bool Contains(string foldedSource, IReadOnlyList<string> foldedPieces) =>
        foldedPieces.All(p => foldedSource.Contains(p, StringComparison.Ordinal));

    /// <summary>Splits a quote at elisions (<c>...</c>, <c>…</c>, <c>[...]</c>) and folds each piece; empty pieces are dropped.</summary>
    public static List<string> Pieces(string quote) =>
        quote.Split(["[...]", "[…]", "...", "…"], StringSplitOptions.None)
            .Select(Fold)
            .Where(p => p.Trim().Length > 0)
            .ToList();
}
