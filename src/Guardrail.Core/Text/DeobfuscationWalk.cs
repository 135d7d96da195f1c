using System.Buffers;

namespace Guardrail.Text;

/// <summary>One left-to-right pass of <see cref="Deobfuscation"/> over a folded text.</summary>
internal sealed partial class DeobfuscationWalk
{
    // Digits and symbols that may stand in for letters or mask them.
    private static readonly SearchValues<char> StandIns = SearchValues.Create("0123456789$@*#%!|");
    private static readonly SearchValues<char> AsciiLower = SearchValues.Create("abcdefghijklmnopqrstuvwxyz");

    private readonly string _folded;
    private readonly bool _assumeChinese;
    private readonly bool _hasHan;

    /// <summary>Prepares a pass over <paramref name="folded"/>.</summary>
    public DeobfuscationWalk(string folded, bool assumeChinese)
    {
        _folded = folded;
        _assumeChinese = assumeChinese;
        _hasHan = assumeChinese || Scripts.HasHan(folded);
        Output = new DeobfuscationOutput(folded);
    }

    /// <summary>The text written so far.</summary>
    public DeobfuscationOutput Output { get; }

    /// <summary>Walks the whole text.</summary>
    public void Run()
    {
        var i = 0;
        while (i < _folded.Length)
        {
            var c = _folded[i];
            if (c == ' ')
            {
                Output.Keep(i++, collapse: false);
                continue;
            }
            if (Scripts.IsCjk(c))
            {
                i = Cjk(i);
                continue;
            }
            if (SpelledOut.Match(_folded, i) is var end and > 0 && !InUrlOrEmail(i))
            {
                SpelledOut.Write(_folded, i, end, Output);
                i = end;
                continue;
            }
            if (IsTokenChar(c))
            {
                i = Token(i);
                continue;
            }
            Output.Keep(i++); // punctuation and spaces; "!!!!!" collapses
        }
    }

    private int Cjk(int at)
    {
        if (_hasHan && ChineseSlang.MatchCjk(_folded, at) is var (key, meaning))
        {
            Output.Emit(meaning, at, at + key.Length);
            return at + key.Length;
        }
        Output.Keep(at);
        return at + 1;
    }

    // A token: letters, digits and the symbols evasions put inside words ("f*ck", "$hit", "sh!t").
    private int Token(int start)
    {
        // Most tokens are plain lower-case words: find their end vectorized and skip the symbol checks.
        var letters = _folded.AsSpan(start).IndexOfAnyExcept(AsciiLower);
        var end = letters < 0 ? _folded.Length : start + letters;
        if (end > start && (end == _folded.Length || !ContinuesToken(start, end)))
        {
            PlainWord(start, end);
            return end;
        }
        while (end < _folded.Length && ContinuesToken(start, end)) end++;
        // Masks around a word are markdown ("**bold**"), not masked letters.
        var a = start;
        while (a < end && MaskedWords.IsMask(_folded[a])) a++;
        var b = end;
        while (b > a && MaskedWords.IsMask(_folded[b - 1])) b--;
        Output.KeepRange(start, a);
        if (a < b) Core(a, b, end, allowShapes: a == start);
        return end;
    }

    private void Core(int a, int b, int end, bool allowShapes)
    {
        var core = _folded.AsSpan(a, b - a);
        // A masked last letter ("f***") lives in the trailing masks, so the whole rest is tried first.
        if (allowShapes && b < end && MaskedWords.Match(_folded.AsSpan(a, end - a), allowShapes: true) is { } tailMasked && !InUrlOrEmail(a))
        {
            EmitWord(tailMasked, a);
            return;
        }
        if (!core.ContainsAny(StandIns))
        {
            PlainWord(a, b);
        }
        else if (core.ContainsAnyExcept(StandIns) && !InUrlOrEmail(a))
        {
            if (MaskedWords.Match(core, allowShapes: false) is { } masked) EmitWord(masked, a);
            else Leetspeak.Write(_folded, a, b, Output, collapse: !IsRomanNumeral(core));
        }
        else
        {
            Output.KeepRange(a, b); // numbers, prices, URLs and e-mail addresses
        }
        Output.KeepRange(b, end);
    }

    private void PlainWord(int a, int b)
    {
        var word = _folded.AsSpan(a, b - a);
        if (_hasHan && !word.ContainsAnyExceptInRange('a', 'z') && ChineseSlang.MatchLatin(word) is { } meaning && IsNearHan(a, b))
        {
            Output.Emit(meaning, a, b);
        }
        else if (HasRun(word) && !IsRomanNumeral(word) && !InUrlOrEmail(a))
        {
            for (var i = a; i < b; i++) Output.Keep(i);
        }
        else
        {
            Output.KeepRange(a, b);
        }
    }

    // '!' and '|' join a token only between letters or digits ("sh!t"), never ending one ("wow!").
    private bool ContinuesToken(int start, int at) =>
        IsTokenChar(_folded[at]) ||
        (_folded[at] is '!' or '|' && at > start && at + 1 < _folded.Length &&
         char.IsLetterOrDigit(_folded[at - 1]) && Scripts.IsWordChar(_folded[at + 1]));

    // Masked words keep their length, so each letter maps to the character it replaces.
    private void EmitWord(string word, int start)
    {
        for (var i = 0; i < word.Length; i++) Output.Emit(word[i], start + i, start + i + 1);
    }
}
