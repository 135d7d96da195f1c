namespace Guardrail.Verdicts;

/// <summary>A half-open range [Start, End) in the text of a finding's target, in UTF-16 code units.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    /// <summary>The unit of the offsets, stated on the wire so clients in other languages can convert.</summary>
    public string Unit => "utf16";

    /// <summary>Number of code units covered.</summary>
    public int Length => End - Start;

    /// <summary>The same span moved right by <paramref name="offset"/>.</summary>
    public TextSpan Shift(int offset) => new(Start + offset, End + offset);

    /// <summary>True when the two spans share at least one code unit.</summary>
    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;
}
