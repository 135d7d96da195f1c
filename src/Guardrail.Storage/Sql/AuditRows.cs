using System.Text.Json.Nodes;
using Guardrail.Audit;
using Guardrail.Verdicts;

namespace Guardrail.Storage.Sql;

/// <summary>How a record's parts are written to and read from columns: JSON for the verdict and texts, wire names for enums.</summary>
internal static class AuditRows
{
    // Stored with WireJson: non-ASCII stays readable and half the size; control characters are still escaped.
    public static string VerdictJsonText(Verdict verdict) => WireJson.Serialize(VerdictJson.ToJson(verdict));

    public static Verdict ReadVerdict(string json) => VerdictJson.FromJson(JsonNode.Parse(json)!);

    public static string TextsJson(IReadOnlyList<AuditedText> texts)
    {
        var array = new JsonArray();
        foreach (var t in texts) array.Add(new JsonObject { ["target"] = t.Target, ["text"] = t.Text });
        return WireJson.Serialize(array);
    }

    public static IReadOnlyList<AuditedText> ReadTexts(string json) =>
        (JsonNode.Parse(json) as JsonArray ?? [])
            .Select(n => new AuditedText(n!["target"]!.GetValue<string>(), n["text"]!.GetValue<string>()))
            .ToList();

    /// <summary>The distinct (rule, category) pairs of a verdict's findings: the rows of the findings index.</summary>
    public static IEnumerable<(string Rule, string Category)> FindingKeys(Verdict verdict) =>
        verdict.Findings.Select(f => (f.Rule, f.Category)).Distinct();

    public static string ModeName(AuditTextMode mode) => mode switch
    {
        AuditTextMode.Full => "full",
        AuditTextMode.None => "none",
        _ => "masked",
    };

    public static AuditTextMode ReadMode(string name) => name switch
    {
        "full" => AuditTextMode.Full,
        "none" => AuditTextMode.None,
        _ => AuditTextMode.Masked,
    };

    public static string KindName(LabelKind kind) => kind switch
    {
        LabelKind.FalsePositive => "false-positive",
        LabelKind.FalseNegative => "false-negative",
        _ => "correct",
    };

    public static LabelKind ReadKind(string name) => name switch
    {
        "false-positive" => LabelKind.FalsePositive,
        "false-negative" => LabelKind.FalseNegative,
        _ => LabelKind.Correct,
    };

    public static string SeverityName(Guardrail.Judging.JudgeSeverity severity) => severity.ToString().ToLowerInvariant();

    public static Guardrail.Judging.JudgeSeverity ReadSeverity(string name) =>
        Enum.TryParse<Guardrail.Judging.JudgeSeverity>(name, ignoreCase: true, out var s) ? s : Guardrail.Judging.JudgeSeverity.Medium;

    public static string SpansJson(IReadOnlyList<Guardrail.Judging.JudgeSpan> spans) =>
        WireJson.Serialize(new JsonArray([.. spans.Select(s => (JsonNode)new JsonObject { ["target"] = s.Target, ["start"] = s.Start, ["end"] = s.End })]));

    public static IReadOnlyList<Guardrail.Judging.JudgeSpan> ReadSpans(string json) =>
        (JsonNode.Parse(json) as JsonArray ?? [])
            .Select(n => new Guardrail.Judging.JudgeSpan(n!["target"]!.GetValue<string>(), n["start"]!.GetValue<int>(), n["end"]!.GetValue<int>()))
            .ToList();

    // Findings as the verdict JSON writes them, inside a stub verdict so one reader serves both.
    public static string FindingsJson(IReadOnlyList<Finding> findings) =>
        WireJson.Serialize(VerdictJson.ToJson(new Verdict { Id = "shadow", Policy = "shadow", Findings = findings })["findings"]!.DeepClone());

    public static IReadOnlyList<Finding> ReadFindings(string json) =>
        VerdictJson.FromJson(new JsonObject { ["id"] = "shadow", ["decision"] = "allow", ["policy"] = "shadow", ["findings"] = JsonNode.Parse(json) }).Findings;

    public static Decision ReadDecision(string name) =>
        DecisionExtensions.TryParseWire(name, out var d) ? d : Decision.Unchecked;

    /// <summary>Times are kept to the millisecond in both stores, so a record reads back as it was written.</summary>
    public static long Milliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
