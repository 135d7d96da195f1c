using System.Text.Json.Nodes;
using Guardrail.Verdicts;

namespace Guardrail.Feedback;

/// <summary>
/// One labelled text for retraining (<c>guardrail feedback export</c>, one JSON line each): the stored text of one target,
/// a label per category it says something about, and who said it.
/// </summary>
/// <param name="Text">The text as the audit store keeps it (masked spans as █).</param>
/// <param name="Labels">Category → whether the text is that (<c>insult</c>: true); categories absent are unknown.</param>
/// <param name="Source"><c>human</c> or <c>judge</c>.</param>
/// <param name="VerdictId">The verdict the label came from.</param>
/// <param name="Target">The target path of the text.</param>
public sealed record FeedbackExample(string Text, IReadOnlyDictionary<string, bool> Labels, string Source, string VerdictId, string Target)
{
    /// <summary>The wire source of human labels.</summary>
    public const string Human = "human";

    /// <summary>The wire source of judge labels.</summary>
    public const string Judge = "judge";

    /// <summary>The example as one JSON line.</summary>
    public string ToJsonLine()
    {
        var labels = new JsonObject();
        foreach (var (k, v) in Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) labels[k] = v;
        return WireJson.Serialize(new JsonObject { ["text"] = Text, ["labels"] = labels, ["source"] = Source, ["verdictId"] = VerdictId, ["target"] = Target });
    }

    /// <summary>Reads a line <see cref="ToJsonLine"/> wrote; null for a line of another shape.</summary>
    public static FeedbackExample? FromJsonLine(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is not JsonObject o || o["text"]?.GetValue<string>() is not { } text || o["labels"] is not JsonObject labels) return null;
            var map = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
            foreach (var (k, v) in labels)
            {
                if (v is JsonValue value && value.TryGetValue<bool>(out var b)) map[k] = b;
            }
            return new FeedbackExample(text, map, o["source"]?.GetValue<string>() ?? Judge, o["verdictId"]?.GetValue<string>() ?? "", o["target"]?.GetValue<string>() ?? "");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
