namespace Guardrail.Text;

// The context checks that keep the walk conservative: what counts as a token, and where not to change anything.
internal sealed partial class DeobfuscationWalk
{
    private int _segmentStart = -1, _segmentEnd = -1;
    private bool _segmentVerbatim;

    private static bool IsTokenChar(char c) => Scripts.IsWordChar(c) || c is '$' or '@' or '*' or '#' or '%';

    private static bool IsRomanNumeral(ReadOnlySpan<char> token) => !token.ContainsAnyExcept("ivxlcdm");

    private static bool HasRun(ReadOnlySpan<char> token)
    {
        for (var i = 2; i < token.Length; i++)
        {
            if (token[i] == token[i - 1] && token[i] == token[i - 2]) return true;
        }
        return false;
    }

    private bool IsNearHan(int start, int end)
    {
        if (_assumeChinese) return true;
        var from = Math.Max(0, start - ChineseSlang.ContextWindow);
        return Scripts.HasHan(_folded.AsSpan(from, Math.Min(_folded.Length, end + ChineseSlang.ContextWindow) - from));
    }

    // URLs and e-mail addresses are kept as written ("www", "user@host"); decided once per
    // whitespace-separated segment and only when a change is about to be made there.
    private bool InUrlOrEmail(int at)
    {
        if (at >= _segmentStart && at < _segmentEnd) return _segmentVerbatim;
        var start = at;
        while (start > 0 && !char.IsWhiteSpace(_folded[start - 1])) start--;
        var end = at;
        while (end < _folded.Length && !char.IsWhiteSpace(_folded[end])) end++;
        var segment = _folded.AsSpan(start, end - start);
        var atSign = segment.IndexOf('@');
        _segmentVerbatim = segment.Contains("://", StringComparison.Ordinal) || segment.Contains("www.", StringComparison.Ordinal) ||
                           (atSign > 0 && char.IsLetterOrDigit(segment[atSign - 1]) && segment[atSign..].Contains('.'));
        (_segmentStart, _segmentEnd) = (start, end);
        return _segmentVerbatim;
    }
}
