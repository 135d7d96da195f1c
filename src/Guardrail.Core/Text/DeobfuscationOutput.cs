namespace Guardrail.Text;

/// <summary>
/// The deobfuscated text being written, each character with the half-open range of folded characters it
/// stands for. Copy-on-write: until the first change nothing is allocated, because most texts are clean
/// and then the folded text itself is the answer.
/// </summary>
internal sealed class DeobfuscationOutput(string folded)
{
    private char[]? _chars;
    private int[] _starts = [];
    private int[] _ends = [];
    private int _count;   // characters written; while nothing changed, also the folded characters kept

    /// <summary>Whether any change has been written.</summary>
    public bool Changed => _chars is not null;

    /// <summary>Keeps folded character <paramref name="at"/> unchanged, collapsing it into a run when allowed.</summary>
    public void Keep(int at, bool collapse = true)
    {
        var c = folded[at];
        if (_chars is null)
        {
            // While unchanged the written text is folded[.._count], so the run check can read it there.
            if (!(collapse && at >= 2 && IsCollapsible(c) && folded[at - 1] == c && folded[at - 2] == c))
            {
                _count = at + 1;
                return;
            }
            Materialize(at);
        }
        Add(c, at, at + 1, collapse);
    }

    /// <summary>Keeps folded characters [<paramref name="from"/>, <paramref name="to"/>) unchanged, without collapsing runs.</summary>
    public void KeepRange(int from, int to)
    {
        if (_chars is null)
        {
            if (to > from) _count = to;
            return;
        }
        for (var i = from; i < to; i++) Add(folded[i], i, i + 1, collapse: false);
    }

    /// <summary>Writes <paramref name="c"/> for folded characters [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public void Emit(char c, int start, int end, bool collapse = true)
    {
        if (_chars is null) Materialize(start);
        Add(c, start, end, collapse);
    }

    /// <summary>Writes <paramref name="text"/>, every character standing for the whole of [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public void Emit(string text, int start, int end)
    {
        foreach (var c in text) Emit(c, start, end, collapse: false);
    }

    /// <summary>Drops folded character <paramref name="at"/> (a separator between spelled-out letters).</summary>
    public void Drop(int at)
    {
        if (_chars is null) Materialize(at);
    }

    /// <summary>The result: <paramref name="plain"/> itself when nothing changed.</summary>
    public NormalizedText ToText(NormalizedText plain) =>
        _chars is null ? plain : NormalizedText.FromFolded(plain, new string(_chars, 0, _count), _starts, _ends, _count);

    private void Materialize(int upTo)
    {
        // Everything before upTo was kept as is; a small margin absorbs expansions without resizing.
        var capacity = folded.Length + 16;
        _chars = new char[capacity];
        _starts = new int[capacity];
        _ends = new int[capacity];
        folded.CopyTo(0, _chars, 0, upTo);
        for (var i = 0; i < upTo; i++)
        {
            _starts[i] = i;
            _ends[i] = i + 1;
        }
        _count = upTo;
    }

    private void Add(char c, int start, int end, bool collapse)
    {
        var chars = _chars!;
        if (collapse && _count >= 2 && IsCollapsible(c) && chars[_count - 1] == c && chars[_count - 2] == c)
        {
            _ends[_count - 1] = end; // the kept second character now also covers the dropped ones
            return;
        }
        if (_count == chars.Length)
        {
            Array.Resize(ref _chars, chars.Length * 2);
            Array.Resize(ref _starts, chars.Length * 2);
            Array.Resize(ref _ends, chars.Length * 2);
            chars = _chars;
        }
        chars[_count] = c;
        _starts[_count] = start;
        _ends[_count++] = end;
    }

    // Letters and shouted punctuation; digits are excluded so 1000 stays a thousand.
    private static bool IsCollapsible(char c) => char.IsLetter(c) || c is '!' or '?';
}
