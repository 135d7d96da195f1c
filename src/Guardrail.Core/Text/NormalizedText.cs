namespace Guardrail.Text;

/// <summary>
/// A text folded for matching by <see cref="TextNormalizer"/> (NFKC, ASCII digits, dashes and spaces, invisible
/// characters removed, look-alike letters folded), optionally lower-cased, with a map from every folded position
/// back to the original, so matches found on the folded text yield spans in the original (UTF-16, surrogate pairs
/// whole). Shared by every check: PII, injection, keyword and regex rules, the classifiers.
/// </summary>
public sealed class NormalizedText
{
    // Folded texts from the normaliser keep a sparse map (null: one for one); deobfuscated texts keep explicit
    // starts and ends, since their characters may stand for several original ones ("sb" -> "傻逼", a collapsed run).
    private readonly OffsetMap? _map;
    private readonly int[]? _starts;
    private readonly int[]? _ends;

    internal NormalizedText(string original, string folded, OffsetMap? map)
    {
        Original = original;
        Folded = folded;
        _map = map;
    }

    private NormalizedText(string original, string folded, int[] starts, int[] ends)
    {
        Original = original;
        Folded = folded;
        _starts = starts;
        _ends = ends;
    }

    /// <summary>The text as given.</summary>
    public string Original { get; }

    /// <summary>The folded text.</summary>
    public string Folded { get; }

    /// <summary>Whether folding left the text exactly as given (then <see cref="Folded"/> is <see cref="Original"/>).</summary>
    internal bool IsUnchanged => ReferenceEquals(Folded, Original);

    /// <summary>Folds <paramref name="text"/> and lower-cases it: the form keyword rules, injection heuristics and classifiers match on.</summary>
    public static NormalizedText Create(string text) => CreateCased(text).ToLowerCase();

    /// <summary>Folds <paramref name="text"/> keeping letter case: the form PII recognisers and regex rules match on.</summary>
    public static NormalizedText CreateCased(string text) => TextNormalizer.Fold(text);

    /// <summary>
    /// Folds <paramref name="text"/> as <see cref="Create"/> does and also undoes common filter evasions:
    /// spelled-out words ("i.d.i.o.t"), leetspeak ("1d10t"), masked profanity ("f*ck"), letter runs
    /// ("stuuuupid") and Chinese homophones and pinyin abbreviations ("sb"). <see cref="ToOriginal"/> still
    /// maps every range back to the original characters it came from.
    /// </summary>
    public static NormalizedText CreateDeobfuscated(string text) => Deobfuscation.Apply(Create(text));

    /// <summary>The same text lower-cased; case mapping keeps the length, so the map is shared.</summary>
    internal NormalizedText ToLowerCase()
    {
        var lower = LowerCase.Apply(Folded);
        if (ReferenceEquals(lower, Folded)) return this;
        return _starts is null ? new NormalizedText(Original, lower, _map) : new NormalizedText(Original, lower, _starts, _ends!);
    }

    /// <summary>A text that folding leaves as it is.</summary>
    internal static NormalizedText Unchanged(string text) => new(text, text, map: null);

    /// <summary>Builds a deobfuscated text whose characters came from the given ranges of <paramref name="plain"/>'s folded text.</summary>
    internal static NormalizedText FromFolded(NormalizedText plain, string folded, int[] starts, int[] ends, int count)
    {
        // Compose with the plain map so both arrays index the original text directly; the plain map is expanded
        // once, since looking every character up in a sparse map would cost a search each.
        var (plainStarts, plainEnds) = plain.Dense();
        var originalStarts = new int[count + 1];
        var originalEnds = new int[count + 1];
        for (var i = 0; i < count; i++)
        {
            originalStarts[i] = plainStarts[starts[i]];
            originalEnds[i] = Math.Max(plainEnds[ends[i] - 1], originalStarts[i]);
        }
        originalStarts[count] = originalEnds[count] = plain.Original.Length;
        return new NormalizedText(plain.Original, folded, originalStarts, originalEnds);
    }

    // Start and end in the original of every folded character.
    private (int[] Starts, int[] Ends) Dense()
    {
        if (_starts is not null) return (_starts, _ends!);
        var starts = new int[Folded.Length + 1];
        var ends = new int[Folded.Length + 1];
        if (_map is not null)
        {
            _map.Expand(Folded.Length, starts, ends);
        }
        else
        {
            for (var i = 0; i < Folded.Length; i++) (starts[i], ends[i]) = (i, i + 1);
        }
        starts[Folded.Length] = ends[Folded.Length] = Original.Length;
        return (starts, ends);
    }

    /// <summary>Maps a half-open range on <see cref="Folded"/> back to the original text; a surrogate pair is never split.</summary>
    public (int Start, int End) ToOriginal(int foldedStart, int foldedEnd)
    {
        int start, end;
        if (_starts is not null)
        {
            start = _starts[foldedStart];
            end = foldedEnd > foldedStart ? Math.Max(_ends![foldedEnd - 1], start) : start;
        }
        else if (_map is null)
        {
            (start, end) = (foldedStart, Math.Max(foldedEnd, foldedStart));
        }
        else
        {
            start = _map.StartOf(foldedStart);
            // The end is just past the original element (a composed sequence, a removed pair) of the last folded character.
            end = foldedEnd > foldedStart ? Math.Max(_map.EndOf(foldedEnd - 1), start) : start;
        }
        // Characters kept one for one map unit by unit, so a range on the folded text can end inside a pair.
        if (start > 0 && start < Original.Length && char.IsLowSurrogate(Original[start]) && char.IsHighSurrogate(Original[start - 1])) start--;
        if (end > 0 && end < Original.Length && char.IsLowSurrogate(Original[end]) && char.IsHighSurrogate(Original[end - 1])) end++;
        return (start, end);
    }
}
