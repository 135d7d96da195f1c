namespace Guardrail.Pii;

/// <summary>
/// A cheap pass over the digits of a text that tells whether any numeric kind (phone, card, SSN, ID, IPv4)
/// could match at all. Prose mostly holds short numbers (years, counts, versions), so the numeric regexes
/// usually need not run.
/// </summary>
internal static class NumberClusters
{
    /// <summary>
    /// Where the first cluster of digits that is long enough for a numeric kind begins (minus room for a
    /// leading <c>+</c> or <c>(</c>), or -1 when there is none. A cluster is digits joined by at most two
    /// separator characters; it qualifies with 7+ digits, or 4+ digits and 3 dots (the shortest IPv4).
    /// </summary>
    public static int FirstCandidate(ReadOnlySpan<char> text)
    {
        var offset = text.IndexOfAnyInRange('0', '9');
        while (offset >= 0)
        {
            var start = offset;
            int digits = 0, dots = 0, j = offset;
            while (j < text.Length)
            {
                if (IsDigit(text[j]))
                {
                    digits++;
                    j++;
                    continue;
                }
                var k = j;
                while (k < text.Length && k - j < 2 && IsSeparator(text[k])) k++;
                if (k == j || k == text.Length || !IsDigit(text[k])) break;
                dots += text[j..k].Count('.');
                j = k;
            }
            if (digits >= 7 || (digits >= 4 && dots >= 3)) return Math.Max(0, start - 2);
            var next = text[j..].IndexOfAnyInRange('0', '9');
            offset = next < 0 ? -1 : j + next;
        }
        return -1;
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsSeparator(char c) => c is ' ' or '-' or '.' or '/' or '(' or ')';
}
