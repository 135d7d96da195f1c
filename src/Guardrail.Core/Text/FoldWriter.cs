namespace Guardrail.Text;

/// <summary>
/// The folded text being written, left to right over the original, with the <see cref="OffsetMap"/> edits that
/// tie it back. Copy-on-write: until the first change nothing is allocated and the original is the answer.
/// </summary>
internal sealed class FoldWriter(string original)
{
    private char[]? _chars;
    private int _count;    // folded characters written; while unchanged, also the original characters read
    private int _source;   // original characters read
    private OffsetMap.Edit[] _edits = [];
    private int _editCount;

    /// <summary>The folded text written so far.</summary>
    public ReadOnlySpan<char> Written => _chars is null ? original.AsSpan(0, _count) : _chars.AsSpan(0, _count);

    /// <summary>The original, read-only.</summary>
    public string Original => original;

    /// <summary>Keeps the original characters up to <paramref name="end"/> as they are.</summary>
    public void Keep(int end)
    {
        if (_chars is null)
        {
            _count = _source = end;
            return;
        }
        var n = end - _source;
        EnsureRoom(n);
        original.AsSpan(_source, n).CopyTo(_chars.AsSpan(_count));
        _count += n;
        _source = end;
    }

    /// <summary>Writes <paramref name="folded"/> for the next <paramref name="length"/> original characters.</summary>
    public void Write(int length, ReadOnlySpan<char> folded)
    {
        if (folded.SequenceEqual(original.AsSpan(_source, length)))
        {
            Keep(_source + length);
            return;
        }
        Materialize();
        // One character for one keeps positions aligned, so it needs no edit.
        if (length != 1 || folded.Length != 1) AddEdit(length, folded.Length);
        EnsureRoom(folded.Length);
        folded.CopyTo(_chars.AsSpan(_count));
        _count += folded.Length;
        _source += length;
    }

    /// <summary>Writes <paramref name="c"/> for the next <paramref name="length"/> original characters.</summary>
    public void Write(int length, char c) => Write(length, new ReadOnlySpan<char>(in c));

    /// <summary>Drops the next <paramref name="length"/> original characters (invisible ones).</summary>
    public void Skip(int length) => Write(length, []);

    /// <summary>Replaces written character <paramref name="at"/> with another one (a look-alike letter's Latin twin).</summary>
    public void Set(int at, char c)
    {
        Materialize();
        _chars[at] = c;
    }

    /// <summary>The folded text and its map (null when every character was kept one for one).</summary>
    public (string Folded, OffsetMap? Map) Finish() =>
        (_chars is null ? original : new string(_chars, 0, _count), _editCount == 0 ? null : new OffsetMap(_edits, _editCount));

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_chars))]
    private void Materialize()
    {
        if (_chars is not null) return;
        // Everything before was kept as is; a small margin absorbs expansions without resizing.
        _chars = new char[original.Length + 16];
        original.CopyTo(0, _chars, 0, _count);
    }

    private void EnsureRoom(int n)
    {
        if (_count + n > _chars!.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _count + n));
    }

    private void AddEdit(int originalLength, int foldedLength)
    {
        if (_editCount == _edits.Length) Array.Resize(ref _edits, Math.Max(8, _edits.Length * 2));
        _edits[_editCount++] = new OffsetMap.Edit(_count, foldedLength, _source, originalLength);
    }
}
