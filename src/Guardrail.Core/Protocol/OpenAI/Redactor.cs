using System.Text;
using Guardrail.Verdicts;

namespace Guardrail.Protocol.OpenAI;

/// <summary>Replaces spans of a text with masks such as <c>[EMAIL]</c>.</summary>
public static class Redactor
{
    /// <summary>
    /// Masks every span of <paramref name="text"/>. Overlapping or adjacent spans merge into one, written with the
    /// mask of the span that starts first; spans are clamped to the text and empty ones ignored.
    /// </summary>
    public static string Apply(string text, IEnumerable<(TextSpan Span, string Mask)> spans)
    {
        var merged = Merge(text.Length, spans);
        if (merged.Count == 0) return text;
        // Offsets all refer to the original text, so writing it out left to right with the merged spans
        // gives the same result as replacing right to left, without shifting or copying the string per span.
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (span, mask) in merged)
        {
            sb.Append(text, at, span.Start - at).Append(mask);
            at = span.End;
        }
        return sb.Append(text, at, text.Length - at).ToString();
    }

    private static List<(TextSpan Span, string Mask)> Merge(int length, IEnumerable<(TextSpan Span, string Mask)> spans)
    {
        var clamped = new List<(TextSpan Span, string Mask)>();
        foreach (var (span, mask) in spans)
        {
            var start = Math.Clamp(span.Start, 0, length);
            var end = Math.Clamp(span.End, 0, length);
            if (end > start) clamped.Add((new TextSpan(start, end), mask));
        }
        // OrderBy is stable: of two spans starting together, the one given first keeps its mask.
        var merged = new List<(TextSpan Span, string Mask)>();
        foreach (var (span, mask) in clamped.OrderBy(s => s.Span.Start))
        {
            if (merged.Count > 0 && span.Start <= merged[^1].Span.End)
            {
                var last = merged[^1];
                merged[^1] = (new TextSpan(last.Span.Start, Math.Max(last.Span.End, span.End)), last.Mask);
                continue;
            }
            merged.Add((span, mask));
        }
        return merged;
    }
}
