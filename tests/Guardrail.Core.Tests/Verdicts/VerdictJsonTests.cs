using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Core.Tests.Verdicts;

public sealed class VerdictJsonTests
{
    private static Verdict Sample() => new()
    {
        Id = "gr_01TEST",
        Decision = Decision.Flag,
        Policy = "default@abc1234",
        Scores = new Dictionary<string, double> { ["pii"] = 0.9 },
        Findings =
        [
            new Finding
            {
                Rule = "pii.email", Category = "pii", Target = "response.choices[0].message", Score = 0.9, Threshold = 0.5,
                Action = Decision.Flag, Span = new TextSpan(3, 10), Text = "a@b.com", Explanation = "Email address.",
                Evidence = new JsonObject { ["kind"] = "email" },
            },
        ],
        Timings = new Dictionary<string, double> { ["pii_ms"] = 0.012345, ["total_ms"] = 0.05 },
        Unchecked = [new("check-error:injection")],
    };

    [Fact]
    public void ToJson_Verdict_HasContractShape()
    {
        var json = VerdictJson.ToJson(Sample());

        Assert.Equal("flag", json["decision"]!.GetValue<string>());
        Assert.Equal("utf16", json["findings"]![0]!["span"]!["unit"]!.GetValue<string>());
        Assert.Equal(0.0123, json["timings"]!["pii_ms"]!.GetValue<double>());
        Assert.Equal("check-error:injection", json["uncheckedReasons"]![0]!.GetValue<string>());
        Assert.Equal(["id", "decision", "policy", "scores", "findings", "timings", "models", "uncheckedReasons"], json.Select(p => p.Key));
    }

    [Fact]
    public void FromJson_RoundTrip_PreservesEverything()
    {
        var original = Sample();
        var back = VerdictJson.FromJson(JsonNode.Parse(VerdictJson.Serialize(original))!);

        Assert.Equal(original.Id, back.Id);
        Assert.Equal(original.Decision, back.Decision);
        Assert.Equal(original.Findings[0].Span, back.Findings[0].Span);
        Assert.Equal(original.Findings[0].Evidence!.ToJsonString(), back.Findings[0].Evidence!.ToJsonString());
        Assert.Equal(original.UncheckedReasons, back.UncheckedReasons);
    }

    [Fact]
    public void ToJson_Notes_WrittenLastAndReadBack()
    {
        var verdict = Sample() with { Notes = ["grounding: source 2 (guardrail.sources[1]) is empty; ignored"] };

        var json = VerdictJson.ToJson(verdict);

        Assert.Equal("notes", json.Last().Key);
        Assert.Equal(verdict.Notes, VerdictJson.FromJson(json).Notes);
        Assert.Null(VerdictJson.ToJson(Sample())["notes"]);
    }

    [Fact]
    public void FromJson_UnknownDecision_Throws()
    {
        var json = VerdictJson.ToJson(Sample());
        json["decision"] = "maybe";

        Assert.Throws<System.Text.Json.JsonException>(() => VerdictJson.FromJson(json));
    }

    [Fact]
    public void New_TwoIds_UniqueAndTimeOrdered()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-11-28T12:00:00Z"));
        var a = VerdictId.New(time);
        time.Now = time.Now.AddMilliseconds(1);
        var b = VerdictId.New(time);

        Assert.Matches("^gr_[0-9A-HJKMNP-TV-Z]{26}$", a);
        Assert.True(string.CompareOrdinal(a, b) < 0);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
