namespace Guardrail.ML.Detection;

/// <summary>
/// The bodies of HTML comments (<c>&lt;!-- … --&gt;</c>) in a text: no reader of the rendered page sees them, so an instruction
/// there is aimed at the model. Each body is scored on its own with the prompt model, as if the attacker had typed it.
/// </summary>
public static class HiddenComments
{
    /// <summary>Most comments read per text.</summary>
    public const int MaxComments = 16;

    /// <summary>The ranges of the comment bodies in <paramref name="text"/> (an unclosed comment runs to the end).</summary>
    public static IEnumerable<Range> Find(string text)
    {
        var from = 0;
        for (var n = 0; n < MaxComments; n++)
        {
            var open = text.IndexOf("<!--", from, StringComparison.Ordinal);
            if (open < 0) yield break;
            var start = open + 4;
            var close = text.IndexOf("-->", start, StringComparison.Ordinal);
            var end = close < 0 ? text.Length : close;
            if (text.AsSpan(start, end - start).Trim().Length > 0) yield return new Range(start, end);
            if (close < 0) yield break;
            from = close + 3;
        }
    }
}
