using System.Text.Json.Nodes;
using Guardrail.Grounding;
using Guardrail.Verdicts;

namespace Guardrail.Judging;

/// <summary>A queued exchange as JSON, for a queue shared through a database.</summary>
public static class JudgeWorkJson
{
    /// <summary>The work as a JSON object.</summary>
    public static JsonObject ToJson(JudgeWork work) => new()
    {
        ["verdictId"] = work.VerdictId,
        ["route"] = work.Route,
        ["reason"] = work.Reason,
        ["queued"] = work.Queued.ToUnixTimeMilliseconds(),
        ["texts"] = new JsonArray([.. work.Input.Texts.Select(t => (JsonNode)new JsonObject { ["target"] = t.Target, ["text"] = t.Text })]),
        ["sources"] = new JsonArray([.. work.Input.Sources.Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["title"] = s.Title, ["url"] = s.Url, ["text"] = s.Text, ["origin"] = s.Origin })]),
        ["verdict"] = VerdictJson.ToJson(work.Input.FastVerdict),
    };

    /// <summary>Reads what <see cref="ToJson"/> wrote; throws <see cref="System.Text.Json.JsonException"/> on another shape.</summary>
    public static JudgeWork FromJson(JsonNode node)
    {
        var o = node as JsonObject ?? throw new System.Text.Json.JsonException("judge work must be an object");
        var texts = (o["texts"] as JsonArray ?? []).Select(t => new JudgeText(t!["target"]!.GetValue<string>(), t["text"]!.GetValue<string>())).ToList();
        var sources = (o["sources"] as JsonArray ?? []).Select(s => new Source(s!["id"]!.GetValue<string>(), s["title"]?.GetValue<string>(), s["url"]?.GetValue<string>(), s["text"]!.GetValue<string>(), s["origin"]?.GetValue<string>() ?? "")).ToList();
        return new JudgeWork(
            o["verdictId"]!.GetValue<string>(),
            o["route"]!.GetValue<string>(),
            o["reason"]!.GetValue<string>(),
            new JudgeInput(texts, sources, VerdictJson.FromJson(o["verdict"]!)),
            DateTimeOffset.FromUnixTimeMilliseconds(o["queued"]!.GetValue<long>()));
    }
}
