namespace Guardrail.Verdicts;

/// <summary>
/// Why part of an exchange was not checked (DESIGN.md §10.12): a bounded <see cref="Code"/> (a metric label, see
/// <c>UncheckedCodes</c>; a detector's name when it could not judge a text) and an optional human detail that quotes
/// none of the checked text. Written on the wire as <c>code</c> or <c>code: detail</c>.
/// </summary>
/// <param name="Code">The reason code.</param>
/// <param name="Detail">What exactly, for people; null when the code says it all.</param>
public readonly record struct UncheckedReason(string Code, string? Detail = null)
{
    /// <summary>The wire form, <c>code</c> or <c>code: detail</c>.</summary>
    public override string ToString() => Detail is null ? Code : $"{Code}: {Detail}";

    /// <summary>Reads the wire form back (a verdict stored or received as JSON).</summary>
    public static UncheckedReason Parse(string wire)
    {
        var i = wire.IndexOf(": ", StringComparison.Ordinal);
        return i < 0 ? new(wire) : new(wire[..i], wire[(i + 2)..]);
    }
}
