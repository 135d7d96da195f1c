using System.Text.Json.Nodes;
using Guardrail.Audit;
using Guardrail.Verdicts;

namespace Guardrail.Storage.Tests;

/// <summary>Records for store tests: whole-millisecond times from a fixed start, findings by (rule, category).</summary>
internal static class AuditRecords
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public static AuditRecord Record(string id, int minute, string route = "chat", Decision decision = Decision.Allow, params (string Rule, string Category)[] findings)
    {
        var verdict = new Verdict
        {
            Id = id,
            Decision = decision,
            Policy = "default@abc123",
            Findings = findings.Select(f => new Finding
            {
                Rule = f.Rule,
                Category = f.Category,
                Target = "response.choices[0].message",
                Score = 0.9,
                Threshold = 0.5,
                Action = decision,
                Explanation = "Matched.",
            }).ToList(),
        };
        return new AuditRecord(T0.AddMinutes(minute), route, verdict, [new AuditedText("request.messages[0]", "hello " + id)], AuditTextMode.Masked);
    }

    /// <summary>A record using every part of the verdict shape, with texts in several scripts and a masked span.</summary>
    public static AuditRecord Rich(string id) => new(
        T0.AddMilliseconds(1234),
        "openai",
        new Verdict
        {
            Id = id,
            Decision = Decision.Redact,
            Policy = "strict@3f2a9c1",
            Scores = new Dictionary<string, double> { ["pii"] = 1.0, ["grounding"] = 0.5 },
            Findings =
            [
                new Finding
                {
                    Rule = "pii.email", Category = "pii", Target = "response.choices[0].message", Score = 1, Threshold = 0.5,
                    Action = Decision.Redact, Span = new TextSpan(5, 21), Text = "[EMAIL]", Explanation = "An email address.",
                    Evidence = new JsonObject { ["validator"] = "syntax" },
                },
                new Finding
                {
                    Rule = "grounding.unsupported-claim", Category = "grounding", Target = "response.choices[0].message", Score = 0.81,
                    Threshold = 0.5, Action = Decision.Flag, Span = new TextSpan(23, 30), Text = "大桥 1912", Explanation = "Source [2] does not say 1912.",
                },
            ],
            Timings = new Dictionary<string, double> { ["pii_ms"] = 0.04, ["total_ms"] = 0.8 },
            Models = new Dictionary<string, string> { ["toxicity"] = "toxicity@2026-11-28" },
            Unchecked = [new("grounding", "source 3 is empty")],
            Notes = ["a note"],
        },
        [
            new AuditedText("request.messages[0]", "Who built it? 谁建的？ 🌉"),
            new AuditedText("response.choices[0].message", "Mail ████████████████. 大桥 1912 \"quoted\" \\ end"),
        ],
        AuditTextMode.Masked);
}
