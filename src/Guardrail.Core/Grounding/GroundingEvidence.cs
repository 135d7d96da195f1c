using System.Globalization;
using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Grounding;

/// <summary>Builds the evidence object of grounding findings (DESIGN §3): citation, source, passage with its span, support, missing terms.</summary>
internal static class GroundingEvidence
{
    /// <summary>The passage is source text, so it may travel in the verdict; it is still bounded.</summary>
    public const int MaxPassageChars = 400;

    /// <summary>At most this many missing terms are listed.</summary>
    public const int MaxMissing = 12;

    /// <summary>Evidence of an alignment with one source.</summary>
    public static JsonObject Of(string? citation, SourceAlignment a, AnalyzedText claim)
    {
        var o = new JsonObject();
        if (citation is not null) o["citation"] = citation;
        o["source"] = a.Source.Id;
        if (Passage(a) is { } p)
        {
            o["sourceSpan"] = Span(p.Span);
            o["passage"] = p.Text;
        }
        o["support"] = Round(a.Support);
        o["missing"] = new JsonArray(MissingSurface(claim, a.Detail.Missing).Select(m => (JsonNode?)m).ToArray());
        return o;
    }

    /// <summary>Evidence of a contradiction: the source, its passage and each conflicting pair of terms (answer side, source side).</summary>
    public static JsonObject Contradiction(string? citation, Source source, Contradiction.PassageConflicts found, double support)
    {
        var o = new JsonObject();
        if (citation is not null) o["citation"] = citation;
        o["source"] = source.Id;
        if (Passage(source.Text, found.Passage) is { } p)
        {
            o["sourceSpan"] = Span(p.Span);
            o["passage"] = p.Text;
        }
        o["support"] = Round(support);
        o["conflicts"] = new JsonArray(found.Conflicts.Select(c => (JsonNode?)new JsonObject
        {
            ["kind"] = c.Kind,
            ["answer"] = c.AnswerSays,
            ["source"] = c.SourceSays,
        }).ToArray());
        return o;
    }

    /// <summary>A span as <c>{start, end, unit}</c>.</summary>
    public static JsonObject Span(TextSpan s) => new() { ["start"] = s.Start, ["end"] = s.End, ["unit"] = s.Unit };

    /// <summary>Support as shown in evidence and explanations.</summary>
    public static double Round(double support) => Math.Round(support, 2, MidpointRounding.AwayFromZero);

    /// <summary>Support formatted for an explanation.</summary>
    public static string Format(double support) => Round(support).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The best sentence of the source, trimmed and bounded; its span indexes <see cref="Source.Text"/>.</summary>
    public static (TextSpan Span, string Text)? Passage(SourceAlignment a) =>
        a.Detail.BestSentence is { } best ? Passage(a.Source.Text, best) : null;

    /// <summary>A sentence of <paramref name="text"/>, trimmed and bounded; null when only white space.</summary>
    public static (TextSpan Span, string Text)? Passage(string text, AnalyzedSentence sentence)
    {
        int start = sentence.Start, end = Math.Min(sentence.End, text.Length);
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end - start > MaxPassageChars)
        {
            end = start + MaxPassageChars;
            if (char.IsHighSurrogate(text[end - 1])) end--;
        }
        return end > start ? (new TextSpan(start, end), text[start..end]) : null;
    }

    /// <summary>
    /// The claim's words behind the missing terms, as written ("opened", "1,200", "金门"), in claim order: terms are
    /// stemmed and canonical, which a reviewer should not have to decode.
    /// </summary>
    public static List<string> MissingSurface(AnalyzedText claim, IReadOnlyList<string> missing)
    {
        if (missing.Count == 0) return [];
        var wanted = new HashSet<string>(missing, StringComparer.Ordinal);
        var surface = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (token, start, end) in claim.Tokens)
        {
            if (surface.Count == MaxMissing) return surface;
            var raw = claim.Text.AsSpan(start, end - start);
            var term = Lexicon.IsHan(token[0]) ? null
                : Lexicon.TryNumber(raw, token, out var number) ? number
                : Lexicon.IsStopWord(token) ? null : Lexicon.Term(token);
            if (term is null || !wanted.Remove(term)) continue;
            if (seen.Add(raw.ToString())) surface.Add(raw.ToString());
        }
        // Han terms are character bigrams: the bigram is its own surface form.
        foreach (var m in missing)
        {
            if (surface.Count == MaxMissing) break;
            if (wanted.Contains(m) && seen.Add(m)) surface.Add(m);
        }
        return surface;
    }
}
