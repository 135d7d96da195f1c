using System.Globalization;
using System.Text.Json.Nodes;
using Guardrail.Audit;
using Guardrail.Rules;
using Guardrail.Verdicts;

namespace Guardrail.AspNetCore.Admin.Api;

/// <summary>The admin API's JSON shapes: list rows, a stored verdict with its texts, labels and explanation.</summary>
internal static class AdminJson
{
    public static JsonObject Page(AuditPage page) => new()
    {
        ["items"] = new JsonArray(page.Items.Select(i => (JsonNode?)Summary(i)).ToArray()),
        ["next"] = page.Next,
    };

    public static JsonObject Summary(AuditSummary s) => new()
    {
        ["id"] = s.Id,
        ["time"] = Time(s.Time),
        ["route"] = s.Route,
        ["decision"] = s.Decision.ToWire(),
        ["policy"] = s.Policy,
        ["rules"] = Strings(s.Rules),
        ["categories"] = Strings(s.Categories),
        ["labels"] = s.Labels,
    };

    /// <summary>One stored verdict: the verdict exactly as sent (DESIGN §3), the stored texts, labels and one explanation line per finding.</summary>
    public static JsonObject Entry(AuditEntry entry)
    {
        var r = entry.Record;
        return new JsonObject
        {
            ["id"] = r.Id,
            ["time"] = Time(r.Time),
            ["route"] = r.Route,
            ["textMode"] = r.TextMode.ToString().ToLowerInvariant(),
            ["verdict"] = VerdictJson.ToJson(r.Verdict),
            ["texts"] = new JsonArray(r.Texts.Select(t => (JsonNode?)new JsonObject { ["target"] = t.Target, ["text"] = t.Text }).ToArray()),
            ["labels"] = new JsonArray(entry.Labels.Select(l => (JsonNode?)Label(l)).ToArray()),
            ["judgeLabels"] = new JsonArray(entry.JudgeLabels.Select(l => (JsonNode?)JudgeLabel(l)).ToArray()),
            ["shadow"] = new JsonArray(entry.Shadow.Select(x => (JsonNode?)new JsonObject
            {
                ["shadow"] = x.Shadow,
                ["live"] = x.LiveDecision.ToWire(),
                ["decision"] = x.ShadowDecision.ToWire(),
                ["findings"] = VerdictJson.ToJson(new Verdict { Id = r.Id, Policy = "shadow", Findings = x.Findings })["findings"]!.DeepClone(),
                ["time"] = Time(x.Time),
            }).ToArray()),
            ["explanation"] = Strings(r.Verdict.Findings.Select(ExplanationLine)),
        };
    }

    public static JsonObject Label(HumanLabel l) => new()
    {
        ["verdictId"] = l.VerdictId,
        ["label"] = l.Kind.ToWire(),
        ["note"] = l.Note,
        ["category"] = l.Category,
        ["time"] = Time(l.Time),
    };

    /// <summary>A judge's label: who labelled (the judge's model, the constitution's version), the principle, its rationale and spans.</summary>
    public static JsonObject JudgeLabel(JudgeLabel l) => new()
    {
        ["verdictId"] = l.VerdictId,
        ["source"] = "judge",
        ["judge"] = l.Judge,
        ["constitution"] = l.Constitution,
        ["reason"] = l.Reason,
        ["principle"] = l.Principle,
        ["violated"] = l.Violated,
        ["severity"] = l.Severity.ToString().ToLowerInvariant(),
        ["rationale"] = l.Rationale,
        ["spans"] = new JsonArray(l.Spans.Select(s => (JsonNode?)new JsonObject { ["target"] = s.Target, ["start"] = s.Start, ["end"] = s.End }).ToArray()),
        ["time"] = Time(l.Time),
    };

    /// <summary>
    /// One line a reviewer can read without the JSON, e.g.
    /// <c>flag grounding.unsupported-claim (grounding) in response.choices[0].message [12–40]: score 0.81 ≥ threshold 0.5. Cited source [2] …</c>
    /// </summary>
    public static string ExplanationLine(Finding f)
    {
        var where = f.Span is { } s ? $"{f.Target} [{s.Start}–{s.End}]" : f.Target;
        // A classifier finding's explanation already opens with the threshold its rule applied (RuleEngine).
        if (f.Explanation.StartsWith(ThresholdStatement.For(f.Score, f.Threshold, f.Action), StringComparison.Ordinal))
        {
            return $"{f.Action.ToWire()} {f.Rule} ({f.Category}) in {where}: {f.Explanation}".TrimEnd();
        }
        var comparison = f.Score >= f.Threshold ? "≥" : "<";
        return $"{f.Action.ToWire()} {f.Rule} ({f.Category}) in {where}: score {Number(f.Score)} {comparison} threshold {Number(f.Threshold)}. {f.Explanation}".TrimEnd();
    }

    /// <summary>UTC, ISO 8601 with seven fractional digits, so a time read back as a filter selects the same instant.</summary>
    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Number(double v) => Math.Round(v, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
