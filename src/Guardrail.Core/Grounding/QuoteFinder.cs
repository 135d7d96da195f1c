using Guardrail.Verdicts;

namespace Guardrail.Grounding;

/// <summary>Finds the direct quotations in a claim: text between quotation marks long enough to be a quote, not a scare-quoted word.</summary>
internal static class QuoteFinder
{
    /// <summary>Shorter quotes (in folded words; Han characters count one each) are names or scare quotes, not quotations.</summary>
    public const int MinWords = 4;

    private static readonly (char Open, char Close)[] Pairs = [('"', '"'), ('“', '”'), ('「', '」'), ('『', '』'), ('«', '»'), ('„', '“')];

    /// <summary>The quotations in <paramref name="text"/> as spans of their inner text (without the marks), shifted by <paramref name="offset"/>.</summary>
    public static List<TextSpan> Find(string text, int offset = 0)
    {
        var quotes = new List<TextSpan>();
        var i = 0;
        while (i < text.Length)
        {
            var pair = Array.FindIndex(Pairs, p => p.Open == text[i]);
            if (pair < 0)
            {
                i++;
                continue;
            }
            var close = text.IndexOf(Pairs[pair].Close, i + 1);
            if (close < 0) break; // an unclosed quotation mark quotes nothing we can bound
            var inner = text[(i + 1)..close];
            if (QuoteFolding.Words(QuoteFolding.Fold(inner)) >= MinWords) quotes.Add(new TextSpan(offset + i + 1, offset + close));
            i = close + 1;
        }
        return quotes;
    }
}
