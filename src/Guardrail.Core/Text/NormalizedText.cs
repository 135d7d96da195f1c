using System.Globalization;
using System.Text;

namespace Guardrail.Text;

/// <summary>
/// A text folded for matching (NFKC, lower case, zero-width and format characters removed) with a map
/// from every folded position back to the original, so matches found on the folded text yield spans in
/// the original. Shared by keyword rules and the classifiers.
/// </summary>
public sealed class NormalizedText
{
    private readonly int[] _map;

    private NormalizedText(string original, string folded, int[] map)
    {
        Original = original;
        Folded = folded;
        _map = map;
    }

    /// <summary>The text as given.</summary>
    public string Original { get; }

    /// <summary>The folded text.</summary>
    public string Folded { get; }

    /// <summary>Folds <paramref name="text"/>.</summary>
    public static NormalizedText Create(string text)
    {
        var sb = new StringBuilder(text.Length);
        var map = new List<int>(text.Length + 1);
        var i = 0;
        while (i < text.Length)
        {
            var len = char.IsSurrogatePair(text, i) ? 2 : 1;
            var element = text.AsSpan(i, len);
            var cat = CharUnicodeInfo.GetUnicodeCategory(text, i);
            if (cat != UnicodeCategory.Format) // zero-width space/joiners, soft hyphen, bidi marks
            {
                var folded = element.ToString().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
                foreach (var ch in folded)
                {
                    sb.Append(ch);
                    map.Add(i);
                }
            }
            i += len;
        }
        map.Add(text.Length);
        return new NormalizedText(text, sb.ToString(), map.ToArray());
    }

    /// <summary>Maps a half-open range on <see cref="Folded"/> back to the original text.</summary>
    public (int Start, int End) ToOriginal(int foldedStart, int foldedEnd)
    {
        var start = _map[foldedStart];
        // End maps to just past the original element that produced the last folded character.
        var lastSource = foldedEnd > foldedStart ? _map[foldedEnd - 1] : start;
        var end = lastSource + (lastSource < Original.Length && char.IsSurrogatePair(Original, lastSource) ? 2 : 1);
        return (start, Math.Min(Math.Max(end, start), Original.Length));
    }
}
