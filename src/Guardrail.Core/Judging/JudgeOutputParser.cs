using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrail.Judging;

/// <summary>
/// Reads the judge's message content, accepting exactly
/// <c>{"verdicts": [{"principle", "violated", "severity", "rationale", "spans": [{"target", "start", "end"}]}]}</c>:
/// every key present, no other key, each principle known and answered once, each span inside a target the judge was
/// sent. Anything else is an error, never a label: a judge that drifts from the schema must not teach the classifiers.
/// </summary>
public static class JudgeOutputParser
{
    /// <summary>Longest rationale kept, in characters; longer ones are cut (a judge that rambles still labels).</summary>
    public const int MaxRationale = 2000;

    private static readonly string[] VerdictKeys = ["principle", "violated", "severity", "rationale", "spans"];
    private static readonly string[] SpanKeys = ["target", "start", "end"];

    /// <summary>Parses <paramref name="content"/> against the constitution and the texts' lengths.</summary>
    public static JudgeOutcome Parse(string? content, Constitution constitution, IReadOnlyDictionary<string, int> targetLengths)
    {
        if (string.IsNullOrWhiteSpace(content)) return JudgeOutcome.Failed(JudgeErrors.NotJson, "the judge's answer is empty");
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(content, documentOptions: new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return JudgeOutcome.Failed(JudgeErrors.NotJson, "the judge's answer is not JSON");
        }
        if (root is not JsonObject obj || obj.Count != 1 || obj["verdicts"] is not JsonArray list)
        {
            return JudgeOutcome.Failed(JudgeErrors.WrongShape, "expected an object with exactly one key, 'verdicts', holding a list");
        }
        if (list.Count == 0) return JudgeOutcome.Failed(JudgeErrors.WrongShape, "'verdicts' is empty");
        var verdicts = new List<PrincipleVerdict>(list.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var (verdict, error) = ParseVerdict(list[i], i, constitution, targetLengths);
            if (error is not null) return error;
            if (!seen.Add(verdict!.Principle)) return JudgeOutcome.Failed(JudgeErrors.WrongShape, $"verdicts[{i}] repeats principle '{verdict.Principle}'");
            verdicts.Add(verdict);
        }
        return new JudgeOutcome { Verdicts = verdicts };
    }

    private static (PrincipleVerdict?, JudgeOutcome?) ParseVerdict(JsonNode? node, int i, Constitution constitution, IReadOnlyDictionary<string, int> lengths)
    {
        var where = $"verdicts[{i}]";
        if (node is not JsonObject v || !HasExactly(v, VerdictKeys)) return (null, Shape($"{where} must have exactly the keys {string.Join(", ", VerdictKeys)}"));
        if (!TryString(v["principle"], out var principle)) return (null, Shape($"{where}.principle must be a string"));
        // Ids are echoed only when they look like ids: a judge answering with prose must not put it in a log line.
        if (constitution.Find(principle) is null) return (null, JudgeOutcome.Failed(JudgeErrors.UnknownPrinciple, $"{where} names a principle the constitution does not have{(principle.Length <= 64 && !principle.Contains(' ') ? $" ('{principle}')" : "")}"));
        if (v["violated"] is not JsonValue violatedValue || violatedValue.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) return (null, Shape($"{where}.violated must be true or false"));
        if (!TryString(v["severity"], out var severityText) || severityText is not ("low" or "medium" or "high")) return (null, Shape($"{where}.severity must be low, medium or high"));
        if (!TryString(v["rationale"], out var rationale)) return (null, Shape($"{where}.rationale must be a string"));
        if (v["spans"] is not JsonArray spanList) return (null, Shape($"{where}.spans must be a list"));
        var spans = new List<JudgeSpan>(spanList.Count);
        for (var s = 0; s < spanList.Count; s++)
        {
            var at = $"{where}.spans[{s}]";
            if (spanList[s] is not JsonObject span || !HasExactly(span, SpanKeys)) return (null, Shape($"{at} must have exactly the keys target, start, end"));
            if (!TryString(span["target"], out var target) || !TryInt(span["start"], out var start) || !TryInt(span["end"], out var end))
            {
                return (null, Shape($"{at} needs a string target and integer start and end"));
            }
            if (!lengths.TryGetValue(target, out var length)) return (null, JudgeOutcome.Failed(JudgeErrors.SpanOutOfRange, $"{at} names a target the judge was not sent"));
            if (start < 0 || end <= start || end > length) return (null, JudgeOutcome.Failed(JudgeErrors.SpanOutOfRange, $"{at} ({start}..{end}) is outside its text of {length} characters"));
            spans.Add(new JudgeSpan(target, start, end));
        }
        var severity = Enum.Parse<JudgeSeverity>(severityText, ignoreCase: true);
        if (rationale.Length > MaxRationale) rationale = rationale[..MaxRationale];
        return (new PrincipleVerdict(principle, violatedValue.GetValue<bool>(), severity, rationale, spans), null);
    }

    private static JudgeOutcome Shape(string detail) => JudgeOutcome.Failed(JudgeErrors.WrongShape, detail);

    private static bool HasExactly(JsonObject obj, string[] keys) => obj.Count == keys.Length && keys.All(obj.ContainsKey);

    private static bool TryString(JsonNode? node, out string value)
    {
        value = "";
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String) return false;
        value = v.GetValue<string>();
        return true;
    }

    private static bool TryInt(JsonNode? node, out int value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }
}
