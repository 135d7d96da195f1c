using System.Text.Json;

namespace Guardrail.ML.Data;

/// <summary>Reads JSON-lines files and string fields of their objects (HaluEval, WiCE, deepset, BIPIA).</summary>
internal static class JsonLines
{
    public static IEnumerable<JsonElement> Read(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            yield return doc.RootElement.Clone();
        }
    }

    public static string Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    /// <summary>A string field, or the lines of an array-of-strings field joined with newlines (BIPIA code contexts).</summary>
    public static string Text(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v)) return "";
        return v.ValueKind == JsonValueKind.Array ? string.Join("\n", v.EnumerateArray().Select(e => e.GetString() ?? "")) : v.GetString() ?? "";
    }
}
