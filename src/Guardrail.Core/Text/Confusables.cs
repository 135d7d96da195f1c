namespace Guardrail.Text;

/// <summary>
/// Folds Cyrillic and Greek letters that look like Latin ones ("іgnоrе" with Cyrillic і, о, е) to their Latin
/// twins, in the spirit of a UTS #39 skeleton but only where the text is evidently Latin: in a word that mixes
/// Latin letters with look-alikes, and in a word made only of look-alikes ("сору") whose nearest real words are
/// Latin. Genuine Russian or Greek words sit among other Russian or Greek words and are left alone.
/// </summary>
internal static class Confusables
{
    // Latin twin of each look-alike in U+0370–U+052F ('\0': none), case kept so case-sensitive checks still work.
    private static readonly char[] Twins = BuildTwins();

    // Mixed: Latin letters and look-alikes in one word; it counts as Latin for its neighbours.
    private enum Kind : byte { None, Latin, Mixed, LookAlike, Foreign }

    /// <summary>Folds the look-alikes in what <paramref name="writer"/> has written.</summary>
    public static void Fold(FoldWriter writer)
    {
        if (!writer.Written.ContainsAnyInRange('\u0370', '\u052F')) return;
        var words = Words(writer.Written);
        // The nearest word on each side that is not itself only look-alikes (or letterless).
        var left = new Kind[words.Count];
        var near = Kind.None;
        for (var w = 0; w < words.Count; w++)
        {
            left[w] = near;
            if (words[w].Kind is not (Kind.None or Kind.LookAlike)) near = words[w].Kind;
        }
        near = Kind.None;
        for (var w = words.Count - 1; w >= 0; w--)
        {
            var (start, end, kind) = words[w];
            var fold = kind == Kind.Mixed ||
                       (kind == Kind.LookAlike && (IsLatin(left[w]) || IsLatin(near)) && left[w] != Kind.Foreign && near != Kind.Foreign);
            if (fold) FoldWord(writer, start, end);
            if (kind is not (Kind.None or Kind.LookAlike)) near = kind;
        }
    }

    private static bool IsLatin(Kind kind) => kind is Kind.Latin or Kind.Mixed;

    private static void FoldWord(FoldWriter writer, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            var c = writer.Written[i];
            if (Twin(c) is var twin and not '\0') writer.Set(i, twin);
        }
    }

    private static char Twin(char c) => c is >= '\u0370' and <= '\u052F' ? Twins[c - 0x370] : '\0';

    // Words: runs of letters, digits and marks. Only texts with Cyrillic or Greek get here, so the list is rare.
    private static List<(int Start, int End, Kind Kind)> Words(ReadOnlySpan<char> text)
    {
        var words = new List<(int, int, Kind)>();
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            bool latin = false, lookAlike = false, foreign = false;
            for (; i < text.Length && IsWordChar(text[i]); i++)
            {
                var c = text[i];
                if (char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F' or >= '\u1E00' and <= '\u1EFF') latin = true;
                else if (Twin(c) != '\0') lookAlike = true;
                else if (char.IsLetter(c) || char.IsSurrogate(c)) foreign = true;
            }
            // A word with any Latin letter is Latin (mixed words are where look-alikes hide); a word of only
            // look-alikes is decided by its neighbours.
            var kind = latin ? (lookAlike ? Kind.Mixed : Kind.Latin) : foreign ? Kind.Foreign : lookAlike ? Kind.LookAlike : Kind.None;
            words.Add((start, i, kind));
        }
        return words;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.IsSurrogate(c) || CharFolding.IsMark(c);

    private static char[] BuildTwins()
    {
        // Pairs of look-alike and Latin twin: Greek capitals and lower case, Cyrillic capitals and lower case.
        const string pairs =
            "ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXϒYϹCͿJ" + "αaγyηnιiκkνvοoρpυuχxωwϲcϳj" +
            "АAВBЕEЅSІIЈJКKМMНHОOРPСCТTУYХXҮYҺHӀIԚQԜWѴV" + "аaеeоoрpсcуyхxѕsіiјjһhԁdԛqԝwӏlүyкkѵvьb";
        var twins = new char[0x530 - 0x370];
        for (var i = 0; i < pairs.Length; i += 2) twins[pairs[i] - 0x370] = pairs[i + 1];
        return twins;
    }
}
