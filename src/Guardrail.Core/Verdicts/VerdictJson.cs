using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrail.Verdicts;

/// <summary>Writes and reads the verdict's public JSON shape (DESIGN.md §3) for the wire, the CLI and storage.</summary>
public static class VerdictJson
{
    /// <summary>The verdict as a JSON object, ready to embed in a response body.</summary>
    public static JsonObject ToJson(Verdict verdict)
    {
        var scores = new JsonObject();
        foreach (var (k, v) in verdict.Scores) scores[k] = Round(v);
        var timings = new JsonObject();
        foreach (var (k, v) in verdict.Timings) timings[k] = Round(v);
        var models = new JsonObject();
        foreach (var (k, v) in verdict.Models) models[k] = v;
        var findings = new JsonArray();
        foreach (var f in verdict.Findings) findings.Add(FindingToJson(f));

        var json = new JsonObject
        {
            ["id"] = verdict.Id,
            ["decision"] = verdict.Decision.ToWire(),
            ["policy"] = verdict.Policy,
            ["scores"] = scores,
            ["findings"] = findings,
            ["timings"] = timings,
            ["models"] = models,
        };
        if (verdict.UncheckedReasons.Count > 0)
        {
            json["uncheckedReasons"] = new JsonArray(verdict.UncheckedReasons.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        }
        if (verdict.Notes.Count > 0)
        {
            json["notes"] = new JsonArray(verdict.Notes.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
        }
        if (verdict.Revision is { } revision) json["revision"] = RevisionToJson(revision);
        return json;
    }

    /// <summary>The verdict serialised compactly.</summary>
    public static string Serialize(Verdict verdict) => WireJson.Serialize(ToJson(verdict));

    private static JsonObject RevisionToJson(Revision r)
    {
        var o = new JsonObject
        {
            ["passed"] = r.Passed,
            ["original"] = new JsonObject { ["decision"] = r.OriginalDecision.ToWire(), ["findings"] = new JsonArray([.. r.Original.Select(f => (JsonNode)FindingToJson(f))]) },
        };
        if (r.RevisedDecision is { } d) o["revised"] = new JsonObject { ["decision"] = d.ToWire(), ["findings"] = new JsonArray([.. r.Revised.Select(f => (JsonNode)FindingToJson(f))]) };
        if (r.Error is not null) o["error"] = r.Error;
        o["ms"] = Round(r.Ms);
        return o;
    }

    private static Revision? ReadRevision(JsonNode? node)
    {
        if (node is not JsonObject o) return null;
        DecisionExtensions.TryParseWire(o["original"]?["decision"]?.GetValue<string>(), out var original);
        Decision? revised = o["revised"]?["decision"]?.GetValue<string>() is { } text && DecisionExtensions.TryParseWire(text, out var d) ? d : null;
        return new Revision(
            o["passed"]?.GetValue<bool>() ?? false,
            original,
            (o["original"]?["findings"] as JsonArray)?.Select(ReadFinding).ToList() ?? [],
            revised,
            (o["revised"]?["findings"] as JsonArray)?.Select(ReadFinding).ToList() ?? [],
            o["error"]?.GetValue<string>(),
            o["ms"]?.GetValue<double>() ?? 0);
    }

    private static JsonObject FindingToJson(Finding f)
    {
        var o = new JsonObject
        {
            ["rule"] = f.Rule,
            ["category"] = f.Category,
            ["target"] = f.Target,
            ["score"] = Round(f.Score),
            ["threshold"] = Round(f.Threshold),
            ["action"] = f.Action.ToWire(),
        };
        if (f.Span is { } s)
        {
            o["span"] = new JsonObject { ["start"] = s.Start, ["end"] = s.End, ["unit"] = s.Unit };
        }
        if (f.Text is not null) o["text"] = f.Text;
        o["explanation"] = f.Explanation;
        if (f.Evidence is not null) o["evidence"] = f.Evidence.DeepClone();
        return o;
    }

    /// <summary>Reads a verdict written by <see cref="ToJson"/>; throws <see cref="JsonException"/> on a wrong shape.</summary>
    public static Verdict FromJson(JsonNode node)
    {
        var o = node as JsonObject ?? throw new JsonException("verdict must be a JSON object");
        var decision = Str(o, "decision");
        if (!DecisionExtensions.TryParseWire(decision, out var d)) throw new JsonException($"unknown decision '{decision}'");
        return new Verdict
        {
            Id = Str(o, "id"),
            Decision = d,
            Policy = Str(o, "policy"),
            Scores = Doubles(o["scores"]),
            Timings = Doubles(o["timings"]),
            Models = (o["models"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "") ?? [],
            Findings = (o["findings"] as JsonArray)?.Select(ReadFinding).ToList() ?? [],
            Unchecked = (o["uncheckedReasons"] as JsonArray)?.Select(n => UncheckedReason.Parse(n!.GetValue<string>())).ToList() ?? [],
            Notes = (o["notes"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? [],
            Revision = ReadRevision(o["revision"]),
        };
    }

    private static Finding ReadFinding(JsonNode? node)
    {
        var o = node as JsonObject ?? throw new JsonException("finding must be a JSON object");
        DecisionExtensions.TryParseWire(o["action"]?.GetValue<string>(), out var action);
        TextSpan? span = o["span"] is JsonObject s ? new TextSpan(s["start"]!.GetValue<int>(), s["end"]!.GetValue<int>()) : null;
        return new Finding
        {
            Rule = Str(o, "rule"),
            Category = Str(o, "category"),
            Target = Str(o, "target"),
            Score = o["score"]?.GetValue<double>() ?? 0,
            Threshold = o["threshold"]?.GetValue<double>() ?? 0,
            Action = action,
            Span = span,
            Text = o["text"]?.GetValue<string>(),
            Explanation = o["explanation"]?.GetValue<string>() ?? "",
            Evidence = o["evidence"]?.DeepClone() as JsonObject,
        };
    }

    private static string Str(JsonObject o, string name) =>
        o[name]?.GetValue<string>() ?? throw new JsonException($"verdict field '{name}' is missing");

    private static Dictionary<string, double> Doubles(JsonNode? node) =>
        (node as JsonObject)?.ToDictionary(p => p.Key, p => p.Value!.GetValue<double>()) ?? [];

    // Four decimals keep the wire compact without hiding threshold-level differences.
    private static double Round(double v) => Math.Round(v, 4, MidpointRounding.AwayFromZero);

    /// <summary>Formats a score for the <c>x-guardrail-score</c> header.</summary>
    public static string FormatScore(double score) => Round(score).ToString("0.####", CultureInfo.InvariantCulture);
}
