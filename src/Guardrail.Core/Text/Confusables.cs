using System.Buffers;

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
        var text = writer.Written;
        // Without Cyrillic or Greek there is nothing to fold; without Latin letters no word is Latin or mixed.
        if (!text.ContainsAnyInRange('\u0370', '\u052F') || !HasLatin(text)) return;
        var words = ArrayPool<Word>.Shared.Rent(text.Length / 2 + 1);
        var count = Words(text, words);
        // The nearest word on each side that is not itself only look-alikes (or letterless).
        var near = Kind.None;
        for (var w = 0; w < count; w++)
        {
            words[w].Left = near;
            if (words[w].Kind is not (Kind.None or Kind.LookAlike)) near = words[w].Kind;
        }
        near = Kind.None;
        for (var w = count - 1; w >= 0; w--)
        {
            var (start, end, kind, left) = (words[w].Start, words[w].End, words[w].Kind, words[w].Left);
            var fold = kind == Kind.Mixed ||
                       (kind == Kind.LookAlike && (IsLatin(left) || IsLatin(near)) && left != Kind.Foreign && near != Kind.Foreign);
            if (fold) FoldWord(writer, start, end);
            if (kind is not (Kind.None or Kind.LookAlike)) near = kind;
        }
        ArrayPool<Word>.Shared.Return(words);
    }

    private static bool HasLatin(ReadOnlySpan<char> text) =>
        text.ContainsAnyInRange('a', 'z') || text.ContainsAnyInRange('A', 'Z') ||
        text.ContainsAnyInRange('\u00C0', '\u024F') || text.ContainsAnyInRange('\u1E00', '\u1EFF');

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

    // Words: runs of letters, digits and marks.
    private static int Words(ReadOnlySpan<char> text, Word[] words)
    {
        var count = 0;
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
            words[count++] = new Word { Start = start, End = i, Kind = kind };
        }
        return count;
    }

    private struct Word
    {
        public int Start, End;
        public Kind Kind, Left;
    }

    private static bool IsWordChar(char c) => c < 0x80 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c) || char.IsSurrogate(c) || CharFolding.IsMark(c);

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
